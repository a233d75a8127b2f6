/**
 * Gateway: bridges each phone room between WebRTC and the host.
 *
 * Per room: one Y.Doc, a stock y-webrtc WebrtcProvider (to the phone, through the host's /signal) and a
 * stock y-websocket WebsocketProvider (to the host's loopback /sync/<room>?t=<token>). Yjs does the
 * bridging: an update that arrives on one provider is applied to the doc and the other provider sends it on.
 * Both providers share one Awareness, whose local state is null (the gateway is not a participant).
 *
 * Host link on demand: most phones never use WebRTC, and a live host link per room would make the host send
 * and the gateway apply every board update twice. So a room's WebsocketProvider exists only while the room
 * has a peer connection, open or being set up (from the phone's announce or offer on), and for `hostGraceMs`
 * after the last one went away; then it is destroyed and the Y.Doc kept, so the next link syncs only the
 * diff. Correctness does not depend on the order in which the two links come up: a phone that connects
 * before the host link has synced gets the host's state as a y-webrtc update broadcast when the host link's
 * sync step 2 lands in the doc (or in its own sync step with the gateway, if its channel opens later), and
 * the phone's writes, already in the doc, go to the host in the answer to the host's sync step 1.
 *
 * Runs unchanged in Node (headless host, see src-main/host/net/gateway-node.ts) and in a Chromium renderer:
 * no Node built-ins and no DOM globals here; the WebSocket class and the WebRTC implementation are injected.
 * y-webrtc's signaling client uses the global `WebSocket` (lib0/websocket), so the Node glue sets it.
 *
 * Recycling: a stuck RTCPeerConnection on the phone side can ignore re-announces from the same gateway peer
 * id (y-webrtc keeps one WebrtcConn per remote peer id and does not retry it). So when a room has had no
 * open peer connection for `recycleAfterMs` (or a connection failed or closed and nothing new is being
 * set up), its WebrtcProvider is destroyed and a new one made: new peer id, fresh subscribe and announce.
 * The Y.Doc and the WebsocketProvider are kept, so nothing is lost. The delay doubles (up to 8x) while a
 * room stays without a phone, and resets when a connection opens.
 */
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider, type WebrtcConn } from 'y-webrtc';
import { conns, dropProvider, PeerGuard } from './gateway-webrtc.js';
import { WebsocketProvider } from 'y-websocket';
import { LIMITS } from '../src-shared/limits.js';

export interface GatewayOptions {
  /** ws://127.0.0.1:P/sync — the room name is appended as /<roomName>. */
  hostSyncUrl: string;
  /** Loopback token, sent as the `t` query parameter. */
  token: string;
  /** ws://127.0.0.1:LANPORT/signal */
  signalingUrl: string;
  WebSocketImpl: typeof WebSocket;
  /** simple-peer options, e.g. { wrtc, config: { iceServers: [] } }. */
  peerOpts: Record<string, unknown>;
  /** Called when the number of open peer connections of a room changes (0 when a room is removed). */
  onPeers?(roomName: string, connectedPeers: number): void;
  /** A room without an open peer connection this long gets a fresh WebrtcProvider. Default 15 000. */
  recycleAfterMs?: number;
  /** A room's host link is closed this long after its last peer connection went away. Default 10 000. */
  hostGraceMs?: number;
  /**
   * Asked before a new peer connection is set up (each costs 20–40 file descriptors in wrtc). Returning a
   * reason refuses the peer (the Node glue refuses when the process is close to its file-descriptor limit).
   */
  refusePeer?(): string | null;
  log?(line: string): void;
}

export interface Gateway {
  addRoom(roomName: string): void;
  removeRoom(roomName: string): void;
  rooms(): string[];
  /** Number of open peer connections of a room (0 for an unknown room). */
  peers(roomName: string): number;
  /** Whether the room currently has a link (WebsocketProvider, connected or connecting) to the host. */
  hostLinked(roomName: string): boolean;
  destroy(): Promise<void>;
}

/**
 * Peer connections per room: the room's one phone, plus one for a phone that reloaded while its old peer is
 * closing. Offers from further peer ids are dropped before y-webrtc sees them (it opens a connection for
 * every offer without looking at its own limit, which let one phone exhaust the host's file descriptors).
 */
const MAX_CONNS_PER_ROOM = LIMITS.gatewayPeersPerRoom;
const MAX_BACKOFF = 8;
/** After a failure, recycle this soon unless a new connection is being set up. */
const FAST_RECYCLE_MS = 2_000;

