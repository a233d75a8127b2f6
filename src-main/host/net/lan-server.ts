import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { PATHS } from '../../../src-shared/endpoints.js';
import { LIMITS } from '../../../src-shared/limits.js';
import type { FdGuard } from './fd-guard.js';
import type { JoinContext, JoinResult } from '../pipeline/join-policy.js';
import { clientAddress, decodePath, HttpError, requestUrl, sendJson, sendText } from './http-util.js';
import { isGatewayAddress, limitConnections } from './lan-connections.js';
import { JoinHandler } from './lan-join.js';
import { serveFile } from '../../../src-node/static-files.js';
import { withSocketShutdown, type ListeningServer } from './shutdown.js';
import type { SyncServer, SyncTarget } from './sync-server.js';

/**
 * The listener phones reach (0.0.0.0): the attendee app, joining, room sync and WebRTC signaling.
 * It never serves control, the desk or the master board.
 */
export interface LanServerDeps {
  attendeeRoot: string;
  join(code: string, who: JoinContext): JoinResult;
  sync: SyncServer;
  /** The phone room behind a doc name (`room-<id>`), or null if no such room is live. */
  roomTarget(docName: string): SyncTarget | null;
  signal: { handleConnection(ws: WebSocket, info?: { address?: string; trusted?: boolean }): void };
  /** Venue readiness: a phone's request arrived (page, join, live connection). */
  onPhone?(via: 'page' | 'join' | 'sync', req: IncomingMessage): void;
  /** Venue readiness: the "Test with your phone" page. */
  testPage?: { path: string; serve(req: IncomingMessage, res: ServerResponse): void };
  log(line: string): void;
  /** Refuses new connections near the file-descriptor limit (see fd-guard.ts). */
  fdGuard?: FdGuard;
  /** Open connections allowed per address (default LIMITS.connectionsPerAddress; more for venues behind NAT). */
  connectionsPerAddress?(): number;
}

/** Answers one HTTP request: joining, the test page, the clock, and the attendee app's files. */
async function serveRequest(deps: LanServerDeps, join: JoinHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req, 'http://lan');
  if (!url) return sendJson(res, 400, { ok: false, error: 'The address is not valid.' });
  const path = url.pathname;
  try {
    if (path === PATHS.join && req.method === 'POST') return await join.handle(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    if (deps.testPage && path === deps.testPage.path) return deps.testPage.serve(req, res);
    if (path === PATHS.time) return sendJson(res, 200, { now: Date.now() });
    if (path === '/' || path.startsWith(PATHS.joinPage)) {
      deps.onPhone?.('page', req);
      if (serveFile(req, res, deps.attendeeRoot, 'index.html')) return;
      return sendText(res, 503, 'The phone app is not built. Run `npm run build`.');
    }
    if (path !== '/index.html' && serveFile(req, res, deps.attendeeRoot, decodePath(path))) return;
    sendText(res, 404, 'Not found');
  } catch (err) {
    if (err instanceof HttpError) sendJson(res, err.status, { ok: false, error: err.message });
    else {
      deps.log(`lan: ${(err as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'Something went wrong on the host.' });
    }
  }
}

interface Upgrades {
  sync: WebSocketServer;
  signal: WebSocketServer;
}

/** A WebSocket upgrade: signaling, or the sync of a live phone room; anything else is a 404. */
function upgrade(deps: LanServerDeps, wss: Upgrades, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const path = requestUrl(req, 'http://lan')?.pathname ?? '';
  if (path === PATHS.signal) {
    const address = clientAddress(req);
    wss.signal.handleUpgrade(req, socket, head, (ws) =>
      deps.signal.handleConnection(ws, { address, trusted: isGatewayAddress(address) }),
    );
    return;
  }
  if (path.startsWith(`${PATHS.sync}/room-`)) {
    const name = path.slice(PATHS.sync.length + 1);
    const target = deps.roomTarget(name);
    if (target) {
      deps.onPhone?.('sync', req);
      wss.sync.handleUpgrade(req, socket, head, (ws) => deps.sync.handleConnection(ws, name, target));
      return;
    }
  }
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
}

export function createLanServer(deps: LanServerDeps): ListeningServer {
  const join = new JoinHandler(deps);
  const wss: Upgrades = {
    sync: new WebSocketServer({ noServer: true, maxPayload: LIMITS.roomMessageBytes }),
    signal: new WebSocketServer({ noServer: true, maxPayload: LIMITS.signalMessageBytes }),
  };
  // Node checks request and header timeouts every connectionsCheckingInterval (30 s by default).
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => void serveRequest(deps, join, req, res));

  // A LAN client sends its request in seconds; a slow body or header must not hold a socket for minutes.
  server.requestTimeout = LIMITS.lanRequestTimeoutMs;
  server.headersTimeout = LIMITS.lanHeadersTimeoutMs;
  server.keepAliveTimeout = LIMITS.lanKeepAliveTimeoutMs;

  limitConnections(server, deps);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => upgrade(deps, wss, req, socket, head));
  return withSocketShutdown(server, [wss.sync, wss.signal]);
}
