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
 * Runs unchanged in Node (headless host, see src-main/host/gateway-node.ts) and in a Chromium renderer:
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
/** A refusal is logged at most once per room per this long. */
const REFUSAL_LOG_MS = 60_000;
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
  const recycleAfterMs = opts.recycleAfterMs ?? 15_000;
  const hostGraceMs = opts.hostGraceMs ?? 10_000;
  const attemptGraceMs = Math.min(5_000, recycleAfterMs);
  const entries = new Map<string, RoomEntry>();
  /** Rooms being torn down: y-webrtc refuses a second room of the same name until the first is gone. */
  const closing = new Map<string, Promise<void>>();
  const attemptStarted = new WeakMap<WebrtcConn, number>();
  const filtered = new WeakSet<object>();
  const refusalLogged = new Map<string, number>();
  let destroyed = false;

  /** Whether a signaling message would make y-webrtc open a peer connection this room must not have. */
  const refuseNewPeer = (m: unknown): boolean => {
    if (typeof m !== 'object' || m === null) return false;
    const { type, topic, data } = m as { type?: unknown; topic?: unknown; data?: unknown };
    if (type !== 'publish' || typeof topic !== 'string' || typeof data !== 'object' || data === null) return false;
    const entry = entries.get(topic);
    const room = entry?.rtc?.room;
    if (!entry || !room) return false;
    const { from, to } = data as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || from === room.peerId || room.webrtcConns.has(from)) return false;
    if (to !== undefined && to !== room.peerId) return false; // y-webrtc ignores it anyway
    let reason: string | null = null;
    if (room.webrtcConns.size >= MAX_CONNS_PER_ROOM) reason = `already ${room.webrtcConns.size} peer connections`;
    else reason = opts.refusePeer?.() ?? null;
    if (reason === null) return false;
    const now = Date.now();
    if (now - (refusalLogged.get(topic) ?? 0) >= REFUSAL_LOG_MS) {
      refusalLogged.set(topic, now);
      opts.log?.(`gateway: refused a new WebRTC peer for ${topic}: ${reason}`);
    }
    return true;
  };

  /**
   * y-webrtc's signaling connection is shared by every room (one per URL): its 'message' events go
   * through `refuseNewPeer` first. Installed once per connection and gateway.
   */
  const filterSignaling = (rtc: WebrtcProvider): void => {
    for (const conn of rtc.signalingConns as unknown as Array<{ emit(name: string, args: unknown[]): void }>) {
      if (filtered.has(conn)) continue;
      filtered.add(conn);
      const emit = conn.emit.bind(conn);
      conn.emit = (name: string, args: unknown[]) => {
        if (name === 'message' && !destroyed && refuseNewPeer(args[0])) return;
        emit(name, args);
      };
    }
  };

  const report = (entry: RoomEntry, count: number): void => {
    if (entry.connected === count) return;
    entry.connected = count;
    if (!opts.onPeers) return;
    try {
      opts.onPeers(entry.name, count);
    } catch (err) {
      console.error('[gateway] onPeers threw', err);
    }
  };

  const conns = (rtc: WebrtcProvider): WebrtcConn[] => (rtc.room ? [...rtc.room.webrtcConns.values()] : []);

  const openHostLink = (entry: RoomEntry): void => {
    entry.unusedSince = null;
    if (entry.ws || entry.removed) return;
    entry.ws = new WebsocketProvider(opts.hostSyncUrl, entry.name, entry.doc, {
      WebSocketPolyfill: opts.WebSocketImpl,
      params: { t: opts.token },
      awareness: entry.awareness,
      disableBc: true,
    });
  };

  const closeHostLink = (entry: RoomEntry): void => {
    const ws = entry.ws;
    entry.ws = null;
    entry.unusedSince = null;
    // Keeps the doc: the next link sends and receives only what changed in between.
    ws?.destroy();
  };

  /**
   * Opens the host link when the room has a peer connection (open or being set up), and starts the grace
   * period when it has none. y-webrtc drops a WebrtcConn from `webrtcConns` when it closes.
   */
  const updateHostLink = (entry: RoomEntry): void => {
    if (entry.removed) return;
    const rtc = entry.rtc;
    if (rtc && conns(rtc).some((c) => !c.closed)) openHostLink(entry);
    else if (entry.ws && entry.unusedSince === null) entry.unusedSince = Date.now();
  };

  const recount = (entry: RoomEntry, rtc: WebrtcProvider): void => {
    if (entry.rtc !== rtc || entry.removed) return;
    const open = conns(rtc).filter((c) => c.connected).length;
    if (open > 0) {
      entry.recycleAt = null;
      entry.backoff = 1;
    } else if (entry.recycleAt === null) {
      entry.recycleAt = Date.now() + recycleAfterMs * entry.backoff;
    }
    report(entry, open);
  };

  const onFailure = (entry: RoomEntry, rtc: WebrtcProvider): void => {
    recount(entry, rtc);
    if (entry.rtc !== rtc || entry.connected > 0) return;
    const soon = Date.now() + Math.min(FAST_RECYCLE_MS, recycleAfterMs);
    entry.recycleAt = entry.recycleAt === null ? soon : Math.min(entry.recycleAt, soon);
  };

  const watchConns = (entry: RoomEntry, rtc: WebrtcProvider): void => {
    for (const conn of conns(rtc)) {
      if (attemptStarted.has(conn)) continue;
      const now = Date.now();
      attemptStarted.set(conn, now);
      // A phone is trying now: if this attempt gets stuck, recycle after the base delay, not a backed-off one.
      entry.backoff = 1;
      entry.recycleAt = Math.min(entry.recycleAt ?? Infinity, now + recycleAfterMs);
      // simple-peer emits these after y-webrtc's own handlers (registered in WebrtcConn's constructor) ran.
      const peer = conn.peer as { on(event: string, fn: (...args: unknown[]) => void): void };
      peer.on('connect', () => recount(entry, rtc));
      peer.on('close', () => onFailure(entry, rtc));
      peer.on('error', () => onFailure(entry, rtc));
    }
  };

  const makeProvider = (entry: RoomEntry): WebrtcProvider => {
    const rtc = new WebrtcProvider(entry.name, entry.doc, {
      signaling: [opts.signalingUrl],
      awareness: entry.awareness,
      maxConns: MAX_CONNS_PER_ROOM,
      filterBcConns: true,
      peerOpts: opts.peerOpts,
      // no password: it needs crypto.subtle, which plain-http phone pages do not have
    });
    filterSignaling(rtc);
    rtc.on('peers', () => {
      watchConns(entry, rtc);
      recount(entry, rtc);
      updateHostLink(entry);
    });
    return rtc;
  };

  /** Destroys a WebrtcProvider; resolves once y-webrtc has forgotten the room name. */
  const dropProvider = async (rtc: WebrtcProvider, keepSignaling: boolean): Promise<void> => {
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
  };

  const whenClosed = (name: string): Promise<void> => closing.get(name) ?? Promise.resolve();

  const recycle = (entry: RoomEntry): void => {
    entry.backoff = Math.min(entry.backoff * 2, MAX_BACKOFF);
    entry.recycleAt = Date.now() + recycleAfterMs * entry.backoff;
    entry.ready = entry.ready
      .then(async () => {
        const old = entry.rtc;
        if (!old || entry.removed) return;
        entry.rtc = null;
        await dropProvider(old, true);
        if (!entry.removed) entry.rtc = makeProvider(entry);
      })
      .catch((err: unknown) => console.error('[gateway] recycling failed', entry.name, err));
  };

  const tick = (): void => {
    const now = Date.now();
    for (const entry of entries.values()) {
      if (entry.ws) {
        updateHostLink(entry);
        if (entry.unusedSince !== null && now - entry.unusedSince >= hostGraceMs) closeHostLink(entry);
      }
      const rtc = entry.rtc;
      if (!rtc || entry.recycleAt === null || entry.recycleAt > now) continue;
      if (conns(rtc).some((c) => c.connected)) {
        recount(entry, rtc);
        continue;
      }
      // A connection being set up right now gets its chance first.
      const settingUp = conns(rtc).some((c) => !c.closed && now - (attemptStarted.get(c) ?? 0) < attemptGraceMs);
      if (settingUp) continue;
      recycle(entry);
    }
  };
  const timer = setInterval(tick, Math.max(100, Math.min(1_000, recycleAfterMs / 4, hostGraceMs / 4)));

  const removeEntry = (entry: RoomEntry): Promise<void> => {
    entry.removed = true;
    entries.delete(entry.name);
    report(entry, 0);
    closeHostLink(entry);
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
        if (closing.get(entry.name) === done) closing.delete(entry.name);
      });
    closing.set(entry.name, done);
    return done;
  };

  return {
    addRoom(roomName: string): void {
      if (destroyed || entries.has(roomName)) return;
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
        recycleAt: Date.now() + recycleAfterMs,
        backoff: 1,
        removed: false,
      };
      entry.ready = whenClosed(roomName)
        .then(() => {
          if (!entry.removed) entry.rtc = makeProvider(entry);
        })
        .catch((err: unknown) => console.error('[gateway] opening room failed', roomName, err));
      entries.set(roomName, entry);
    },
    removeRoom(roomName: string): void {
      const entry = entries.get(roomName);
      if (entry) void removeEntry(entry);
    },
    rooms(): string[] {
      return [...entries.keys()];
    },
    peers(roomName: string): number {
      return entries.get(roomName)?.connected ?? 0;
    },
    hostLinked(roomName: string): boolean {
      return entries.get(roomName)?.ws != null;
    },
    async destroy(): Promise<void> {
      if (destroyed) return;
      destroyed = true;
      clearInterval(timer);
      await Promise.all([...entries.values()].map(removeEntry));
      await Promise.all([...closing.values()]);
    },
  };
}
