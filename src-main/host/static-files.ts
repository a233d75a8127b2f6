import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** Everything the pages load comes from this laptop; nothing from anywhere else. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/**
 * Serves files from `root` (a build output folder). `relPath` is the path inside it; paths that would
 * leave the folder are refused. Returns false when there is no such file.
 */
export function serveFile(req: IncomingMessage, res: ServerResponse, root: string, relPath: string): boolean {
  const safe = normalize(relPath).replace(/^([/\\])+/, '');
  const full = join(root, safe);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep) && full !== root) return false;
  if (!existsSync(full) || !statSync(full).isFile()) return false;
  const ext = extname(full);
  const hashedAsset = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2|svg|png)$/.test(full);
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': hashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(ext === '.html' ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(full).pipe(res);
  return true;
}
