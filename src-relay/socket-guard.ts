import type { IncomingMessage } from 'node:http';
import * as decoding from 'lib0/decoding';
import type { WebSocket, WebSocketServer } from 'ws';
import { LIMITS } from '../src-shared/limits.js';

/**
 * What an unauthenticated socket may cost the relay. Hocuspocus keeps a socket open until it closes, and
 * queues every message for a document until that document's auth message comes (without a cap): a hostile
 * client could hold sockets and memory without ever presenting a token. Here a socket must have one
 * document open (authenticated) within `authDeadlineMs`, may send at most `preAuthBytes` before that, and
 * one address may hold at most `socketsPerAddress` sockets. A phone's socket may send at most
 * `phoneMessagesPer10s` messages and `phoneBytesPer10s` bytes in 10 s (a few large messages under the count
 * limit could otherwise make every instance and Redis carry megabytes a second); past either, that socket is
 * closed (1008), nothing else. The laptop's, which carries every room, is not limited.
 *
 * The laptop reconnecting (after the venue's uplink came back, or an instance died) opens every bridged
 * room at once: an auth message per room, about 85 bytes each, 850 KB for 10,000 remote rooms, all sent
 * before Hocuspocus has answered the first. If they all arrive before that answer (a busy relay), that is
 * past `preAuthBytes` and the laptop's socket would be closed again at every attempt. So a socket whose
 * first message is an auth with the laptop's credential (`isLaptopToken`, which needs the secret) has no
 * pre-auth cap; it still has to open a document within `authDeadlineMs`. Not seen in the hybrid bench
 * (on loopback the first auth was answered between two reads of the burst; the test's thousand rooms
 * pass with or without this): a guard for a loaded relay, not a measured fix.
 */

export interface SocketGuardOptions {
  authDeadlineMs: number;
  preAuthBytes: number;
  socketsPerAddress: number;
  phoneMessagesPer10s: number;
  phoneBytesPer10s: number;
  /** Whether a token is the laptop's credential (constant time). */
  isLaptopToken?(token: string): boolean;
  /** The client's address (the trusted proxy's header with --trust-proxy). */
  addressOf(req: IncomingMessage): string;
  log(line: string): void;
}

export const SOCKET_LIMITS = {
  authDeadlineMs: 10_000,
  preAuthBytes: 64 * 1024,
  socketsPerAddress: 64,
  phoneMessagesPer10s: LIMITS.syncMessagesPer10s,
  /** A whole room (1 MiB on the laptop) four times over in 10 s: far above a person, far below a flood. */
  phoneBytesPer10s: 4 * 1024 * 1024,
} as const;

const byteLength = (data: unknown): number =>
  Buffer.isBuffer(data) ? data.length : data instanceof ArrayBuffer ? data.byteLength : Array.isArray(data) ? data.reduce((n: number, b: Buffer) => n + b.length, 0) : 0;

/** Hocuspocus's auth message (MessageType.Auth) and its token sub-type. */
const AUTH_MESSAGE = 2;
const AUTH_TOKEN = 0;

/** The token of a Hocuspocus auth message (document name, type 2, sub-type 0, token), or null. */
export function authToken(data: Uint8Array): string | null {
  try {
    const d = decoding.createDecoder(data);
    decoding.readVarString(d);
    if (decoding.readVarUint(d) !== AUTH_MESSAGE || decoding.readVarUint(d) !== AUTH_TOKEN) return null;
    return decoding.readVarString(d);
  } catch {
    return null;
  }
}

/** Policy violation (RFC 6455). */
const POLICY = 1008;

export function guardSockets(wss: WebSocketServer, opts: SocketGuardOptions) {
  /** Sockets with a document open, and whether it is the laptop's. */
  const authenticated = new WeakMap<WebSocket, 'laptop' | 'phone'>();
  const perAddress = new Map<string, number>();
  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const address = opts.addressOf(req);
    const count = (perAddress.get(address) ?? 0) + 1;
    perAddress.set(address, count);
    ws.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    if (count > opts.socketsPerAddress) {
      opts.log(`relay: ${address} holds ${opts.socketsPerAddress} sockets already; closing another`);
      ws.close(POLICY, 'too many connections from this address');
      return;
    }
    const deadline = setTimeout(() => {
      if (!authenticated.has(ws)) ws.close(POLICY, 'no document opened in time');
    }, opts.authDeadlineMs);
    deadline.unref();
    ws.once('close', () => clearTimeout(deadline));
    let bytes = 0;
    let laptopClaimed = false;
    let window = { start: Date.now(), messages: 0, bytes: 0 };
    ws.on('message', (data: unknown) => {
      const who = authenticated.get(ws);
      if (who === 'laptop') return;
      if (who === 'phone') {
        const now = Date.now();
        if (now - window.start >= 10_000) window = { start: now, messages: 0, bytes: 0 };
        window.bytes += byteLength(data);
        if (++window.messages > opts.phoneMessagesPer10s) ws.close(POLICY, 'too many messages');
        else if (window.bytes > opts.phoneBytesPer10s) ws.close(POLICY, 'too many bytes');
        return;
      }
      if (laptopClaimed) return;
      if (bytes === 0 && opts.isLaptopToken && Buffer.isBuffer(data)) {
        const token = authToken(data);
        if (token !== null && opts.isLaptopToken(token)) return void (laptopClaimed = true);
      }
      bytes += byteLength(data);
      if (bytes > opts.preAuthBytes) ws.close(POLICY, 'too much sent before authenticating');
    });
  });
  return {
    /** A document was opened on this socket (Hocuspocus's `connected` hook); the laptop's stays the laptop's. */
    authenticated: (ws: WebSocket, who: 'laptop' | 'phone') => {
      if (authenticated.get(ws) !== 'laptop') authenticated.set(ws, who);
    },
  };
}