interface RoomEntry {
  name: string;
  doc: Y.Doc;
  awareness: Awareness;
  /** The host link: only while the room has a peer connection (or within the grace after the last one). */
  ws: WebsocketProvider | null;
  /** Since when the room has had no peer connection, open or being set up, while it has a host link. */
  unusedSince: number | null;
  rtc: WebrtcProvider | null;
  /** Resolves when the WebrtcProvider exists (or the room was removed). Serialises recycles. */
  ready: Promise<void>;
  connected: number;
  recycleAt: number | null;
  backoff: number;
  removed: boolean;
}

export function createGateway(opts: GatewayOptions): Gateway {
  return new RoomGateway(opts);
}

/** Every room of the gateway: its doc, its two providers, and when to link, recycle and unlink them. */
class RoomGateway implements Gateway {
  private readonly recycleAfterMs: number;
  private readonly hostGraceMs: number;
  private readonly attemptGraceMs: number;
  private readonly entries = new Map<string, RoomEntry>();
  /** Rooms being torn down: y-webrtc refuses a second room of the same name until the first is gone. */
  private readonly closing = new Map<string, Promise<void>>();
  private readonly attemptStarted = new WeakMap<WebrtcConn, number>();
  private readonly guard: PeerGuard;
  private readonly timer: ReturnType<typeof setInterval>;
  private destroyed = false;

