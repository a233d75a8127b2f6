import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RedisInstance } from '@hocuspocus/extension-redis';
import { RelayRedis } from './relay-redis.js';
import { Server, type onAuthenticatePayload } from '@hocuspocus/server';
import { clientAddress, JoinForwarder } from './join-forward.js';
import { fireAndLog } from './redis-command.js';
import { fromLaptopSchema, parseMessage, type FromLaptop } from './control-messages.js';
import { LaptopClock } from './laptop-clock.js';
import { servePhoneApp } from './phone-app.js';
import { guardSockets, SOCKET_LIMITS } from './socket-guard.js';
import { corkSendsPerTurn } from '../src-node/cork-per-turn.js';
import { startPhoneKeepalive } from './phone-keepalive.js';
import { RoomNotices } from './room-notices.js';
import { checkAccess, RELAY_BOARD_DOC, RELAY_CONTROL_DOC } from './relay-token.js';
import { isAwarenessMessage } from './message-kind.js';
import { broadcastUpdatesOnce } from './broadcast-once.js';

/**
 * `open-floor relay` (issue 20): a Hocuspocus server with its Redis extension, so several instances behind
 * a load balancer share every document through Redis. It holds no log and makes no decision: the laptop
 * connects out to it and stays the only authority. Its one job besides syncing is `onAuthenticate`
 * (relay-token.ts): the laptop with its credential, a phone with the token the laptop issued for its room.
 * Documents live in memory only while someone is connected (no persistence extension): the laptop and
 * the phones hold everything and sync it again after a relay restart.
 *
 * HTTP: `POST /api/join`, carried to the laptop and back (join-forward.ts), `GET /healthz` for a load
 * balancer, and the phone app with the laptop's clock (phone-app.ts). Everything else is a 404: there is no
 * control surface on the relay.
 */

export interface RelayOptions {
  /** 0 picks a free port. */
  port: number;
  /** Address to listen on (default 0.0.0.0; put TLS in front, see docs/HYBRID.md). */
  address?: string;
  /** redis://[user:password@]host:port[/db] */
  redisUrl: string;
  /** The meeting's relay secret (the laptop has the same one). */
  secret: string;
  /** Take the client's address from X-Forwarded-For (set by the TLS proxy in front; never without one). */
  trustProxy?: boolean;
  /** How long a joining phone waits for the laptop's answer (default 5 s). */
  joinTimeoutMs?: number;
  /** The phone app's build (`out/attendee`), served at the relay's origin; without it, no app is served. */
  appRoot?: string;
  /** Sockets one client address may hold (default SOCKET_LIMITS.socketsPerAddress; an office behind NAT needs more). */
  socketsPerAddress?: number;
  /** How often phones on this instance's board hear from it, the laptop there or not (phone-keepalive.ts; default 10 s). */
  keepaliveMs?: number;

  log?(line: string): void;
}

export interface Relay {
  port: number;
  close(): Promise<void>;
}

/** One message may be as large as a whole room (1 MiB on the laptop) plus the board sent with it. */
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** ioredis's options from a redis:// URL (ioredis itself is the Redis extension's dependency). */
export function redisConfig(url: string): { host: string; port: number; options: { username?: string; password?: string; db?: number } } {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`--redis must be a redis:// URL, not “${url}”`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    options: {
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    },
  };
}

interface HttpParts {
  joins: JoinForwarder;
  clock: LaptopClock;
  appRoot: string | undefined;
}

