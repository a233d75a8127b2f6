import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedCodings, serveFile } from '../src-node/static-files.js';
import { startTestHost, type TestHost } from './helpers/host-harness.js';

const ROOT = join(__dirname, '..');

interface Got {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A raw GET (no automatic Accept-Encoding or decompression, unlike fetch). */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(got: Got): Buffer {
  const coding = got.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(got.body);
  if (coding === 'gzip') return gunzipSync(got.body);
  expect(coding).toBeUndefined();
  return got.body;
}

describe('acceptedCodings', () => {
  it('reads Accept-Encoding as browsers send it, with q-values and wildcards', () => {
    expect(acceptedCodings('gzip, deflate, br, zstd')).toEqual(new Set(['br', 'gzip']));
    expect(acceptedCodings('gzip, deflate')).toEqual(new Set(['gzip']));
    expect(acceptedCodings('br;q=0, gzip;q=0.5')).toEqual(new Set(['gzip']));
    expect(acceptedCodings('*')).toEqual(new Set(['br', 'gzip']));
    expect(acceptedCodings('*;q=0, identity')).toEqual(new Set());
    expect(acceptedCodings('x-gzip')).toEqual(new Set(['gzip']));
    expect(acceptedCodings('identity')).toEqual(new Set());
    expect(acceptedCodings('')).toEqual(new Set());
    expect(acceptedCodings(undefined)).toEqual(new Set());
  });
});

describe('serveFile with precompressed twins', () => {
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-static-'));
  const js = Buffer.from(`export const answer = ${JSON.stringify('forty-two '.repeat(200))};\n`);
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'app-AbCdEf12.js'), js);
    writeFileSync(join(dir, 'assets', 'app-AbCdEf12.js.br'), brotliCompressSync(js));
    writeFileSync(join(dir, 'assets', 'app-AbCdEf12.js.gz'), gzipSync(js));
    writeFileSync(join(dir, 'plain.txt'), 'no twins here');
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!serveFile(req, res, dir, path)) {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const url = () => `${origin}/assets/app-AbCdEf12.js`;

  it('sends brotli to a client that accepts it, gzip to one that accepts only gzip, the file to one that accepts neither', async () => {
    const br = await get(url(), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(js.length / 5);
    expect(decode(br)).toEqual(js);

    const gz = await get(url(), { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz)).toEqual(js);

    const variants: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }];
    for (const headers of variants) {
      const plain = await get(url(), headers);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toEqual(js);
    }
  });

  it('says the response varies by Accept-Encoding, caches hashed assets for good, and tags each representation', async () => {
    const br = await get(url(), { 'accept-encoding': 'br' });
    const gz = await get(url(), { 'accept-encoding': 'gzip' });
    const plain = await get(url());
    for (const r of [br, gz, plain]) {
      expect(r.headers.vary).toBe('Accept-Encoding');
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(r.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    }
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);

    const again = await get(url(), { 'accept-encoding': 'br', 'if-none-match': br.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // A gzip-only client presenting the brotli tag gets the gzip body, not a 304.
    const other = await get(url(), { 'accept-encoding': 'gzip', 'if-none-match': br.headers.etag as string });
    expect(other.status).toBe(200);
    expect(decode(other)).toEqual(js);
  });

  it('answers HEAD with the headers only, never serves the twins by name, and leaves files without twins alone', async () => {
    const head = await get(url(), { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);

    expect((await get(`${url()}.br`)).status).toBe(404);
    expect((await get(`${url()}.gz`)).status).toBe(404);

    const plain = await get(`${origin}/plain.txt`, { 'accept-encoding': 'br, gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body.toString()).toBe('no twins here');
  });
});

describe('the built phone app, served by the LAN listener', () => {
  const out = join(ROOT, 'out', 'attendee');
  let host: TestHost;
  let code: string;

  beforeAll(async () => {
    if (!existsSync(join(out, 'index.html.br'))) {
      execFileSync('npx', ['vite', 'build', '-c', 'vite.attendee.config.mts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    }
    host = await startTestHost();
    code = await host.openSession('Compressed');
  }, 120_000);
  afterAll(async () => {
    await host?.stop();
  });

  it('has a brotli and a gzip twin of every script, stylesheet and page, built from the same bytes', () => {
    const files = [
      'index.html',
      ...readdirSync(join(out, 'assets'))
        .filter((f) => /\.(js|css)$/.test(f))
        .map((f) => `assets/${f}`),
    ];
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const f of files) {
      const raw = readFileSync(join(out, f));
      expect(brotliDecompressSync(readFileSync(join(out, `${f}.br`))), f).toEqual(raw);
      expect(gunzipSync(readFileSync(join(out, `${f}.gz`))), f).toEqual(raw);
    }
  });

  it('serves the join page and its scripts compressed to a phone, and whole to a browser that accepts no encoding', async () => {
    const page = `${host.lanOrigin}/j/${code}`;
    const html = readFileSync(join(out, 'index.html'));
    const br = await get(page, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('no-cache');
    expect(br.headers['content-security-policy']).toContain("script-src 'self'");
    expect(decode(br)).toEqual(html);

    const plain = await get(page);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toEqual(html);

    // Every script the page names loads whole for the old browser too.
    const scripts = [...html.toString().matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      const whole = await get(`${host.lanOrigin}${s}`);
      expect(whole.status, s).toBe(200);
      expect(whole.headers['content-encoding']).toBeUndefined();
      expect(whole.body).toEqual(readFileSync(join(out, s)));
      const small = await get(`${host.lanOrigin}${s}`, { 'accept-encoding': 'br' });
      expect(small.headers['content-encoding']).toBe('br');
      expect(small.body.length).toBeLessThan(whole.body.length);
    }
  });
});
