import type { RawData, WebSocket } from 'ws';
import { CLOSE_CODES } from '../../../src-shared/close-codes.js';
import type { PublishOut, ServerMessage } from './signal-messages.js';

/** One signaling connection: a phone, or the host's own gateway (trusted). */
export interface Conn {
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

export interface SignalRoomsOptions {
  isIssuedTopic(topic: string): boolean;
  maxPeersPerTopic: number;
  probeTimeoutMs: number;
  maxBufferedBytes: number;
  onTopicPeers?(topic: string, count: number): void;
  log?(line: string): void;
}

const OPEN = 1;
/** Publishes held for a topic while the connection waits for a probe of a full topic. */
const MAX_QUEUED_WHILE_PENDING = 64;

export function newConn(ws: WebSocket, address: string, trusted: boolean): Conn {
  return { ws, address, trusted, windowStart: Date.now(), count: 0, topics: new Set(), pending: new Map(), alive: true, closed: false, probe: null };
}

export function rawSize(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.length, 0);
  return data.byteLength;
}

export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/**
 * The connections and the topics (rooms) they subscribed: joining (with the liveness probe of a full
 * topic), leaving, relaying publishes, and closing a connection so nothing more is routed to it.
 */
export class SignalRooms {
  readonly topics = new Map<string, Set<Conn>>();
  readonly conns = new Set<Conn>();

  constructor(private readonly opts: SignalRoomsOptions) {}

  add(conn: Conn): void {
    this.conns.add(conn);
  }

  peers(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  send(conn: Conn, msg: ServerMessage): void {
    if (conn.closed || conn.ws.readyState !== OPEN) return;
    if (conn.ws.bufferedAmount > this.opts.maxBufferedBytes) {
      // A client that stopped reading: do not queue without limit.
      this.opts.log?.(`signal: ${conn.address} stopped reading (${conn.ws.bufferedAmount} bytes unsent), closing`);
      this.drop(conn);
      return;
    }
    try {
      conn.ws.send(JSON.stringify(msg));
    } catch {
      this.drop(conn);
    }
  }

  close(conn: Conn, code: number, reason: string): void {
    try {
      conn.ws.close(code, reason);
    } catch {
      /* already gone */
    }
    // Stop routing to it at once; the 'close' event may come much later.
    this.cleanup(conn);
  }

  drop(conn: Conn): void {
    try {
      conn.ws.terminate();
    } catch {
      /* already gone */
    }
    this.cleanup(conn);
  }

  cleanup(conn: Conn): void {
    if (conn.closed) return;
    conn.closed = true;
    this.conns.delete(conn);
    conn.pending.clear();
    for (const topic of conn.topics) this.leave(conn, topic);
    conn.topics.clear();
  }

  /** Closes every connection (the server is shutting down). */
  closeAll(): void {
    for (const conn of [...this.conns]) this.close(conn, CLOSE_CODES.goingAway, 'server closing');
    this.topics.clear();
  }

  unsubscribe(conn: Conn, topic: string): void {
    conn.pending.delete(topic);
    if (conn.topics.delete(topic)) this.leave(conn, topic);
  }

  /** Subscribes; returns the reason when refused (the caller answers once per message, not per topic). */
  subscribe(conn: Conn, topic: string): 'unknown room' | null {
    if (conn.topics.has(topic) || conn.pending.has(topic)) return null;
    if (!this.opts.isIssuedTopic(topic)) return 'unknown room';
    const subs = this.topics.get(topic);
    if (!subs || subs.size < this.opts.maxPeersPerTopic) {
      this.join(conn, topic);
      return null;
    }
    // Full: find out whether a current subscriber is dead before refusing.
    conn.pending.set(topic, []);
    void Promise.all([...subs].map((s) => this.probe(s))).then(() => this.afterProbe(conn, topic));
    return null;
  }

  /**
   * A publish from `conn`: held while its subscription waits for a probe, else relayed. Publishing to a
   * topic it has not (or no longer) subscribed is dropped silently: y-webrtc does this legitimately after
   * a refusal or right after it left a room.
   */
  publish(conn: Conn, out: PublishOut): void {
    const queue = conn.pending.get(out.topic);
    if (!queue) this.deliver(conn, out);
    else if (queue.length < MAX_QUEUED_WHILE_PENDING) queue.push(out);
  }

  private afterProbe(conn: Conn, topic: string): void {
    const queued = conn.pending.get(topic);
    if (!queued || conn.closed) return; // unsubscribed or gone meanwhile
    conn.pending.delete(topic);
    const now = this.topics.get(topic);
    if (now && now.size >= this.opts.maxPeersPerTopic) {
      this.send(conn, { type: 'error', reason: 'room full', topic });
      return;
    }
    this.join(conn, topic);
    for (const msg of queued) this.deliver(conn, msg);
  }

  private deliver(from: Conn, msg: PublishOut): void {
    const receivers = this.topics.get(msg.topic);
    if (!receivers || !from.topics.has(msg.topic)) return;
    msg.clients = receivers.size;
    for (const receiver of receivers) this.send(receiver, msg);
  }

  private leave(conn: Conn, topic: string): void {
    const subs = this.topics.get(topic);
    if (!subs || !subs.delete(conn)) return;
    if (subs.size === 0) this.topics.delete(topic);
    this.report(topic);
  }

  private join(conn: Conn, topic: string): void {
    const subs = this.topics.get(topic) ?? new Set<Conn>();
    this.topics.set(topic, subs);
    subs.add(conn);
    conn.topics.add(topic);
    this.report(topic);
  }

  private report(topic: string): void {
    if (!this.opts.onTopicPeers) return;
    try {
      this.opts.onTopicPeers(topic, this.peers(topic));
    } catch (err) {
      console.error('[signal] onTopicPeers threw', err);
    }
  }

  /** Resolves when `conn` answered a ping, or was terminated for not answering within probeTimeoutMs. */
  private probe(conn: Conn): Promise<void> {
    if (conn.probe) return conn.probe;
    const p = new Promise<void>((resolve) => {
      if (conn.closed) return resolve();
      const timer = setTimeout(() => {
        conn.ws.off('pong', onPong);
        this.drop(conn);
        resolve();
      }, this.opts.probeTimeoutMs);
      const onPong = (): void => {
        clearTimeout(timer);
        resolve();
      };
      conn.ws.once('pong', onPong);
      try {
        conn.ws.ping();
      } catch {
        clearTimeout(timer);
        this.drop(conn);
        resolve();
      }
    });
    conn.probe = p.finally(() => {
      conn.probe = null;
    });
    return conn.probe;
  }
}
