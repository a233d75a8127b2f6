import * as Y from 'yjs';
import { HOST_PART_NAMES, hostParts, renewHostParts, roomRequestIds } from '../../../src-shared/docs/room-doc.js';
import type { Receipt } from '../../../src-shared/requests.js';
import { transact } from '../../../src-shared/transaction-origins.js';

/**
 * The host's half of pruning a room (issue 21; the phone's half is src-shared/docs/room-prune.ts). The
 * phone deletes a request once it is done with it; the host then drops its receipt. Every
 * `RENEW_AFTER_DROPPED` dropped receipts the host renews its parts of the room, so the room's Yjs history
 * collapses to what it holds now.
 *
 * Nothing here can lose or replay a request: the phone deletes only requests whose final receipt it has
 * (written after the commit), and a request the phone sends again under the same id is answered from the
 * log (`RequestPipeline`), not decided twice.
 */
export const RENEW_AFTER_DROPPED = 64;

/** Receipts whose request is no longer in the room. Returns how many were dropped. */
export function dropAnsweredReceipts(doc: Y.Doc): number {
  const live = roomRequestIds(doc);
  const { receipts } = hostParts(doc);
  const gone = [...receipts.keys()].filter((id) => !live.has(id));
  if (gone.length > 0) transact(doc, 'host:prune', () => gone.forEach((id) => receipts.delete(id)));
  return gone.length;
}

/**
 * A room written before issue 21 kept the host's parts at the top level (`receipts`, `mine`, ...): their
 * receipts move into the host's parts (the private views are rewritten on load anyway) and the old maps
 * are emptied. A no-op on a room of this version.
 */
export function moveTopLevelParts(doc: Y.Doc): void {
  const old = doc.share;
  const names = HOST_PART_NAMES.filter((n) => old.get(n) instanceof Y.AbstractType);
  if (names.length === 0) return;
  transact(doc, 'host:prune', () => {
    const receipts = hostParts(doc).receipts;
    for (const name of names) {
      const map = doc.getMap<unknown>(name);
      if (name === 'receipts') for (const [id, r] of map.entries()) if (!receipts.has(id)) receipts.set(id, r as Receipt);
      for (const key of [...map.keys()]) map.delete(key);
    }
  });
}

/** Per loaded room: receipts dropped since the host's parts were last renewed. */
export class RoomPruning {
  private dropped = 0;

  constructor(private readonly doc: Y.Doc) {}

  /** The phone deleted requests (or the room just loaded): drop their receipts, renew when it is time. */
  afterDeletes(): void {
    this.dropped += dropAnsweredReceipts(this.doc);
    if (this.dropped < RENEW_AFTER_DROPPED) return;
    this.dropped = 0;
    renewHostParts(this.doc);
  }
}
