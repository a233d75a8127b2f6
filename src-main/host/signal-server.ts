/**
 * y-webrtc signaling server for the LAN listener's /signal endpoint.
 *
 * Wire protocol (matches y-webrtc 10.3 bin/server.js and its SignalingConn client):
 *   client → server  {type:'subscribe', topics:string[]}
 *                    {type:'unsubscribe', topics:string[]}
 *                    {type:'publish', topic:string, data:{type:'announce'|'signal', from, to?, token?, signal?}}
 *                    {type:'ping'}
 *   server → client  {type:'publish', topic, data, clients}   to every subscriber of the topic, sender included
 *                    {type:'pong'}
 *                    {type:'error', reason, topic}             ignored by y-webrtc clients (they only act on 'publish')
 *
 * Differences from the stock server, on purpose:
 * - only topics for which `isIssuedTopic` is true can be subscribed (room names the host issued);
 * - at most `maxPeersPerTopic` connections per topic (the phone and the gateway). When a topic is full, the
 *   current subscribers are probed with a WebSocket ping first; one that does not answer within
 *   `probeTimeoutMs` is terminated and the newcomer admitted (a phone that lost its network comes back on
 *   a new connection while the old one is still half-open). Otherwise the newcomer is refused;
 * - a message that is too large, not JSON or not of a known shape closes that connection (1009 / 1008);
 * - a connection publishes only to topics it subscribed;
 * - the forwarded publish is rebuilt from the validated fields (nothing else passes through).
 *
 * The handler never throws: every callback is guarded.
 */
import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES } from '../../src-shared/close-codes.js';

export interface SignalServerOptions {
  isIssuedTopic(topic: string): boolean;
  maxPeersPerTopic: number;
  maxMessageBytes: number;
  onTopicPeers?(topic: string, count: number): void;
  /** Keepalive period; a connection that has not answered the previous ping is terminated. Default 30 000. */
  pingIntervalMs?: number;
  /** How long a subscriber of a full topic has to answer a liveness probe. Default 2 000. */
  probeTimeoutMs?: number;
  /** Messages one connection may send per 10 s before it is closed (1008). Default: no limit. */
  maxMessagesPer10s?: number;
  /** Messages all connections from one address may send per 10 s; past it, the sending one is closed. */
  maxMessagesPer10sPerAddress?: number | (() => number);
  /** Topics one (untrusted) connection may subscribe to, in one message and in all. Default 8. */
  maxTopicsPerConnection?: number;
  /** A connection whose unsent data exceeds this is terminated instead of queueing more. Default 1 MiB. */
  maxBufferedBytes?: number;
  log?(line: string): void;
}

export interface ConnectionInfo {
  /** The peer's address, for per-address limits. */
  address?: string;
  /**
   * The host's own gateway (it carries every room on one connection): no message-rate or topic-count
   * limit. Phones are never trusted.
   */
  trusted?: boolean;
}

export interface SignalServer {
  handleConnection(ws: WebSocket, info?: ConnectionInfo): void;
  topicPeers(topic: string): number;
  close(): void;
}

/** What y-webrtc puts in `data` of a publish (no password: plain JSON, never an encrypted string). */
export type SignalData =
  | { type: 'announce'; from: string }
  | { type: 'signal'; from: string; to: string; token?: number; signal: Record<string, unknown> };

export type ClientMessage =
  | { type: 'subscribe'; topics: string[] }
  | { type: 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; data: SignalData }
  | { type: 'ping' };

export type ServerMessage =
  | { type: 'publish'; topic: string; data: SignalData; clients: number }
  | { type: 'pong' }
  | { type: 'error'; reason: 'unknown room' | 'room full'; topic: string };
type PublishOut = Extract<ServerMessage, { type: 'publish' }>;


const MAX_TOPIC_CHARS = 200;
const MAX_TOPICS_PER_MESSAGE = 5_000;
const MAX_PEER_ID_CHARS = 100;
/** Publishes held for a topic while the connection waits for a probe of a full topic. */
const MAX_QUEUED_WHILE_PENDING = 64;

const OPEN = 1;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTopic = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TOPIC_CHARS;
const isPeerId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_PEER_ID_CHARS;

function parseData(v: unknown): SignalData | null {
  if (!isRecord(v) || !isPeerId(v.from)) return null;
  if (v.type === 'announce') return { type: 'announce', from: v.from };
  if (v.type === 'signal') {
    if (!isPeerId(v.to) || !isRecord(v.signal)) return null;
    if (v.token !== undefined && typeof v.token !== 'number') return null;
    const out: SignalData = { type: 'signal', from: v.from, to: v.to, signal: v.signal };
    if (v.token !== undefined) out.token = v.token;
    return out;
  }
  return null;
}

