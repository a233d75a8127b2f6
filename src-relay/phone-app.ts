import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveFile } from '../src-node/static-files.js';
import { PATHS } from '../src-shared/paths.js';

/**
 * The phone app at the relay's origin (issue 20): the same precompressed build the laptop serves on the LAN
 * (`out/attendee`), so a remote phone opens `https://<relay>/j/<code>` and gets the same app, which then
 * joins through this relay. Also the laptop's clock (`GET /api/time`), so a remote phone's speaker timer
 * agrees with the projector's (laptop-clock.ts).
 *
 * Answers a GET it knows and returns true; anything else returns false (the caller's 404).
 */
export function servePhoneApp(req: IncomingMessage, res: ServerResponse, appRoot: string | undefined, laptopNow: () => number): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://relay').pathname);
  } catch {
    return false;
  }
  if (path === PATHS.time) {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ now: laptopNow() }));
    return true;
  }
  if (!appRoot) return false;
  if (path === '/' || path.startsWith(PATHS.joinPage)) return serveFile(req, res, appRoot, 'index.html');
  return path !== '/index.html' && serveFile(req, res, appRoot, path);
}
