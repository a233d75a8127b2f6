import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readBoard } from '../../src-shared/docs/board-doc';
import { laptopPresent, RELAY_BOARD_DOC } from '../../src-shared/relay';
import { createConnectionStore } from '../ui/connection';
import { wsOrigin } from '../ui/page';
import type { JoinIdentity, RelayRoomAccess } from './join';
import { keepLocally } from './local-copy';
import { followNetwork } from './network-events';
import type { RoomConnection } from './room-connection';


/** Asks for a new token for this phone's room (a re-join through the relay: join-api.ts). */
export type RenewAccess = (identity: JoinIdentity) => Promise<RelayRoomAccess | null>;

/**
 * A remote phone's room, through the relay (issue 20, docs/HYBRID.md): ONE WebSocket to the relay's origin
 * (the page came from there) carrying two documents, the phone's private room (read-write, with the token
 * the laptop issued at join) and the relay's `board` (read-only with the same token). IndexedDB keeps both,
 * so a reload offline shows what the phone knew and keeps what was typed.
 *
 * The laptop is present on the board as an awareness state (relay-link.ts): while it is gone (the venue's
 * uplink dropped), the phone is connected to the relay but nothing reaches the meeting, and says so
 * (`hostAway`); requests stay in the room document and the outbox and arrive when the laptop is back.
 *
 * The token runs out after an hour: it is renewed before (`renewAt`) by a re-join with the device cookie,
 * and at once if the relay refuses it (a phone asleep past its token). No WebRTC here: the relay is on the
 * internet, there is no LAN to take a second path through.
 */
export function connectRelayRoom(identity: JoinIdentity & { relay: RelayRoomAccess }, renew: RenewAccess): RoomConnection {
  let access = identity.relay;
  const doc = new Y.Doc();
  const boardDoc = new Y.Doc();
  const connection = createConnectionStore();
  const local = keepLocally(
    [
      [access.doc, doc],
      [`${RELAY_BOARD_DOC}:${identity.sessionId}`, boardDoc],
    ],
    () => update(),
  );

  /** The token, renewed first when it is due (the provider asks on every connect). */
  const token = async (): Promise<string> => {
    if (Date.now() >= access.renewAt) access = (await renew(identity)) ?? access;
    return access.token;
  };
  const socket = new HocuspocusProviderWebsocket({ url: `${wsOrigin()}/`, delay: 250, minDelay: 250, maxDelay: 3000 });
  // The phone is not a participant on the board: no awareness state of its own; it only reads the laptop's.
  const presence = new Awareness(boardDoc);
  presence.setLocalState(null);
  const room = new HocuspocusProvider({ name: access.doc, document: doc, awareness: null, token, websocketProvider: socket });
  const board = new HocuspocusProvider({ name: RELAY_BOARD_DOC, document: boardDoc, awareness: presence, token, websocketProvider: socket });
  // The provider sends on every awareness change, the laptop's it just received included (an echo per phone
  // per renewal). A phone only reads: nothing of awareness leaves it (the relay closes a phone that sends any).
  presence.off('update', board.boundAwarenessUpdateHandler);
  let renewing = false;
  /** Refused (a token that ran out while the phone slept): a new one, then the socket again. */
  const refused = (): void => {
    if (renewing) return;
    renewing = true;
    access = { ...access, renewAt: 0 };
    void token().finally(() => {
      renewing = false;
      // The socket must be closed before it can open again (connect() on an open socket does nothing).
      const reopen = ({ status }: { status: WebSocketStatus }): void => {
        if (status !== WebSocketStatus.Disconnected) return;
        socket.off('status', reopen);
        if (navigator.onLine !== false) void socket.connect();
      };
      if (socket.status === WebSocketStatus.Disconnected) return reopen({ status: socket.status });
      socket.on('status', reopen);
      socket.disconnect();
    });
  };
  room.on('authenticationFailed', refused);
  board.on('authenticationFailed', refused);

  const update = (): void => {
    const reached = navigator.onLine !== false && socket.status === WebSocketStatus.Connected && room.isSynced;
    const laptop = laptopPresent(presence.getStates() as Map<number, Record<string, unknown>>, presence.meta, Date.now());
    const prev = connection.getSnapshot();
    const everSynced = prev.everSynced || (reached && laptop) || (local.loaded() && readBoard(boardDoc).session !== null);
    connection.set({ status: reached && laptop ? 'online' : everSynced ? 'offline' : 'connecting', everSynced, hostAway: reached && !laptop });
  };
  socket.on('status', update);
  room.on('synced', update);
  presence.on('change', update);
  const timer = window.setInterval(update, 1000);
  const stopFollowing = followNetwork(
    () => (socket.disconnect(), update()),
    () => (void socket.connect(), update()),
  );
  room.attach();
  board.attach();
  update();

  return {
    doc,
    boardDoc,
    connection,
    whenLocalLoaded: local.whenLoaded,
    destroy() {
      window.clearInterval(timer);
      stopFollowing();
      room.destroy();
      board.destroy();
      socket.destroy();
      local.destroy();
      doc.destroy();
      boardDoc.destroy();
    },
  };
}
