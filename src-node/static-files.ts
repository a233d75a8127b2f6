import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
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

/** Content codings the build writes next to a file (`<file>.br`, `<file>.gz`), in order of preference. */
export const PRECOMPRESSED = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;
export type Coding = (typeof PRECOMPRESSED)[number]['coding'];

const HASHED_ASSET = /[-.][A-Za-z0-9_-]{8,}\.(js|css|woff2|svg|png)$/;
const COMPRESSED_TWIN = /\.(br|gz)$/;

/**
 * The codings a client accepts, from its Accept-Encoding header (RFC 9110 §12.5.3): `br`, `gzip` (or
 * `x-gzip`) or `*` with a q-value above 0. A missing header accepts none of them; identity is always
 * possible.
 */
export function acceptedCodings(header: string | string[] | undefined): Set<Coding> {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    if (name === '') continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) weight = Number(m[1]);
    }
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  const ok = (coding: string): boolean => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  return new Set(PRECOMPRESSED.map((p) => p.coding).filter(ok));
}

/** A file read once and kept (the apps are small); re-read when its size or time changes on disk. */
interface Cached {
  size: number;
  mtimeMs: number;
  body: Buffer;
  etag: string;
}
const CACHE_MAX_FILE = 2 * 1024 * 1024;
const CACHE_MAX_ENTRIES = 1000;
const cache = new Map<string, Cached>();

function statFile(path: string): Stats | null {
  try {
    const st = statSync(path);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

function cached(path: string, st: Stats): Cached | null {
  if (st.size > CACHE_MAX_FILE) return null;
  const hit = cache.get(path);
  if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit;
  const body = readFileSync(path);
  const entry = { size: st.size, mtimeMs: st.mtimeMs, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(path, entry);
  return entry;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * Serves files from `root` (a build output folder). `relPath` is the path inside it; paths that would
 * leave the folder are refused, and so are the compressed twins themselves. Returns false when there is
 * no such file.
 *
 * When the build left `<file>.br` / `<file>.gz` next to the file, the response is the best of them the
 * client accepts (brotli first), with `Content-Encoding`; otherwise the file itself. Such files always
 * carry `Vary: Accept-Encoding`. Hashed assets are cached for a year (immutable); everything else is
 * `no-cache`, revalidated by a strong ETag per representation (304 when unchanged).
 */
export function serveFile(req: IncomingMessage, res: ServerResponse, root: string, relPath: string): boolean {
  const safe = normalize(relPath).replace(/^([/\\])+/, '');
  const full = join(root, safe);
  if (!full.startsWith(root.endsWith(sep) ? root : root + sep) && full !== root) return false;
  if (COMPRESSED_TWIN.test(full)) return false;
  const st = statFile(full);
  if (!st) return false;
  const ext = extname(full);

  const accepted = acceptedCodings(req.headers['accept-encoding']);
  let chosen: { path: string; st: Stats; coding: Coding | null } = { path: full, st, coding: null };
  let hasTwins = false;
  for (const { coding, suffix } of PRECOMPRESSED) {
    const twin = statFile(full + suffix);
    if (!twin) continue;
    hasTwins = true;
    if (chosen.coding === null && accepted.has(coding)) chosen = { path: full + suffix, st: twin, coding };
  }

  const entry = cached(chosen.path, chosen.st);
  const headers: OutgoingHttpHeaders = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': HASHED_ASSET.test(full) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    ...(ext === '.html' ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
    ...(hasTwins ? { vary: 'Accept-Encoding' } : {}),
    ...(entry ? { etag: entry.etag } : {}),
  };
  if (entry && etagMatches(req.headers['if-none-match'], entry.etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  res.writeHead(200, {
    ...headers,
    ...(chosen.coding ? { 'content-encoding': chosen.coding } : {}),
    'content-length': entry ? entry.body.length : chosen.st.size,
  });
  if (req.method === 'HEAD') res.end();
  else if (entry) res.end(entry.body);
  else createReadStream(chosen.path).pipe(res);
  return true;
}
