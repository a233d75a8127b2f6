import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * What an unauthenticated socket may cost the relay. Hocuspocus keeps a socket open until it closes, and
 * queues every message for a document until that document's auth message comes (without a cap): a hostile
 * client could hold sockets and memory without ever presenting a token. Here a socket must have one
 * document open (authenticated) within `authDeadlineMs`, may send at most `preAuthBytes` before that, and
 * one address may hold at most `socketsPerAddress` sockets.
 */

export interface SocketGuardOptions {
  authDeadlineMs: number;
  preAuthBytes: number;
  socketsPerAddress: number;
  /** The client's address (the trusted proxy's header with --trust-proxy). */
  addressOf(req: IncomingMessage): string;
  log(line: string): void;
}

export const SOCKET_LIMITS = { authDeadlineMs: 10_000, preAuthBytes: 64 * 1024, socketsPerAddress: 64 } as const;

/** Policy violation (RFC 6455). */
const POLICY = 1008;

export function guardSockets(wss: WebSocketServer, opts: SocketGuardOptions) {
  const authenticated = new WeakSet<WebSocket>();
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
    const countBytes = (data: unknown) => {
      if (authenticated.has(ws)) return ws.off('message', countBytes);
      bytes += Buffer.isBuffer(data) ? data.length : data instanceof ArrayBuffer ? data.byteLength : 0;
      if (bytes > opts.preAuthBytes) ws.close(POLICY, 'too much sent before authenticating');
    };
    ws.on('message', countBytes);
  });
  return {
    /** A document was opened on this socket (Hocuspocus's `connected` hook). */
    authenticated: (ws: WebSocket) => authenticated.add(ws),
  };
}
