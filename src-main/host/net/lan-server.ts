import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { joinRequestSchema, PATHS, type JoinResponse } from '../../../src-shared/endpoints.js';
import { LIMITS, MINUTE_MS } from '../../../src-shared/limits.js';
import { RateLimiter } from '../../../src-shared/rate-limit.js';
import type { FdGuard } from './fd-guard.js';
import { deviceCookie, deviceTokenFromCookie, type JoinContext, type JoinResult } from '../pipeline/join-policy.js';
import { clientAddress, decodePath, HttpError, readJson, requestUrl, sendJson, sendText } from './http-util.js';
import { serveFile } from './static-files.js';
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

export const JOIN_REFUSED_RATE = 'Too many phones joined from this network in the last minute. Try again shortly.';

/** The host's own gateway connects to /signal from here; a LAN peer cannot have these addresses. */
const isGatewayAddress = (address: string): boolean => address === '127.0.0.1' || address === '::1';

export function createLanServer(deps: LanServerDeps): ListeningServer {
  const joinLimiter = new RateLimiter(LIMITS.joinsPerMinutePerAddress, MINUTE_MS);
  const syncWss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.roomMessageBytes });
  const signalWss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.signalMessageBytes });

  async function handleJoin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    joinLimiter.prune(now);
    if (!joinLimiter.take(clientAddress(req), now)) {
      sendJson(res, 429, { ok: false, error: JOIN_REFUSED_RATE } satisfies JoinResponse);
      return;
    }
    const parsed = joinRequestSchema.safeParse(await readJson(req, 1024));
    if (!parsed.success) {
      sendJson(res, 400, { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid code.' } satisfies JoinResponse);
      return;
    }
    const result = deps.join(parsed.data.code, {
      address: clientAddress(req),
      token: deviceTokenFromCookie(req.headers.cookie),
      ...(parsed.data.paper !== undefined ? { paperCode: parsed.data.paper } : {}),
    });
    deps.onPhone?.(result.ok ? 'join' : 'page', req);
    // The host could not record the join: the try is given back (a host-side failure spends no budget).
    if (!result.ok && result.hostFailure) joinLimiter.refund(clientAddress(req), now);
    if (!result.ok) {
      const status = result.tooMany ? 429 : result.paperCode ? 403 : 404;
      sendJson(res, status, { ok: false, error: result.error, ...(result.paperCode ? { paperCode: result.paperCode } : {}) } satisfies JoinResponse);
      return;
    }
    const { token, ...answer } = result;
    res.setHeader('set-cookie', deviceCookie(token));
    sendJson(res, 200, answer satisfies JoinResponse);
  }

  // Node checks request and header timeouts every connectionsCheckingInterval (30 s by default).
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    const url = requestUrl(req, 'http://lan');
    if (!url) return sendJson(res, 400, { ok: false, error: 'The address is not valid.' });
    const path = url.pathname;
    void (async () => {
      try {
        if (path === PATHS.join && req.method === 'POST') return await handleJoin(req, res);
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
    })();
  });

  // A LAN client sends its request in seconds; a slow body or header must not hold a socket for minutes.
  server.requestTimeout = LIMITS.lanRequestTimeoutMs;
  server.headersTimeout = LIMITS.lanHeadersTimeoutMs;
  server.keepAliveTimeout = LIMITS.lanKeepAliveTimeoutMs;

  // Concurrent connections per address, and none at all near the file-descriptor limit.
  const perAddress = new Map<string, number>();
  let lastRefusalLog = 0;
  const logRefusal = (line: string): void => {
    const now = Date.now();
    if (now - lastRefusalLog < 10_000) return;
    lastRefusalLog = now;
    deps.log(line);
  };
  server.on('connection', (socket: Socket) => {
    const raw = socket.remoteAddress ?? '';
    const address = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
    const fd = deps.fdGuard?.refusal() ?? null;
    if (fd) {
      logRefusal(`lan: refusing new connections: ${fd}`);
      socket.destroy();
      return;
    }
    const n = (perAddress.get(address) ?? 0) + 1;
    const max = deps.connectionsPerAddress?.() ?? LIMITS.connectionsPerAddress;
    if (n > max && !isGatewayAddress(address)) {
      logRefusal(`lan: ${address} has ${max} connections open, refusing more`);
      socket.destroy();
      return;
    }
    perAddress.set(address, n);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = requestUrl(req, 'http://lan')?.pathname ?? '';
    if (path === PATHS.signal) {
      const address = clientAddress(req);
      signalWss.handleUpgrade(req, socket, head, (ws) =>
        deps.signal.handleConnection(ws, { address, trusted: isGatewayAddress(address) }),
      );
      return;
    }
    if (path.startsWith(`${PATHS.sync}/room-`)) {
      const name = path.slice(PATHS.sync.length + 1);
      const target = deps.roomTarget(name);
      if (target) {
        deps.onPhone?.('sync', req);
        syncWss.handleUpgrade(req, socket, head, (ws) => deps.sync.handleConnection(ws, name, target));
        return;
      }
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  return withSocketShutdown(server, [syncWss, signalWss]);
}
