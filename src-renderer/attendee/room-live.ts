import { appendRequest, roomParts, roomRequestIds } from '../../src-shared/docs/room-doc';
import { PHONE_PRUNE_ORIGIN, pruneAnswered } from '../../src-shared/docs/room-prune';
import type * as Y from 'yjs';
import { isFinalReceipt } from '../../src-shared/receipts';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import type { ConnectionStore } from '../ui/connection';
import { createYViewStore, type YViewStore } from '../ui/y-view-store';
import type { Outbox } from './outbox';
import { readPhone, type PhoneView } from './phone-view';
import { connectRoom } from './room-connection';
import { AgendaCard } from './AgendaCard';
import { Polls } from './Polls';

/** Parts of the room screen that read the room document (Yjs): they come with this chunk. */
export const liveCards = { AgendaCard, Polls };
export type LiveCards = typeof liveCards;

/**
 * The live room: its own chunk (Yjs, y-websocket, y-indexeddb), loaded while the question form is already
 * usable. It replays the outbox into the room document and drops what the host has answered: first from
 * the outbox, then from the room (room-prune.ts), in that order, so no answered request is ever sent again
 * and no unanswered one is ever dropped.
 */
export interface LiveRoom {
  /** The room document (for views of their own, like the phone's ballots). */
  doc: Y.Doc;
  view: YViewStore<PhoneView>;
  connection: ConnectionStore;
  /** Appends a request to the room document (the caller has put it in the outbox first). */
  append(request: PhoneRequestDraft): void;
  destroy(): void;
}

export function openLiveRoom(roomId: string, outbox: Outbox): LiveRoom {
  const room = connectRoom(roomId);
  const { doc } = room;
  let replayed = false;

  /** Requests the host answered leave the outbox; requests the document lost go back in (once loaded). */
  const reconcile = (): void => {
    const { receipts } = roomParts(doc);
    const answered = new Set<string>();
    // A "will retry" receipt is no answer: the request stays in the outbox until the host decided it.
    for (const r of outbox.list()) if (isFinalReceipt(receipts.get(r.id))) answered.add(r.id);
    outbox.remove(answered);
    if (!replayed) return;
    const have = roomRequestIds(doc);
    const missing = outbox.list().filter((r) => !have.has(r.id));
    if (missing.length) doc.transact(() => missing.forEach((r) => appendRequest(doc, r)));
    // Then the room: what has left the outbox and the host has answered (room-prune.ts).
    pruneAnswered(doc);
  };
  // The host's receipts map is replaced now and then (room-doc.ts): watch the document, not one map.
  const onTransaction = (tx: Y.Transaction): void => {
    if (tx.origin !== PHONE_PRUNE_ORIGIN) reconcile();
  };

  // Replay after IndexedDB's copy is in (it normally holds them already), so they are not appended twice.
  void room.whenLocalLoaded.then(() => {
    replayed = true;
    reconcile();
  });
  doc.on('afterTransaction', onTransaction);

  return {
    doc,
    view: createYViewStore(doc, readPhone),
    connection: room.connection,
    append(request) {
      if (!roomRequestIds(doc).has(request.id)) appendRequest(doc, request);
    },
    destroy() {
      doc.off('afterTransaction', onTransaction);
      room.destroy();
    },
  };
}
