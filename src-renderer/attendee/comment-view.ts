import type * as Y from 'yjs';
import { roomParts } from '../../src-shared/docs/room-doc';
import { isFinalReceipt } from '../../src-shared/receipts';

/** Where this phone's last written comment on an item stands. */
export type MyComment = { state: 'sending' } | { state: 'received' } | { state: 'refused'; reason: string };

/**
 * This phone's last written comment on each item, from its room document (pure): sending until the
 * host's final receipt is in (also while offline: the request waits in the document and the outbox).
 */
export function readMyComments(doc: Y.Doc): Map<string, MyComment> {
  const { requests, receipts } = roomParts(doc);
  const last = new Map<string, string>();
  for (const raw of requests.toArray()) {
    const r = raw as { kind?: unknown; id?: unknown; itemId?: unknown };
    if (r.kind === 'comment' && typeof r.id === 'string' && typeof r.itemId === 'string') last.set(r.itemId, r.id);
  }
  const out = new Map<string, MyComment>();
  for (const [itemId, id] of last) {
    const receipt = receipts.get(id);
    if (!isFinalReceipt(receipt)) out.set(itemId, { state: 'sending' });
    else out.set(itemId, receipt.ok ? { state: 'received' } : { state: 'refused', reason: receipt.reason });
  }
  return out;
}