  constructor(private readonly opts: GatewayOptions) {
    this.recycleAfterMs = opts.recycleAfterMs ?? 15_000;
    this.hostGraceMs = opts.hostGraceMs ?? 10_000;
    this.attemptGraceMs = Math.min(5_000, this.recycleAfterMs);
    this.guard = new PeerGuard({
      rtcOf: (topic) => this.entries.get(topic)?.rtc ?? null,
      maxConnsPerRoom: MAX_CONNS_PER_ROOM,
      isDestroyed: () => this.destroyed,
      ...(opts.refusePeer ? { refusePeer: opts.refusePeer } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    this.timer = setInterval(() => this.tick(), Math.max(100, Math.min(1_000, this.recycleAfterMs / 4, this.hostGraceMs / 4)));
  }

  addRoom(roomName: string): void {
    if (this.destroyed || this.entries.has(roomName)) return;
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    const entry: RoomEntry = {
      name: roomName,
      doc,
      awareness,
      ws: null,
      unusedSince: null,
      rtc: null,
      ready: Promise.resolve(),
      connected: 0,
      recycleAt: Date.now() + this.recycleAfterMs,
      backoff: 1,
      removed: false,
    };
    entry.ready = (this.closing.get(roomName) ?? Promise.resolve())
      .then(() => {
        if (!entry.removed) entry.rtc = this.makeProvider(entry);
      })
      .catch((err: unknown) => console.error('[gateway] opening room failed', roomName, err));
    this.entries.set(roomName, entry);
  }

  removeRoom(roomName: string): void {
    const entry = this.entries.get(roomName);
    if (entry) void this.removeEntry(entry);
  }

  rooms(): string[] {
    return [...this.entries.keys()];
  }

  peers(roomName: string): number {
    return this.entries.get(roomName)?.connected ?? 0;
  }

  hostLinked(roomName: string): boolean {
    return this.entries.get(roomName)?.ws != null;
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.timer);
    await Promise.all([...this.entries.values()].map((e) => this.removeEntry(e)));
    await Promise.all([...this.closing.values()]);
  }

  private report(entry: RoomEntry, count: number): void {
    if (entry.connected === count) return;
    entry.connected = count;
    if (!this.opts.onPeers) return;
    try {
      this.opts.onPeers(entry.name, count);
    } catch (err) {
      console.error('[gateway] onPeers threw', err);
    }
  }

  private openHostLink(entry: RoomEntry): void {
    entry.unusedSince = null;
    if (entry.ws || entry.removed) return;
    entry.ws = new WebsocketProvider(this.opts.hostSyncUrl, entry.name, entry.doc, {
      WebSocketPolyfill: this.opts.WebSocketImpl,
      params: { t: this.opts.token },
      awareness: entry.awareness,
      disableBc: true,
    });
  }

  private closeHostLink(entry: RoomEntry): void {
    const ws = entry.ws;
    entry.ws = null;
    entry.unusedSince = null;
    // Keeps the doc: the next link sends and receives only what changed in between.
    ws?.destroy();
  }

  /**
   * Opens the host link when the room has a peer connection (open or being set up), and starts the grace
   * period when it has none. y-webrtc drops a WebrtcConn from `webrtcConns` when it closes.
   */
  private updateHostLink(entry: RoomEntry): void {
    if (entry.removed) return;
    const rtc = entry.rtc;
    if (rtc && conns(rtc).some((c) => !c.closed)) this.openHostLink(entry);
    else if (entry.ws && entry.unusedSince === null) entry.unusedSince = Date.now();
  }

  private recount(entry: RoomEntry, rtc: WebrtcProvider): void {
    if (entry.rtc !== rtc || entry.removed) return;
    const open = conns(rtc).filter((c) => c.connected).length;
    if (open > 0) {
      entry.recycleAt = null;
      entry.backoff = 1;
    } else if (entry.recycleAt === null) {
      entry.recycleAt = Date.now() + this.recycleAfterMs * entry.backoff;
    }
    this.report(entry, open);
  }

  private onFailure(entry: RoomEntry, rtc: WebrtcProvider): void {
    this.recount(entry, rtc);
    if (entry.rtc !== rtc || entry.connected > 0) return;
    const soon = Date.now() + Math.min(FAST_RECYCLE_MS, this.recycleAfterMs);
    entry.recycleAt = entry.recycleAt === null ? soon : Math.min(entry.recycleAt, soon);
  }

  private watchConns(entry: RoomEntry, rtc: WebrtcProvider): void {
    for (const conn of conns(rtc)) {
      if (this.attemptStarted.has(conn)) continue;
      const now = Date.now();
      this.attemptStarted.set(conn, now);
      // A phone is trying now: if this attempt gets stuck, recycle after the base delay, not a backed-off one.
      entry.backoff = 1;
      entry.recycleAt = Math.min(entry.recycleAt ?? Infinity, now + this.recycleAfterMs);
      // simple-peer emits these after y-webrtc's own handlers (registered in WebrtcConn's constructor) ran.
      const peer = conn.peer as { on(event: string, fn: (...args: unknown[]) => void): void };
      peer.on('connect', () => this.recount(entry, rtc));
      peer.on('close', () => this.onFailure(entry, rtc));
      peer.on('error', () => this.onFailure(entry, rtc));
    }
  }

  private makeProvider(entry: RoomEntry): WebrtcProvider {
    const rtc = new WebrtcProvider(entry.name, entry.doc, {
      signaling: [this.opts.signalingUrl],
      awareness: entry.awareness,
      maxConns: MAX_CONNS_PER_ROOM,
      filterBcConns: true,
      peerOpts: this.opts.peerOpts,
      // no password: it needs crypto.subtle, which plain-http phone pages do not have
    });
    this.guard.filterSignaling(rtc);
    rtc.on('peers', () => {
      this.watchConns(entry, rtc);
      this.recount(entry, rtc);
      this.updateHostLink(entry);
    });
    return rtc;
  }

  private recycle(entry: RoomEntry): void {
    entry.backoff = Math.min(entry.backoff * 2, MAX_BACKOFF);
    entry.recycleAt = Date.now() + this.recycleAfterMs * entry.backoff;
    entry.ready = entry.ready
      .then(async () => {
        const old = entry.rtc;
        if (!old || entry.removed) return;
        entry.rtc = null;
        await dropProvider(old, true);
        if (!entry.removed) entry.rtc = this.makeProvider(entry);
      })
      .catch((err: unknown) => console.error('[gateway] recycling failed', entry.name, err));
  }

  private tick(): void {
    const now = Date.now();
    for (const entry of this.entries.values()) {
      if (entry.ws) {
        this.updateHostLink(entry);
        if (entry.unusedSince !== null && now - entry.unusedSince >= this.hostGraceMs) this.closeHostLink(entry);
      }
      const rtc = entry.rtc;
      if (!rtc || entry.recycleAt === null || entry.recycleAt > now) continue;
      if (conns(rtc).some((c) => c.connected)) {
        this.recount(entry, rtc);
        continue;
      }
      // A connection being set up right now gets its chance first.
      const settingUp = conns(rtc).some((c) => !c.closed && now - (this.attemptStarted.get(c) ?? 0) < this.attemptGraceMs);
      if (settingUp) continue;
      this.recycle(entry);
    }
  }

  private removeEntry(entry: RoomEntry): Promise<void> {
    entry.removed = true;
    this.entries.delete(entry.name);
    this.report(entry, 0);
    this.closeHostLink(entry);
    const done = entry.ready
      .then(async () => {
        const rtc = entry.rtc;
        entry.rtc = null;
        if (rtc) await dropProvider(rtc, false);
      })
      .catch((err: unknown) => console.error('[gateway] removing room failed', entry.name, err))
      .finally(() => {
        entry.doc.destroy();
        entry.awareness.destroy();
        if (this.closing.get(entry.name) === done) this.closing.delete(entry.name);
      });
    this.closing.set(entry.name, done);
    return done;
  }
}