/** Validates one decoded JSON value; null means "unknown shape". */
export function parseClientMessage(v: unknown): ClientMessage | null {
  if (!isRecord(v)) return null;
  switch (v.type) {
    case 'subscribe':
    case 'unsubscribe': {
      // y-webrtc always sends an array (possibly empty); the stock server treats a missing one as [].
      const topics = v.topics ?? [];
      if (!Array.isArray(topics) || topics.length > MAX_TOPICS_PER_MESSAGE || !topics.every(isTopic)) return null;
      return { type: v.type, topics };
    }
    case 'publish': {
      if (!isTopic(v.topic)) return null;
      const data = parseData(v.data);
      return data ? { type: 'publish', topic: v.topic, data } : null;
    }
    case 'ping':
      return { type: 'ping' };
    default:
      return null;
  }
}

interface Conn {
  ws: WebSocket;
  address: string;
  trusted: boolean;
  windowStart: number;
  count: number;
  topics: Set<string>;
  /** Topics waiting for the probe of a full topic, with the publishes sent meanwhile. */
  pending: Map<string, PublishOut[]>;
  alive: boolean;
  closed: boolean;
  probe: Promise<void> | null;
}

function rawSize(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

export function createSignalServer(opts: SignalServerOptions): SignalServer {
  const pingIntervalMs = opts.pingIntervalMs ?? 30_000;
  const probeTimeoutMs = opts.probeTimeoutMs ?? 2_000;
  const maxTopics = opts.maxTopicsPerConnection ?? 8;
  const maxBuffered = opts.maxBufferedBytes ?? 1024 * 1024;
  const topics = new Map<string, Set<Conn>>();
  const conns = new Set<Conn>();
  /** Messages per address in the current 10 s window (reset as a whole: cheap and bounded). */
  let perAddress = new Map<string, number>();
  let perAddressWindow = Date.now();
  let closed = false;

  /** Counts a message against its connection and address; false when a limit is passed. */
  const withinRate = (conn: Conn): string | null => {
    if (conn.trusted) return null;
    const now = Date.now();
    if (now - conn.windowStart >= 10_000) {
      conn.windowStart = now;
      conn.count = 0;
    }
    if (opts.maxMessagesPer10s !== undefined && ++conn.count > opts.maxMessagesPer10s) return 'too many messages';
    if (opts.maxMessagesPer10sPerAddress !== undefined) {
      if (now - perAddressWindow >= 10_000) {
        perAddressWindow = now;
        perAddress = new Map();
      }
      const n = (perAddress.get(conn.address) ?? 0) + 1;
      perAddress.set(conn.address, n);
      const max = opts.maxMessagesPer10sPerAddress;
      if (n > (typeof max === 'function' ? max() : max)) return 'too many messages from this address';
    }
    return null;
  };

  const report = (topic: string): void => {
    if (!opts.onTopicPeers) return;
    try {
      opts.onTopicPeers(topic, topics.get(topic)?.size ?? 0);
    } catch (err) {
      console.error('[signal] onTopicPeers threw', err);
    }
  };

  const send = (conn: Conn, msg: ServerMessage): void => {
    if (conn.closed || conn.ws.readyState !== OPEN) return;
    if (conn.ws.bufferedAmount > maxBuffered) {
      // A client that stopped reading: do not queue without limit.
      opts.log?.(`signal: ${conn.address} stopped reading (${conn.ws.bufferedAmount} bytes unsent), closing`);
      drop(conn);
      return;
    }
    try {
      conn.ws.send(JSON.stringify(msg));
    } catch {
      drop(conn);
    }
  };

  const closeConn = (conn: Conn, code: number, reason: string): void => {
    try {
      conn.ws.close(code, reason);
    } catch {
      /* already gone */
    }
    // Stop routing to it at once; the 'close' event may come much later.
    cleanup(conn);
  };

  const drop = (conn: Conn): void => {
    try {
      conn.ws.terminate();
    } catch {
      /* already gone */
    }
    cleanup(conn);
  };

  const cleanup = (conn: Conn): void => {
    if (conn.closed) return;
    conn.closed = true;
    conns.delete(conn);
    conn.pending.clear();
    for (const topic of conn.topics) leave(conn, topic);
    conn.topics.clear();
  };

  const leave = (conn: Conn, topic: string): void => {
    const subs = topics.get(topic);
    if (!subs || !subs.delete(conn)) return;
    if (subs.size === 0) topics.delete(topic);
    report(topic);
  };

  const join = (conn: Conn, topic: string): void => {
    const subs = topics.get(topic) ?? new Set<Conn>();
    topics.set(topic, subs);
    subs.add(conn);
    conn.topics.add(topic);
    report(topic);
  };

  /** Resolves when `conn` answered a ping, or was terminated for not answering within probeTimeoutMs. */
  const probe = (conn: Conn): Promise<void> => {
    if (conn.probe) return conn.probe;
    const p = new Promise<void>((resolve) => {
      if (conn.closed) return resolve();
      const timer = setTimeout(() => {
        conn.ws.off('pong', onPong);
        drop(conn);
        resolve();
      }, probeTimeoutMs);
      const onPong = (): void => {
        clearTimeout(timer);
        resolve();
      };
      conn.ws.once('pong', onPong);
      try {
        conn.ws.ping();
      } catch {
        clearTimeout(timer);
        drop(conn);
        resolve();
      }
    });
    conn.probe = p.finally(() => {
      conn.probe = null;
    });
    return conn.probe;
  };

  /** Subscribes; returns the reason when refused (the caller answers once per message, not per topic). */
  const subscribe = (conn: Conn, topic: string): 'unknown room' | null => {
    if (conn.topics.has(topic) || conn.pending.has(topic)) return null;
    if (!opts.isIssuedTopic(topic)) return 'unknown room';
    const subs = topics.get(topic);
    if (!subs || subs.size < opts.maxPeersPerTopic) {
      join(conn, topic);
      return null;
    }
    // Full: find out whether a current subscriber is dead before refusing.
    conn.pending.set(topic, []);
    void Promise.all([...subs].map(probe)).then(() => {
      const queued = conn.pending.get(topic);
      if (!queued || conn.closed) return; // unsubscribed or gone meanwhile
      conn.pending.delete(topic);
      const now = topics.get(topic);
      if (now && now.size >= opts.maxPeersPerTopic) {
        send(conn, { type: 'error', reason: 'room full', topic });
        return;
      }
      join(conn, topic);
      for (const msg of queued) deliver(conn, msg);
    });
    return null;
  };

  const deliver = (from: Conn, msg: PublishOut): void => {
    const receivers = topics.get(msg.topic);
    if (!receivers || !from.topics.has(msg.topic)) return;
    msg.clients = receivers.size;
    for (const receiver of receivers) send(receiver, msg);
  };

  const onMessage = (conn: Conn, data: RawData): void => {
    if (conn.closed) return;
    if (rawSize(data) > opts.maxMessageBytes) {
      closeConn(conn, CLOSE_CODES.tooBig, 'message too big');
      return;
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(rawText(data));
    } catch {
      closeConn(conn, CLOSE_CODES.policy, 'not JSON');
      return;
    }
    const msg = parseClientMessage(decoded);
    if (!msg) {
      closeConn(conn, CLOSE_CODES.policy, 'unknown message');
      return;
    }
    conn.alive = true; // any message proves the connection works
    const overRate = withinRate(conn);
    if (overRate) {
      opts.log?.(`signal: ${conn.address}: ${overRate}, closing`);
      closeConn(conn, CLOSE_CODES.policy, overRate);
      return;
    }
    switch (msg.type) {
      case 'subscribe': {
        if (!conn.trusted && msg.topics.length + conn.topics.size + conn.pending.size > maxTopics) {
          closeConn(conn, CLOSE_CODES.policy, 'too many rooms');
          return;
        }
        let refused: string | undefined;
        for (const topic of msg.topics) if (subscribe(conn, topic) && refused === undefined) refused = topic;
        // One error per message, however many topics it named.
        if (refused !== undefined) send(conn, { type: 'error', reason: 'unknown room', topic: refused });
        break;
      }
      case 'unsubscribe':
        for (const topic of msg.topics) {
          conn.pending.delete(topic);
          if (conn.topics.delete(topic)) leave(conn, topic);
        }
        break;
      case 'publish': {
        const out: PublishOut = { type: 'publish', topic: msg.topic, data: msg.data, clients: 0 };
        const queue = conn.pending.get(msg.topic);
        if (queue) {
          if (queue.length < MAX_QUEUED_WHILE_PENDING) queue.push(out);
        } else {
          // Publishing to a topic it has not (or no longer) subscribed: dropped silently. y-webrtc does this
          // legitimately after a refusal or right after it left a room.
          deliver(conn, out);
        }
        break;
      }
      case 'ping':
        send(conn, { type: 'pong' });
        break;
      default: {
        const never: never = msg;
        void never;
      }
    }
  };

  const keepalive = setInterval(() => {
    for (const conn of [...conns]) {
      if (!conn.alive) {
        drop(conn);
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {
        drop(conn);
      }
    }
  }, pingIntervalMs);
  keepalive.unref?.();

  return {
    handleConnection(ws: WebSocket, info: ConnectionInfo = {}): void {
      if (closed) {
        try {
          ws.close(CLOSE_CODES.goingAway, 'server closing');
        } catch {
          /* ignore */
        }
        return;
      }
      const conn: Conn = {
        ws,
        address: info.address ?? '',
        trusted: info.trusted ?? false,
        windowStart: Date.now(),
        count: 0,
        topics: new Set(),
        pending: new Map(),
        alive: true,
        closed: false,
        probe: null,
      };
      conns.add(conn);
      ws.on('message', (data: RawData) => {
        try {
          onMessage(conn, data);
        } catch (err) {
          console.error('[signal] message handling failed', err);
          drop(conn);
        }
      });
      ws.on('pong', () => {
        conn.alive = true;
      });
      ws.on('close', () => cleanup(conn));
      ws.on('error', () => drop(conn));
    },
    topicPeers(topic: string): number {
      return topics.get(topic)?.size ?? 0;
    },
    close(): void {
      closed = true;
      clearInterval(keepalive);
      for (const conn of [...conns]) closeConn(conn, CLOSE_CODES.goingAway, 'server closing');
      topics.clear();
    },
  };
}
