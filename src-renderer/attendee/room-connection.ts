import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { readBoard } from '../../src-shared/docs/board-doc';
import { ROOM_DOC_PREFIX } from '../../src-shared/docs/room-doc';
import { createConnectionStore, type ConnectionStore } from '../ui/connection';
import { wsOrigin } from '../ui/page';
import { keepLocally } from './local-copy';
import { followNetwork } from './network-events';
import type { WebrtcTransport } from './webrtc-transport';

export interface RoomConnection {
  doc: Y.Doc;
  /** Where the public board is read: `doc` itself on the LAN (an overlay in the room), the relay's board doc for a remote phone. */
  boardDoc: Y.Doc;
  connection: ConnectionStore;
  /** Resolves once IndexedDB's copy of the room is in `doc` (or could not be read). */
  whenLocalLoaded: Promise<void>;
  destroy: () => void;
}

const SYNC_PATH = '/sync';
const SIGNAL_PATH = '/signal';
/** WebRTC is loaded once the WebSocket has not carried the room for this long while the phone is online. */
export const WEBRTC_AFTER_MS = 2500;

/**
 * The phone's private room document: the WebSocket to the laptop at once, IndexedDB alongside (a reload
 * offline keeps what was typed; nothing waits for it), and WebRTC through the laptop's signaling only when
 * the WebSocket does not work (its code is loaded then, not before). Either transport is enough.
 */
export function connectRoom(roomId: string): RoomConnection {
  const docName = `${ROOM_DOC_PREFIX}${roomId}`;
  const doc = new Y.Doc();
  const origin = wsOrigin();
  const ws = new WebsocketProvider(`${origin}${SYNC_PATH}`, docName, doc);
  const local = keepLocally([[docName, doc]], () => update());

  const connection = createConnectionStore();
  let destroyed = false;
  let rtc: WebrtcTransport | null = null;
  let rtcRequested = false;
  /** When the WebSocket last carried the room (or when the room opened). */
  let wsLastGood = Date.now();

  const startWebrtc = (): void => {
    if (rtcRequested) return;
    rtcRequested = true;
    void import('./webrtc-transport').then(
      (m) => {
        if (destroyed) return;
        rtc = m.startWebrtc(docName, doc, `${origin}${SIGNAL_PATH}`);
        rtc.on('peers', update);
        rtc.on('synced', update);
        if (navigator.onLine === false) rtc.disconnect();
        update();
      },
      () => {
        rtcRequested = false; // the chunk could not be fetched: try again on a later check
      },
    );
  };

  function update(): void {
    const wsGood = ws.synced && ws.wsconnected;
    const now = Date.now();
    if (wsGood) wsLastGood = now;
    else if (navigator.onLine !== false && now - wsLastGood > WEBRTC_AFTER_MS) startWebrtc();
    const online = navigator.onLine !== false && (wsGood || (rtc !== null && rtc.online()));
    const prev = connection.getSnapshot();
    // Ready once the doc was synced with the host, now or on an earlier visit (then IndexedDB holds it).
    const everSynced = prev.everSynced || online || (local.loaded() && readBoard(doc).session !== null);
    connection.set({ status: online ? 'online' : everSynced ? 'offline' : 'connecting', everSynced });
  }

  ws.on('status', update);
  ws.on('sync', update);
  // WebRTC connects without an event of its own, and a stalled WebSocket sends none: a cheap poll catches both.
  const timer = window.setInterval(update, 1000);
  // The phone knows its network dropped before the sockets do. Then no transport can work: hold them,
  // keep requests in the doc (and IndexedDB, and the outbox), say so at once, and reconnect when it returns.
  const wentOffline = (): void => {
    ws.disconnect();
    rtc?.disconnect();
    update();
  };
  const cameOnline = (): void => {
    wsLastGood = Date.now();
    ws.connect();
    rtc?.connect();
    update();
  };
  const stopFollowing = followNetwork(wentOffline, cameOnline);
  update();

  return {
    doc,
    boardDoc: doc,
    connection,
    whenLocalLoaded: local.whenLoaded,
    destroy() {
      destroyed = true;
      window.clearInterval(timer);
      stopFollowing();
      rtc?.destroy();
      ws.destroy();
      local.destroy();
      doc.destroy();
    },
  };
}
