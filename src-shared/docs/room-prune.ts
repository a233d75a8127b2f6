import type * as Y from 'yjs';
import { isFinalReceipt } from '../receipts.js';
import { roomParts } from './room-doc.js';

/** The origin of the phone's own deletions of answered requests. */
export const PHONE_PRUNE_ORIGIN = 'phone:prune';

/**
 * What a later request of the same kind replaces on the phone's screen: a vote by the next vote or unvote
 * of that question, a ballot by the next ballot of that poll, a sign-up by the next one for that item, a
 * written comment by the next comment on that item.
 */
function family(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { kind?: unknown; questionId?: unknown; pollId?: unknown; itemId?: unknown };
  switch (r.kind) {
    case 'vote':
    case 'unvote':
      return `vote ${String(r.questionId)}`;
    case 'withdraw':
      return `withdraw ${String(r.questionId)}`;
    case 'ballot':
      return `ballot ${String(r.pollId)}`;
    case 'speak':
    case 'unspeak':
      return `speak ${String(r.itemId)}`;
    case 'comment':
      return `comment ${String(r.itemId)}`;
    default:
      return null;
  }
}

/**
 * The positions in `requests` of the requests this phone is done with (issue 21). Called after the outbox
 * dropped what the host answered, so a request leaves the room only once it has left the outbox too:
 * - accepted: once the host's own view shows it (an accepted question is in `mine`, an accepted sign-up in
 *   `mySpeaking`; a vote, a ballot, a withdrawal at once: `myVotes`, `myBallots`, `mine` carry them); a
 *   written comment has no host view, so the last one on each item stays (the phone says "received" from
 *   its receipt) until a later comment on the item replaces it: at most one per agenda item;
 * - refused: once a later request of the same kind replaced it on the screen; a refused question stays
 *   (the phone shows its text and why, so the resident can ask again);
 * - waiting, or "will retry": never.
 * Pure: a function of the document.
 */
export function answeredRequests(doc: Y.Doc): number[] {
  const { requests, receipts, mine, mySpeaking } = roomParts(doc);
  const list = requests.toArray();
  const last = new Map<string, number>();
  list.forEach((raw, i) => {
    const f = family(raw);
    if (f !== null) last.set(f, i);
  });
  const asked = new Set([...mine.values()].map((m) => m.requestId));
  const signedUp = new Set([...mySpeaking.values()].map((s) => s.requestId));
  const done: number[] = [];
  list.forEach((raw, i) => {
    const r = raw as { id?: unknown; kind?: unknown } | null;
    if (typeof r?.id !== 'string') return;
    const receipt = receipts.get(r.id);
    if (!isFinalReceipt(receipt)) return;
    if (receipt.ok) {
      if (r.kind === 'ask' && !asked.has(r.id)) return;
      if (r.kind === 'speak' && !signedUp.has(r.id)) return;
      if (r.kind === 'comment' && last.get(family(r) ?? '') === i) return;
      done.push(i);
      return;
    }
    if (r.kind === 'ask') return;
    const f = family(r);
    if (f === null || last.get(f) !== i) done.push(i);
  });
  return done;
}

/** Deletes the requests this phone is done with from its room; the host then drops their receipts. */
export function pruneAnswered(doc: Y.Doc): number {
  const done = answeredRequests(doc);
  if (done.length === 0) return 0;
  const { requests } = roomParts(doc);
  doc.transact(() => {
    for (let k = done.length - 1; k >= 0; k--) requests.delete(done[k]!, 1);
  }, PHONE_PRUNE_ORIGIN);
  return done.length;
}
