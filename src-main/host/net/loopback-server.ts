import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CONTROL_TOKEN_HEADER, isControlCommand, type ControlCommand, type ControlResult } from '../../../src-shared/control.js';
import { LOCALE_QUERY, PATHS, TOKEN_QUERY, type ExportListing, type PublishResponse } from '../../../src-shared/endpoints.js';
import { isLocaleTag } from '../../../src-shared/i18n/format.js';
import { ID_REGEX } from '../../../src-shared/ids.js';
import { EXPORT_FORMAT_NAMES, isExportFormat, type ExportFormat } from '../../../src-shared/minutes/formats.js';
import type { SessionListing } from '../../../src-shared/minutes/listing.js';
import { LIMITS } from '../../../src-shared/limits.js';
import { clientAddress, HttpError, isLoopbackAddress, readJson, requestUrl, sendJson, sendText } from './http-util.js';
import type { ExportedFile } from '../export/export-session.js';
import { serveFile } from '../../../src-node/static-files.js';
import { withSocketShutdown, type ListeningServer } from './shutdown.js';
import type { SyncServer, SyncTarget } from './sync-server.js';

/**
 * The listener only this laptop reaches (127.0.0.1): console and projector pages, the control API and
 * the read-only desk/board documents. Every request must come from loopback, name this host, carry the
 * per-launch token (API and sync) and, from a browser, come from this origin.
 */
export interface LoopbackDeps {
  token: string;
  rendererRoot: string;
  sync: SyncServer;
  /** `desk`, `board` (read-only) or a phone room (for the gateway). */
  docTarget(name: string): SyncTarget | null;
  control(command: ControlCommand, input: unknown): ControlResult<ControlCommand>;
  /** `GET /export/<sessionId>.<format>`: one export (null when there is no such session). */
  exportFile(sessionId: string, format: ExportFormat, locale?: string): Promise<ExportedFile | null>;
  /** `GET /export/`: the sessions of the data directory. */
  listSessions(): SessionListing[];
  /** `POST /publish/<sessionId>`: writes the published record into the data folder (null: no such session). */
  publishRecord?(sessionId: string, locale: string): Promise<PublishResponse | null>;
  /** `GET /venue/<name>`: venue files such as the printable handout (null when there is none to give). */
  venueFile?(name: string, query: URLSearchParams): Promise<ExportedFile | null>;
  log(line: string): void;
}

export type RefusalReason = 'not-loopback' | 'bad-host' | 'bad-origin' | 'bad-token' | null;

/** Decides whether a loopback request may proceed; pure, so it is tested with any address. */
export function checkLoopbackRequest(
  req: Pick<IncomingMessage, 'headers'> & { remoteAddress: string },
  port: number,
  token: string,
  presentedToken: string | null,
  needsToken: boolean,
): RefusalReason {
  if (!isLoopbackAddress(req.remoteAddress)) return 'not-loopback';
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return 'bad-host';
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return 'bad-origin';
  if (needsToken && !tokenMatches(token, presentedToken)) return 'bad-token';
  return null;
}