/** The whole HTTP surface: the join, a health check, the phone app and the laptop's clock. */
async function answerHttp(request: IncomingMessage, response: ServerResponse, { joins, clock, appRoot }: HttpParts): Promise<void> {
  if (request.method === 'POST' && request.url === '/api/join') {
    // A failure here must answer this one request, never reach Hocuspocus (which would rethrow it).
    await joins.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
    return Promise.reject(undefined);
  }
  if (request.url !== '/healthz' && servePhoneApp(request, response, appRoot, () => clock.now())) return Promise.reject(undefined);
  const healthy = request.method === 'GET' && request.url === '/healthz';
  response.writeHead(healthy ? 200 : 404, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
  response.end(healthy ? 'ok' : 'not found');
  // Rejecting with nothing stops Hocuspocus's own answer.
  return Promise.reject(undefined);
}

/**
 * ioredis reconnects by itself (and subscribes again); without a listener every failed attempt is an
 * "Unhandled error event" on stderr. One line when Redis goes away, one when it is back.
 */
function watchRedis(clients: RedisInstance[], log: (line: string) => void): void {
  let down = false;
  const lost = (why: string) => {
    if (!down) log(`relay: Redis unreachable (${why}); retrying`);
    down = true;
  };
  for (const client of clients) {
    client.on('error', (err: Error) => lost(err.message));
    client.on('close', () => lost('connection closed'));
    client.on('ready', () => {
      if (down) log('relay: Redis is back');
      down = false;
    });
  }
}

/**
 * Refusals are logged, but a flood of forged tokens must not fill the server's disk: at most 20 lines in
 * 10 s, then one line saying how many `what` were left out.
 */
export function throttledLog(log: (line: string) => void, what = 'refusals'): (line: string) => void {
  let windowStart = 0;
  let lines = 0;
  let skipped = 0;
  return (line) => {
    const now = Date.now();
    if (now - windowStart >= 10_000) {
      if (skipped > 0) log(`relay: ${skipped} more ${what} in the last 10 s not logged`);
      windowStart = now;
      lines = 0;
      skipped = 0;
    }
    if (++lines <= 20) log(line);
    else skipped++;
  };
}

/** Who a connection is, from what onAuthenticate put in its context. */
const whoOf = (context: unknown): 'laptop' | 'phone' => ((context as { who?: string }).who === 'laptop' ? 'laptop' : 'phone');

/** What the laptop says on the control document (only it can open it): its clock, a room query or roll call, a join's answer. */
function heardFromLaptop(message: FromLaptop | null, http: HttpParts | null, rooms: RoomNotices | null, log: (line: string) => void): void {
  if (message?.type === 'clock') http?.clock.heard(message);
  else if (message?.type === 'room-query') rooms?.query(message.name);
  else if (message?.type === 'room-roll') rooms?.allRooms();
  else if (message?.type === 'join-answer') http?.joins.fromLaptop(message);
  else log('relay: malformed message from the laptop dropped');
}

/** Resolves when every client is connected and ready (ioredis queues commands until then). */
function redisReady(clients: RedisInstance[]): Promise<unknown> {
  return Promise.all(clients.map((c) => (c.status === 'ready' ? null : new Promise((resolve) => c.once('ready', resolve)))));
}

export async function startRelay(opts: RelayOptions): Promise<Relay> {
  broadcastUpdatesOnce();
  const log = opts.log ?? (() => {});
  const logRefusal = throttledLog(log);
  if (opts.secret.length < 16) throw new Error('the relay secret must have at least 16 characters');
  const redis = redisConfig(opts.redisUrl);
  const extension = new RelayRedis({ host: redis.host, port: redis.port, options: redis.options });
  extension.log = log;
  const sub = extension.pub.duplicate();
  watchRedis([extension.pub, extension.sub, sub], log);
  let http: HttpParts | null = null;
  let rooms: RoomNotices | null = null;
  let guard: ReturnType<typeof guardSockets> | null = null;
  const server = new Server(
    {
      port: opts.port,
      address: opts.address ?? '0.0.0.0',
      quiet: true,
      stopOnSignals: false,
      extensions: [extension],
      onRequest: ({ request, response }) => answerHttp(request, response, http!),
      // Only the laptop can open the control doc (relay-token.ts): what it says there is its clock or a join's answer.
      onStateless: ({ documentName, payload }) => {
        if (documentName === RELAY_CONTROL_DOC) heardFromLaptop(parseMessage(fromLaptopSchema, payload), http, rooms, log);
        return Promise.resolve();
      },
      // Phones send no awareness on the board: it would reach every reader, and could forge the laptop's presence.
      // (Phones hold the board read-only, the laptop read-write: the hook's context does not carry onAuthenticate's.)
      beforeHandleMessage: ({ documentName, connection, update }) =>
        documentName === RELAY_BOARD_DOC && connection.readOnly && isAwarenessMessage(update)
          ? Promise.reject(Object.assign(new Error('awareness from a phone on the board'), { code: 1008, reason: 'phones send no awareness on the board' }))
          : Promise.resolve(),
      onAuthenticate: (data: onAuthenticatePayload) => {
        const access = checkAccess(opts.secret, data.token, data.documentName, Date.now());
        if (!access.ok) {
          logRefusal(`relay: refused ${data.documentName.slice(0, 80)}: ${access.reason}`);
          return Promise.reject(Object.assign(new Error(access.reason), { reason: 'permission-denied' }));
        }
        if (access.readOnly) data.connectionConfig.readOnly = true;
        if (access.who === 'phone' && !access.readOnly) rooms?.phoneOpened(data.documentName);
        return Promise.resolve({ who: access.who });
      },
      connected: ({ documentName, connection, context }) => {
        const who = whoOf(context);
        guard?.authenticated(connection.webSocket, who);
        // The laptop's socket carries every remote room: its messages of one turn go as one write.
        if (who === 'laptop') corkSendsPerTurn(connection.webSocket);
        if (documentName === RELAY_CONTROL_DOC) rooms?.allRooms();
        if (who === 'phone') rooms?.phoneConnected(documentName);
        return Promise.resolve();
      },
      onDisconnect: ({ documentName, context }) => {
        if (whoOf(context) === 'phone') rooms?.phoneDisconnected(documentName);
        return Promise.resolve();
      },
    },
    { maxPayload: MAX_MESSAGE_BYTES },
  );
  // Subscribing before a client is ready raced with ioredis's ready check ("Connection in subscriber mode"),
  // and a room's subscription could be lost for good: 1 run in 3 of two instances never synced a room.
  await redisReady([extension.pub, extension.sub, sub]);
  // After a reconnect ioredis subscribes again to what it knew; a subscription that failed in the reconnect
  // is made again here for every document this instance holds (subscribing twice is harmless).
  extension.sub.on('ready', () => {
    for (const name of server.hocuspocus.documents.keys()) fireAndLog(extension.sub.subscribe(`hocuspocus:${name}`), log, 'subscribe');
  });
  guard = guardSockets(server.webSocketServer, {
    ...SOCKET_LIMITS,
    ...(opts.socketsPerAddress ? { socketsPerAddress: opts.socketsPerAddress } : {}),
    isLaptopToken: (token) => checkAccess(opts.secret, token, RELAY_CONTROL_DOC, Date.now()).ok,
    addressOf: (req) => clientAddress(req, opts.trustProxy ?? false),
    log,
  });
  rooms = new RoomNotices(server.hocuspocus, extension.pub, sub, log);
  const joins = new JoinForwarder({ instance: server.hocuspocus, pub: extension.pub, sub, trustProxy: opts.trustProxy ?? false, log, ...(opts.joinTimeoutMs ? { timeoutMs: opts.joinTimeoutMs } : {}) });
  http = { joins, clock: new LaptopClock(extension.pub, sub, log), appRoot: opts.appRoot };
  await server.listen();
  const stopKeepalive = startPhoneKeepalive(server.hocuspocus, opts.keepaliveMs);
  return {
    port: server.address.port,
    close: async () => {
      stopKeepalive();
      sub.disconnect();
      await server.destroy();
    },
  };
}
