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
import { CLOSE_CODES } from '../../../src-shared/close-codes.js';
import { parseClientMessage, type ClientMessage } from './signal-messages.js';
import { signalRateLimit } from './signal-rate.js';
import { newConn, rawSize, rawText, SignalRooms, type Conn } from './signal-rooms.js';

export type { ServerMessage } from './signal-messages.js';

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

export function createSignalServer(opts: SignalServerOptions): SignalServer {
  const rooms = new SignalRooms({
    isIssuedTopic: opts.isIssuedTopic,
    maxPeersPerTopic: opts.maxPeersPerTopic,
    probeTimeoutMs: opts.probeTimeoutMs ?? 2_000,
    maxBufferedBytes: opts.maxBufferedBytes ?? 1024 * 1024,
    ...(opts.onTopicPeers ? { onTopicPeers: opts.onTopicPeers } : {}),
    ...(opts.log ? { log: opts.log } : {}),
  });
  const overRate = signalRateLimit(opts);
  const maxTopics = opts.maxTopicsPerConnection ?? 8;
  let closed = false;

  /** A message off the wire: size, JSON, shape and rate checked before anything acts on it. */
  const onMessage = (conn: Conn, data: RawData): void => {
    if (conn.closed) return;
    if (rawSize(data) > opts.maxMessageBytes) return rooms.close(conn, CLOSE_CODES.tooBig, 'message too big');
    let decoded: unknown;
    try {
      decoded = JSON.parse(rawText(data));
    } catch {
      return rooms.close(conn, CLOSE_CODES.policy, 'not JSON');
    }
    const msg = parseClientMessage(decoded);
    if (!msg) return rooms.close(conn, CLOSE_CODES.policy, 'unknown message');
    conn.alive = true; // any message proves the connection works
    const over = overRate(conn);
    if (over) {
      opts.log?.(`signal: ${conn.address}: ${over}, closing`);
      return rooms.close(conn, CLOSE_CODES.policy, over);
    }
    act(rooms, maxTopics, conn, msg);
  };

  const keepalive = startKeepalive(rooms, opts.pingIntervalMs ?? 30_000);

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
      const conn = newConn(ws, info.address ?? '', info.trusted ?? false);
      rooms.add(conn);
      ws.on('message', (data: RawData) => {
        try {
          onMessage(conn, data);
        } catch (err) {
          console.error('[signal] message handling failed', err);
          rooms.drop(conn);
        }
      });
      ws.on('pong', () => {
        conn.alive = true;
      });
      ws.on('close', () => rooms.cleanup(conn));
      ws.on('error', () => rooms.drop(conn));
    },
    topicPeers: (topic: string): number => rooms.peers(topic),
    close(): void {
      closed = true;
      clearInterval(keepalive);
      rooms.closeAll();
    },
  };
}

/** What a valid message asks for. */
function act(rooms: SignalRooms, maxTopics: number, conn: Conn, msg: ClientMessage): void {
  switch (msg.type) {
    case 'subscribe': {
      if (!conn.trusted && msg.topics.length + conn.topics.size + conn.pending.size > maxTopics) {
        return rooms.close(conn, CLOSE_CODES.policy, 'too many rooms');
      }
      let refused: string | undefined;
      for (const topic of msg.topics) if (rooms.subscribe(conn, topic) && refused === undefined) refused = topic;
      // One error per message, however many topics it named.
      if (refused !== undefined) rooms.send(conn, { type: 'error', reason: 'unknown room', topic: refused });
      return;
    }
    case 'unsubscribe':
      for (const topic of msg.topics) rooms.unsubscribe(conn, topic);
      return;
    case 'publish':
      return rooms.publish(conn, { type: 'publish', topic: msg.topic, data: msg.data, clients: 0 });
    case 'ping':
      return rooms.send(conn, { type: 'pong' });
  }
}

/** Pings every connection each period; one that did not answer the previous ping is terminated. */
function startKeepalive(rooms: SignalRooms, periodMs: number): NodeJS.Timeout {
  const timer = setInterval(() => {
    for (const conn of [...rooms.conns]) {
      if (!conn.alive) {
        rooms.drop(conn);
        continue;
      }
      conn.alive = false;
      try {
        conn.ws.ping();
      } catch {
        rooms.drop(conn);
      }
    }
  }, periodMs);
  timer.unref?.();
  return timer;
}
