import type * as Y from 'yjs';
import { roomParts } from '../../src-shared/docs/room-doc';
import { isFinalReceipt } from '../../src-shared/receipts';

/** This phone's answer to one poll, as the phone shows it. */
export interface MyBallot {
  /** The ballot the host counted (option indexes), or null. */
  counted: number[] | null;
  /** A ballot sent and not answered yet (shown at once, marked as sending). */
  sending: number[] | null;
  /** Why the last ballot sent for this poll was refused, if it was. */
  refused: string | null;
}

/** Every poll this phone answered or tried to, from its own room (pure: a function of the doc). */
export function readMyBallots(doc: Y.Doc): ReadonlyMap<string, MyBallot> {
  const { requests, receipts, myBallots } = roomParts(doc);
  const out = new Map<string, MyBallot>();
  const entry = (pollId: string): MyBallot => {
    let b = out.get(pollId);
    if (!b) out.set(pollId, (b = { counted: null, sending: null, refused: null }));
    return b;
  };
  for (const [pollId, choices] of myBallots.entries()) entry(pollId).counted = choices;
  for (const raw of requests.toArray()) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as { kind?: unknown; id?: unknown; pollId?: unknown; choices?: unknown };
    if (r.kind !== 'ballot' || typeof r.id !== 'string' || typeof r.pollId !== 'string' || !Array.isArray(r.choices)) continue;
    const b = entry(r.pollId);
    const stored = receipts.get(r.id);
    const receipt = isFinalReceipt(stored) ? stored : undefined;
    // Requests are in order: the last one sent decides what the phone shows.
    b.sending = receipt ? null : (r.choices as number[]);
    b.refused = receipt && !receipt.ok ? receipt.reason : null;
  }
  return out;
}
