// Kept free of zod: the phone reads receipts in chunks that must stay small.

/**
 * The host's answer to one request, written into the phone's room document. A receipt with `retry` is
 * not final: the host could not store the request yet (its data folder cannot be written) and answers it
 * again, by itself, when it can; the phone keeps showing the request as waiting to send.
 */
export type Receipt =
  | { ok: true; at: number; questionId?: string }
  | { ok: false; at: number; reason: string; retry?: true };

export const isFinalReceipt = (receipt: Receipt | undefined): receipt is Receipt =>
  receipt !== undefined && !(receipt.ok === false && receipt.retry === true);
