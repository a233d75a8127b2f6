import { z } from 'zod';
import { ID_REGEX } from './ids.js';
import { questionRequests } from './features/questions/phone.js';
import { pollRequests } from './features/polls/phone.js';
import { agendaRequests } from './features/agenda/phone.js';
import { commentRequests } from './features/comments/phone.js';

/**
 * What a phone may append to the `requests` array of its room document: every feature's requests
 * (`features/<name>/phone.ts`), one line per feature. Everything here comes from an untrusted device: the
 * host parses each entry with `parsePhoneRequest` and rejects what does not fit.
 */
export const PHONE_REQUEST_SCHEMAS = { ...questionRequests, ...pollRequests, ...agendaRequests, ...commentRequests } as const;

const [first, ...rest] = Object.values(PHONE_REQUEST_SCHEMAS);
export const phoneRequestSchema = z.discriminatedUnion('kind', [first, ...rest]);

export type PhoneRequestKind = keyof typeof PHONE_REQUEST_SCHEMAS;
/** Each request kind's parsed shape. */
export type PhoneRequests = { [K in PhoneRequestKind]: z.output<(typeof PHONE_REQUEST_SCHEMAS)[K]> };
export type PhoneRequest = PhoneRequests[PhoneRequestKind];
/** What the phone writes before validation (the input side of the schema). */
export type PhoneRequestDraft = z.input<(typeof PHONE_REQUEST_SCHEMAS)[PhoneRequestKind]>;

export type ParsedRequest =
  | { ok: true; request: PhoneRequest }
  | { ok: false; requestId: string | null; reason: string };

export function parsePhoneRequest(raw: unknown): ParsedRequest {
  const result = phoneRequestSchema.safeParse(raw);
  if (result.success) return { ok: true, request: result.data };
  const rid =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  const requestId = rid !== null && ID_REGEX.test(rid) ? rid : null;
  return { ok: false, requestId, reason: result.error.issues[0]?.message ?? 'Invalid request.' };
}

export { isFinalReceipt, type Receipt } from './receipts.js';
