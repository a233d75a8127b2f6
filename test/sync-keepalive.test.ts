/**
 * Issue 13, defect 1: an idle phone keeps one socket. y-websocket's client closes a connection that received
 * nothing for 30 s; before the keepalive the host sent nothing to an idle phone, so every idle phone
 * reconnected (and re-ran the sync handshake) about every 30 s.
 *
 * The phone is a stock y-websocket provider in a child process whose clock runs 40× fast (Date.now and
 * timers, patched before y-websocket loads), so two minutes of phone time take three seconds. The host's
 * keepalive period is scaled the same way (250 ms here ≈ 10 s of phone time, the default).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { createSyncServer, type SyncServer } from '../src-main/host/net/sync-server';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SPEED = 40;

const PHONE_SOURCE = `
const SPEED = Number(process.env.SPEED);
const realNow = Date.now;
const start = realNow();
Date.now = () => start + (realNow() - start) * SPEED;
const realSetInterval = globalThis.setInterval;
const realSetTimeout = globalThis.setTimeout;
globalThis.setInterval = (fn, ms, ...a) => realSetInterval(fn, Math.max(1, (ms ?? 0) / SPEED), ...a);
globalThis.setTimeout = (fn, ms, ...a) => realSetTimeout(fn, Math.max(0, (ms ?? 0) / SPEED), ...a);
const Y = await import('yjs');
const { WebsocketProvider } = await import('y-websocket');
const { WebSocket } = await import('ws');
const doc = new Y.Doc();
let opens = 0;
const provider = new WebsocketProvider(process.env.URL, 'room-idle', doc, { WebSocketPolyfill: WebSocket, disableBc: true });
provider.on('status', (e) => { if (e.status === 'connected') opens++; });
realSetTimeout(() => {
  process.stdout.write(JSON.stringify({ opens, phoneSeconds: Math.round((Date.now() - start) / 1000) }) + '\\n');
  provider.destroy();
  process.exit(0);
}, Number(process.env.RUN_MS));
`;

let http: Server | null = null;
let sync: SyncServer | null = null;

afterEach(async () => {
  sync?.close();
  if (http) await new Promise<void>((r) => http!.close(() => r()));
  http = null;
});

async function serve(keepaliveMs: number): Promise<{ url: string; connections: () => number; live: () => number }> {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', 'v');
  const server = createSyncServer({ maxMessagesPer10s: 600, keepaliveMs });
  sync = server;
  const wss = new WebSocketServer({ noServer: true });
  let opened = 0;
  http = createServer();
  http.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => {
      opened++;
      server.handleConnection(ws, 'room-idle', { doc, readOnly: false });
    }),
  );
  http.on('close', () => {
    for (const c of wss.clients) c.terminate();
    wss.close();
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
  const port = (http.address() as AddressInfo).port;
  return { url: `ws://127.0.0.1:${port}/sync`, connections: () => opened, live: () => server.connections(doc) };
}

function runPhone(url: string, runMs: number): Promise<{ opens: number; phoneSeconds: number }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', PHONE_SOURCE], {
      cwd: REPO,
      env: { ...process.env, URL: url, SPEED: String(SPEED), RUN_MS: String(runMs) },
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', () => {
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as { opens: number; phoneSeconds: number });
      } catch {
        reject(new Error(`phone failed: ${out} ${err}`));
      }
    });
  });
}

describe('idle phones (issue 13, defect 1)', () => {
  it('an idle phone keeps one socket for two minutes', async () => {
    const { url, connections } = await serve(10_000 / SPEED);
    const result = await runPhone(url, 125_000 / SPEED);
    expect(result.phoneSeconds).toBeGreaterThanOrEqual(120);
    expect(result.opens).toBe(1);
    expect(connections()).toBe(1);
  });

  it('a peer that stops answering is closed within two keepalive periods', async () => {
    const { url, live } = await serve(100);
    const ws = new WebSocket(url);
    await new Promise((r) => ws.once('open', r));
    expect(live()).toBe(1);
    // A phone that lost its network: the socket stays open on the host's side but nothing comes back.
    ws.pause();
    const start = Date.now();
    while (live() > 0 && Date.now() - start < 2_000) await new Promise((r) => setTimeout(r, 20));
    expect(live()).toBe(0);
    ws.terminate();
  });
});
