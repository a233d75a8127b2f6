import type { WebrtcConn, WebrtcProvider } from 'y-webrtc';

/** A refusal is logged at most once per room per this long. */
const REFUSAL_LOG_MS = 60_000;

/** A room's peer connections, open or being set up. */
export const conns = (rtc: WebrtcProvider): WebrtcConn[] => (rtc.room ? [...rtc.room.webrtcConns.values()] : []);

interface PeerGuardOptions {
  /** The room's current WebrtcProvider, if the gateway has that room. */
  rtcOf(topic: string): WebrtcProvider | null;
  maxConnsPerRoom: number;
  isDestroyed(): boolean;
  refusePeer?(): string | null;
  log?(line: string): void;
}

/**
 * Keeps y-webrtc from opening peer connections a room must not have. y-webrtc's signaling connection is
 * shared by every room (one per URL): its 'message' events go through `refuse` first. Installed once per
 * connection and gateway.
 */
export class PeerGuard {
  private readonly filtered = new WeakSet<object>();
  private readonly refusalLogged = new Map<string, number>();

  constructor(private readonly opts: PeerGuardOptions) {}

  filterSignaling(rtc: WebrtcProvider): void {
    for (const conn of rtc.signalingConns as unknown as Array<{ emit(name: string, args: unknown[]): void }>) {
      if (this.filtered.has(conn)) continue;
      this.filtered.add(conn);
      const emit = conn.emit.bind(conn);
      conn.emit = (name: string, args: unknown[]) => {
        if (name === 'message' && !this.opts.isDestroyed() && this.refuse(args[0])) return;
        emit(name, args);
      };
    }
  }

  /** Whether a signaling message would make y-webrtc open a peer connection this room must not have. */
  private refuse(m: unknown): boolean {
    if (typeof m !== 'object' || m === null) return false;
    const { type, topic, data } = m as { type?: unknown; topic?: unknown; data?: unknown };
    if (type !== 'publish' || typeof topic !== 'string' || typeof data !== 'object' || data === null) return false;
    const room = this.opts.rtcOf(topic)?.room;
    if (!room) return false;
    const { from, to } = data as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || from === room.peerId || room.webrtcConns.has(from)) return false;
    if (to !== undefined && to !== room.peerId) return false; // y-webrtc ignores it anyway
    const reason =
      room.webrtcConns.size >= this.opts.maxConnsPerRoom ? `already ${room.webrtcConns.size} peer connections` : (this.opts.refusePeer?.() ?? null);
    if (reason === null) return false;
    const now = Date.now();
    if (now - (this.refusalLogged.get(topic) ?? 0) >= REFUSAL_LOG_MS) {
      this.refusalLogged.set(topic, now);
      this.opts.log?.(`gateway: refused a new WebRTC peer for ${topic}: ${reason}`);
    }
    return true;
  }
}

/** Destroys a WebrtcProvider; resolves once y-webrtc has forgotten the room name. */
export async function dropProvider(rtc: WebrtcProvider, keepSignaling: boolean): Promise<void> {
  // Silence the dying peers first: y-webrtc's 'close' handler re-announces the OLD peer id, and a phone
  // that hears it opens a connection to a peer that no longer exists (it never times out).
  for (const conn of conns(rtc)) {
    const peer = conn.peer as { removeAllListeners(event: string): void };
    peer.removeAllListeners('close');
    peer.removeAllListeners('signal');
  }
  if (keepSignaling) {
    // Leave the shared signaling connection open for the provider that replaces this one (disconnect()
    // would close it when this was its last provider, and the server would then see the gateway leave
    // and come back on a new connection).
    for (const conn of rtc.signalingConns as Array<{ providers: Set<WebrtcProvider> }>) conn.providers.delete(rtc);
  } else {
    rtc.disconnect();
  }
  rtc.destroy();
  // y-webrtc deletes the room from its registry in `key.then(...)` registered by destroy(); a callback
  // registered now runs after it.
  await rtc.key;
}