function tokenMatches(expected: string, presented: string | null): boolean {
  if (presented === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

const REFUSAL_TEXT: Record<Exclude<RefusalReason, null>, string> = {
  'not-loopback': 'Control is only available on this laptop.',
  'bad-host': 'Unexpected host name.',
  'bad-origin': 'Requests from other sites are refused.',
  'bad-token': 'Missing or wrong control token. Open the console from the link the app printed.',
};

async function serveExport(deps: LoopbackDeps, name: string, res: ServerResponse, locale: string | null = null): Promise<void> {
  if (name === '') {
    sendJson(res, 200, { ok: true, sessions: deps.listSessions() } satisfies ExportListing);
    return;
  }
  const dot = name.indexOf('.');
  const sessionId = dot > 0 ? name.slice(0, dot) : '';
  const format = name.slice(dot + 1);
  if (!ID_REGEX.test(sessionId) || !isExportFormat(format)) {
    throw new HttpError(404, `Exports are ${PATHS.export}<session id>.<${EXPORT_FORMAT_NAMES.join('|')}>.`);
  }
  if (locale !== null && !isLocaleTag(locale)) throw new HttpError(400, 'The locale must be a language tag such as en-GB or es-ES.');
  const file = await deps.exportFile(sessionId, format, locale ?? undefined);
  if (!file) throw new HttpError(404, 'No such session.');
  sendAttachment(res, file);
}

async function publish(deps: LoopbackDeps, req: IncomingMessage, res: ServerResponse, sessionId: string, locale: string | null): Promise<void> {
  if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
  if (!ID_REGEX.test(sessionId) || !deps.publishRecord) throw new HttpError(404, `Publish with ${PATHS.publish}<session id>.`);
  if (locale === null || !isLocaleTag(locale)) throw new HttpError(400, 'The locale must be a language tag such as en-GB or es-ES.');
  const result = await deps.publishRecord(sessionId, locale);
  if (!result) throw new HttpError(404, 'No such session.');
  sendJson(res, result.ok ? 200 : 500, result);
}

/** A generated file as a download: never cached, never sniffed as something else. */
function sendAttachment(res: ServerResponse, file: { mime: string; data: Uint8Array; fileName: string }): void {
  res.writeHead(200, {
    'content-type': file.mime,
    'content-length': file.data.byteLength,
    'content-disposition': contentDisposition(file.fileName),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(file.data);
}

const VENUE_FILES = '/venue/';

async function serveVenueFile(deps: LoopbackDeps, name: string, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const file = /^[a-z-]{1,40}\.pdf$/.test(name) ? await deps.venueFile?.(name, query) : null;
  if (!file) throw new HttpError(404, 'Nothing to print yet: create a session first.');
  sendAttachment(res, file);
}

/** `attachment` with an ASCII fallback name and the real (UTF-8) one (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%;]/g, '_').trim() || 'export';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function createLoopbackServer(deps: LoopbackDeps, portOf: () => number): ListeningServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.roomMessageBytes });

  const server = createServer((req, res) => {
    const url = requestUrl(req, 'http://loopback');
    if (!url) return sendJson(res, 400, { ok: false, error: 'The address is not valid.' });
    const path = url.pathname;
    // Publishing writes files: a POST with the token in its header, like a command.
    const isApi = path.startsWith(PATHS.control) || path.startsWith(PATHS.publish);
    // Exports are plain download links, so their token comes in the query (like the WebSockets').
    const isExport = path.startsWith(PATHS.export) || path.startsWith(VENUE_FILES);
    const refusal = checkLoopbackRequest(
      { headers: req.headers, remoteAddress: clientAddress(req) },
      portOf(),
      deps.token,
      isExport ? url.searchParams.get(TOKEN_QUERY) : ((req.headers[CONTROL_TOKEN_HEADER] as string | undefined) ?? null),
      isApi || isExport,
    );
    if (refusal) {
      sendJson(res, refusal === 'bad-token' ? 401 : 403, { ok: false, error: REFUSAL_TEXT[refusal] });
      return;
    }
    void (async () => {
      try {
        if (path.startsWith(PATHS.publish)) return await publish(deps, req, res, path.slice(PATHS.publish.length), url.searchParams.get(LOCALE_QUERY));
        if (isApi) {
          const command = path.slice(PATHS.control.length);
          if (req.method !== 'POST') throw new HttpError(405, 'Use POST.');
          if (!isControlCommand(command)) throw new HttpError(404, `Unknown command “${command.slice(0, 40)}”.`);
          const input = await readJson(req, LIMITS.controlBodyBytes);
          const result = deps.control(command, input);
          sendJson(res, result.ok ? 200 : 422, result);
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Method not allowed');
        if (path.startsWith(VENUE_FILES)) return await serveVenueFile(deps, path.slice(VENUE_FILES.length), url.searchParams, res);
        if (isExport) return await serveExport(deps, path.slice(PATHS.export.length), res, url.searchParams.get(LOCALE_QUERY));
        if (path === '/' ) {
          res.writeHead(302, { location: `${PATHS.console}${url.search}` });
          res.end();
          return;
        }
        for (const page of [PATHS.console, PATHS.projector]) {
          if (path === page || path === page.slice(0, -1)) {
            if (serveFile(req, res, deps.rendererRoot, `${page.slice(1)}index.html`)) return;
            return sendText(res, 503, 'The console is not built. Run `npm run build`.');
          }
        }
        if (serveFile(req, res, deps.rendererRoot, decodeURIComponent(path))) return;
        sendText(res, 404, 'Not found');
      } catch (err) {
        if (err instanceof HttpError) sendJson(res, err.status, { ok: false, error: err.message });
        else {
          deps.log(`loopback: ${(err as Error).stack ?? err}`);
          if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'Something went wrong on the host.' });
        }
      }
    })();
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(req, 'http://loopback');
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const refusal = checkLoopbackRequest(
      { headers: req.headers, remoteAddress: clientAddress(req) },
      portOf(),
      deps.token,
      url.searchParams.get(TOKEN_QUERY),
      true,
    );
    const name = url.pathname.startsWith(`${PATHS.sync}/`) ? url.pathname.slice(PATHS.sync.length + 1) : '';
    const target = refusal ? null : deps.docTarget(name);
    if (!target) {
      socket.end(`HTTP/1.1 ${refusal ? '403 Forbidden' : '404 Not Found'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => deps.sync.handleConnection(ws, name, target));
  });
  return withSocketShutdown(server, [wss]);
}
