import type { WebrtcConn, WebrtcProvider } from 'y-webrtc';

/** A refusal is logged at most once per room per this long. */
const REFUSAL_LOG_MS = 60_000;
/** A peer's repeated announce is answered at most this often. */
const ANNOUNCE_BACK_MS = 1_000;
/** Announcing peers remembered at once (the map is cleared when full; the signal server rate-limits each phone). */
const ANNOUNCE_BACK_KEYS = 10_000;

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

/** What the guard does with a signaling message before y-webrtc sees it. */
type Verdict = 'pass' | 'drop' | 'announce-back';

interface SignalingConnLike {
  emit(name: string, args: unknown[]): void;
  send(message: unknown): void;
}

/**
 * Keeps y-webrtc from opening peer connections a room must not have, and makes the phone the only side that
 * ever offers. y-webrtc's signaling connection is shared by every room (one per URL): its 'message' events
 * go through `screen` first. Installed once per connection and gateway.
 *
 * Why the gateway never offers: y-webrtc opens an initiating connection to every peer whose announce it
 * hears. When the phone and the gateway hear each other's announce at about the same time (a phone already
 * in its room when the gateway subscribes, as after a host restart), both initiate; y-webrtc 10.3 settles
 * that "glare" by signalling the remote offer into its own initiating peer, and each side then reads only
 * the data channel it created itself: both report connected and no byte arrives. So the gateway takes no
 * announce itself; it answers a phone's announce with its own, and the phone makes the offer.
 */
export class PeerGuard {
  private readonly filtered = new WeakSet<object>();
  private readonly refusalLogged = new Map<string, number>();
  /** `${topic} ${from}` → when the gateway last answered that peer's announce. */
  private readonly announcedBack = new Map<string, number>();

  constructor(private readonly opts: PeerGuardOptions) {}

  filterSignaling(rtc: WebrtcProvider): void {
    for (const conn of rtc.signalingConns as unknown as SignalingConnLike[]) {
      if (this.filtered.has(conn)) continue;
      this.filtered.add(conn);
      const emit = conn.emit.bind(conn);
      conn.emit = (name: string, args: unknown[]) => {
        const verdict = name === 'message' && !this.opts.isDestroyed() ? this.screen(args[0]) : 'pass';
        if (verdict === 'pass') emit(name, args);
        else if (verdict === 'announce-back') this.announceBack(conn, args[0] as { topic: string });
      };
    }
  }

  private screen(m: unknown): Verdict {
    if (typeof m !== 'object' || m === null) return 'pass';
    const { type, topic, data } = m as { type?: unknown; topic?: unknown; data?: unknown };
    if (type !== 'publish' || typeof topic !== 'string' || typeof data !== 'object' || data === null) return 'pass';
    const room = this.opts.rtcOf(topic)?.room;
    if (!room) return 'pass';
    const { from, to, type: kind } = data as { from?: unknown; to?: unknown; type?: unknown };
    if (typeof from !== 'string' || from === room.peerId) return 'pass';
    if (kind === 'announce') {
      if (room.webrtcConns.has(from) || this.refusal(topic, room.webrtcConns.size) !== null) return 'drop';
      return this.firstAnnounceFrom(`${topic} ${from}`) ? 'announce-back' : 'drop';
    }
    if (room.webrtcConns.has(from)) return 'pass';
    if (to !== undefined && to !== room.peerId) return 'pass'; // y-webrtc ignores it anyway
    return this.refusal(topic, room.webrtcConns.size) === null ? 'pass' : 'drop';
  }

  /** Why the room must not take another peer connection now, or null. Logged at most once a minute per room. */
  private refusal(topic: string, open: number): string | null {
    const reason = open >= this.opts.maxConnsPerRoom ? `already ${open} peer connections` : (this.opts.refusePeer?.() ?? null);
    if (reason === null) return null;
    const now = Date.now();
    if (now - (this.refusalLogged.get(topic) ?? 0) >= REFUSAL_LOG_MS) {
      this.refusalLogged.set(topic, now);
      this.opts.log?.(`gateway: refused a new WebRTC peer for ${topic}: ${reason}`);
    }
    return reason;
  }

  /** One answer per announcing peer per second: a peer repeating its announce gets no echo storm. */
  private firstAnnounceFrom(key: string): boolean {
    const now = Date.now();
    if (now - (this.announcedBack.get(key) ?? -Infinity) < ANNOUNCE_BACK_MS) return false;
    if (this.announcedBack.size >= ANNOUNCE_BACK_KEYS) this.announcedBack.clear();
    this.announcedBack.set(key, now);
    return true;
  }

  /** The gateway's own announce, as y-webrtc publishes it (no room password: see gateway.ts). */
  private announceBack(conn: SignalingConnLike, m: { topic: string }): void {
    const room = this.opts.rtcOf(m.topic)?.room;
    if (room) conn.send({ type: 'publish', topic: m.topic, data: { type: 'announce', from: room.peerId } });
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
