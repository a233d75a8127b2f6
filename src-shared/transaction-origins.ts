import type * as Y from 'yjs';

/**
 * Every Yjs transaction the host makes names why it happened; the room observer acts only on remote ones.
 * - `host:board` / `host:desk`: projections of the log into the public board and the console's desk
 * - `host:private`: a phone's own view in its room (its questions, its votes)
 * - `host:receipt`: the host's answer to a phone's request
 * - `host:prune`: the host dropping receipts the phone is done with, and renewing its parts of a room
 * - `host:load`: a document read back from storage at start (not stored again)
 */
export type TransactionOrigin = 'host:board' | 'host:desk' | 'host:private' | 'host:receipt' | 'host:prune' | 'host:load';

export const isHostOrigin = (origin: unknown): origin is TransactionOrigin =>
  typeof origin === 'string' && origin.startsWith('host:');

/** The host's only way to write a document: every write carries a typed origin. */
export function transact(doc: Y.Doc, origin: TransactionOrigin, write: () => void): void {
  doc.transact(write, origin);
}
