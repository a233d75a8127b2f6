import type * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';

/**
 * The room over WebRTC, through the laptop's signaling and gateway. Its own chunk (y-webrtc and
 * simple-peer are about half of the phone's code): loaded only when the WebSocket does not carry the
 * room (see room-connection.ts), never before the question form.
 */
export interface WebrtcTransport {
  /** A peer channel is open and the laptop's signaling is reachable. */
  online(): boolean;
  on(event: 'peers' | 'synced', f: () => void): void;
  connect(): void;
  disconnect(): void;
  destroy(): void;
}

export function startWebrtc(docName: string, doc: Y.Doc, signalingUrl: string): WebrtcTransport {
  const rtc = new WebrtcProvider(docName, doc, {
    signaling: [signalingUrl],
    peerOpts: { config: { iceServers: [] } },
  });
  return {
    // A peer channel counts while the laptop's signaling is reachable too: a data channel to a laptop that
    // went away stays "connected" for up to 30 s (ICE consent), which would hide a real outage.
    online() {
      const room = rtc.room;
      if (!room) return false;
      if (!(rtc.signalingConns as { connected?: boolean }[]).some((c) => c.connected === true)) return false;
      for (const conn of room.webrtcConns.values()) if (conn.connected) return true;
      return false;
    },
    on(event, f) {
      rtc.on(event, f);
    },
    connect: () => rtc.connect(),
    disconnect: () => rtc.disconnect(),
    destroy: () => rtc.destroy(),
  };
}
