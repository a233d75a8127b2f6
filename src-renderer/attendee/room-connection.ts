import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { WebrtcProvider } from 'y-webrtc';
import { readBoard } from '../../src-shared/docs/board-doc';
import { ROOM_DOC_PREFIX } from '../../src-shared/docs/room-doc';
import { createConnectionStore, type ConnectionStore } from '../ui/connection';
import { wsOrigin } from '../ui/page';

export interface RoomConnection {
  doc: Y.Doc;
  connection: ConnectionStore;
  destroy: () => void;
}

const SYNC_PATH = '/sync';
const SIGNAL_PATH = '/signal';

/**
 * The phone's private room document: IndexedDB first (a reload offline keeps what was typed), then the
 * WebSocket to the laptop and WebRTC through the laptop's signaling, both at once; either is enough.
 */
export function connectRoom(roomId: string): RoomConnection {
  const docName = `${ROOM_DOC_PREFIX}${roomId}`;
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(docName, doc);
  const origin = wsOrigin();
  const ws = new WebsocketProvider(`${origin}${SYNC_PATH}`, docName, doc);
  const rtc = new WebrtcProvider(docName, doc, {
    signaling: [`${origin}${SIGNAL_PATH}`],
    peerOpts: { config: { iceServers: [] } },
  });

  const connection = createConnectionStore();
  let localLoaded = false;

  // A peer channel counts while the laptop's signaling is reachable too: a data channel to a laptop that
  // went away stays "connected" for up to 30 s (ICE consent), which would hide a real outage.
  const rtcOnline = (): boolean => {
    const room = rtc.room;
    if (!room) return false;
    if (!(rtc.signalingConns as { connected?: boolean }[]).some((c) => c.connected === true)) return false;
    for (const conn of room.webrtcConns.values()) if (conn.connected) return true;
    return false;
  };

  const update = (): void => {
    const online = navigator.onLine !== false && ((ws.synced && ws.wsconnected) || rtcOnline());
    const prev = connection.getSnapshot();
    // Ready once the doc was synced with the host, now or on an earlier visit (then IndexedDB holds it).
    const everSynced = prev.everSynced || online || (localLoaded && readBoard(doc).session !== null);
    connection.set({ status: online ? 'online' : prev.everSynced || everSynced ? 'offline' : 'connecting', everSynced });
  };

  void local.whenSynced.then(() => {
    localLoaded = true;
    update();
  });
  ws.on('status', update);
  ws.on('sync', update);
  rtc.on('peers', update);
  rtc.on('synced', update);
  // WebRTC connects without an event of its own; a cheap poll catches it and any silent drop.
  const timer = window.setInterval(update, 1500);
  // The phone knows its network dropped before the sockets do. Then no transport can work: hold both,
  // keep requests in the doc (and IndexedDB), say so at once, and reconnect both when it returns.
  const wentOffline = (): void => {
    ws.disconnect();
    rtc.disconnect();
    update();
  };
  const cameOnline = (): void => {
    ws.connect();
    rtc.connect();
    update();
  };
  if (navigator.onLine === false) wentOffline();
  window.addEventListener('online', cameOnline);
  window.addEventListener('offline', wentOffline);
  update();

  return {
    doc,
    connection,
    destroy() {
      window.clearInterval(timer);
      window.removeEventListener('online', cameOnline);
      window.removeEventListener('offline', wentOffline);
      rtc.destroy();
      ws.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
