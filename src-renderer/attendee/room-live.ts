import { appendRequest, roomParts, roomRequestIds } from '../../src-shared/docs/room-doc';
import { PHONE_PRUNE_ORIGIN, pruneAnswered } from '../../src-shared/docs/room-prune';
import type * as Y from 'yjs';
import { isFinalReceipt } from '../../src-shared/receipts';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import type { ConnectionStore } from '../ui/connection';
import { createYViewStore, type YViewStore } from '../ui/y-view-store';
import type { Outbox } from './outbox';
import { readPhone, type PhoneView } from './phone-view';
import { connectRoom, type RoomConnection } from './room-connection';
import type { JoinIdentity } from './join';
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
  /** Where the board is read (the room itself on the LAN; the relay's board for a remote phone). */
  boardDoc: Y.Doc;
  view: YViewStore<PhoneView>;
  connection: ConnectionStore;
  /** Appends a request to the room document (the caller has put it in the outbox first). */
  append(request: PhoneRequestDraft): void;
  destroy(): void;
}

/** `room`: the room's connection, to the laptop on the LAN (room-connection.ts) or through the relay (relay-connection.ts). */
export function openLiveRoom(room: RoomConnection, outbox: Outbox): LiveRoom {
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
    boardDoc: room.boardDoc,
    view: createYViewStore(doc, readPhone, room.boardDoc),
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

/** A phone on the venue's network: its room through the laptop's WebSocket (or WebRTC). */
export const openLanRoom = (identity: JoinIdentity, outbox: Outbox): LiveRoom => openLiveRoom(connectRoom(identity.roomId), outbox);
