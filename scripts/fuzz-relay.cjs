#!/usr/bin/env node
'use strict';
/**
 * `npm run fuzz`, second part: a hostile probe of the relay (issue 20, "Security and faults"). Real
 * processes only: a Debian redis-server on a free loopback port with a temp dir, two `open-floor relay`
 * instances (A, B) on it, and the laptop (`open-floor serve --relay ws://…A --session Fuzz`), the secret in
 * OPEN_FLOOR_RELAY_SECRET. A good remote phone (its own process, stock Hocuspocus provider) joins with
 * `POST /api/join` on B, asks once and then votes / unvotes all along, and records send → receipt latency
 * before, during and after the hostile traffic. The hostile traffic, from many loopback addresses
 * (127.x.y.z), goes to both instances:
 *   - malformed frames: random bytes, truncated varints, unknown message types, sync before auth, text frames
 *   - the good phone's room, `board` for write and `control` with forged, altered, expired (correctly
 *     signed: this script owns the secret), other-room tokens and guessed laptop credentials
 *   - oversized frames (> 4 MiB), sockets that never authenticate, connection floods from one address
 *     and from many, junk `POST /api/join` bodies, random HTTP paths and methods
 * Checks: relays, Redis and the laptop alive at the end; the good phone's question text never in anything
 * a hostile socket received; `control` never opened by a hostile socket; every HTTP path other than
 * `POST /api/join`, `GET /healthz` and the phone app's (`/`, `/j/…`, `/sw.js`, `/api/time`) a 404. Writes a block into docs/RELIABILITY.md; exits 1 on a crash
 * or a leak. Bounded: RELAY_FUZZ_DEADLINE_S (default 240) and RELAY_FUZZ_SCALE (default 1, multiplies counts).
 */
const { spawn, fork } = require('node:child_process');
const { createHmac } = require('node:crypto');
const { mkdtempSync, rmSync, readFileSync, writeFileSync, existsSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');
const WebSocket = require('ws');
const { freePort, portOpen } = require('./bench/relay-stack.cjs');

const ROOT = join(__dirname, '..');
const SCALE = Number(process.env.RELAY_FUZZ_SCALE || 1);
const DEADLINE_S = Number(process.env.RELAY_FUZZ_DEADLINE_S || 240);
const BASELINE_MS = 15_000;
const SETTLE_MS = 15_000;
const SECRET = `fuzz-relay-${require('node:crypto').randomBytes(12).toString('hex')}`;
const GOOD_ADDRESS = '127.0.0.3';
const log = (line) => process.stdout.write(`[fuzz-relay ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- the good phone (this file, forked with RELAY_FUZZ_GOOD=1) -------------------------------------
async function goodPhone() {
  const Y = require('yjs');
  const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
  const { watchReceipts } = require('./room-parts.cjs');
  const { now, summary } = require('./bench/stats.cjs');
  const { postJson, wsClassFor } = require('./bench/phone-net.cjs');
  const { RELAY_HTTP, RELAY_WS, CODE, MARKER } = process.env;
  const joined = await postJson(RELAY_HTTP, '/api/join', { code: CODE }, GOOD_ADDRESS);
  if (joined.status !== 200 || !joined.body.relayToken) {
    process.send({ error: `join ${joined.status} ${JSON.stringify(joined.body)}` });
    return;
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: RELAY_WS, WebSocketPolyfill: wsClassFor(GOOD_ADDRESS), delay: 100, minDelay: 100, maxDelay: 500 });
  let reconnects = -1;
  socket.on('open', () => reconnects++);
  const provider = new HocuspocusProvider({ name: joined.body.relayDoc, document: doc, token: joined.body.relayToken, websocketProvider: socket });
  provider.attach();
  let phase = { latencies: [], sent: 0 };
  const pending = new Map();
  let questionId = null;
  watchReceipts(doc, (id, r) => {
    if (r && r.questionId && !questionId) questionId = r.questionId;
    const p = pending.get(id);
    if (!p || !r || (r.ok === false && r.retry)) return;
    pending.delete(id);
    p.phase.latencies.push(now() - p.at);
  });
  let counter = 0;
  let voted = false;
  const send = (request) => {
    const id = `good-${++counter}`;
    pending.set(id, { at: now(), phase });
    phase.sent++;
    doc.getArray('requests').push([{ ...request, id }]);
  };
  const start = Date.now();
  while (!provider.isSynced && Date.now() - start < 10_000) await sleep(50);
  send({ kind: 'ask', text: MARKER });
  const timer = setInterval(() => {
    if (!questionId) return;
    send({ kind: voted ? 'unvote' : 'vote', questionId });
    voted = !voted;
  }, 500);
  const report = (p) => ({ ...summary(p.latencies), sent: p.sent, unanswered: [...pending.values()].filter((x) => x.phase === p).length, reconnects: Math.max(0, reconnects) });
  process.on('message', (m) => {
    const done = phase;
    if (m.cmd === 'phase') {
      phase = { latencies: [], sent: 0 };
      process.send(report(done));
    } else if (m.cmd === 'stop') {
      clearInterval(timer);
      process.send(report(done));
      setTimeout(() => process.exit(0), 100);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, room: joined.body.relayDoc, token: joined.body.relayToken });
}

// ---- processes -----------------------------------------------------------------------------------
const children = [];
const tempDirs = [];
function track(proc, name) {
  const entry = { proc, name, exit: null, stderr: '', stderrBytes: 0, stderrLines: 0, authLines: 0, stacks: 0 };
  proc.on('exit', (code, signal) => (entry.exit = { code, signal }));
  proc.stderr?.on('data', (d) => {
    const text = d.toString();
    entry.stderrBytes += d.length;
    entry.stderrLines += (text.match(/\n/g) || []).length;
    entry.authLines += (text.match(/\[onAuthenticate\]/g) || []).length;
    entry.stacks += (text.match(/\n\s+at Receiver\.receiverOnMessage/g) || []).length;
    entry.stderr = (entry.stderr + text).slice(-20_000);
  });
  children.push(entry);
  return entry;
}
/** Waits for a JSON line with `event` on the child's stdout. */
function jsonEvent(entry, event, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry.name}: no "${event}" in ${timeoutMs} ms; stderr: ${entry.stderr}`)), timeoutMs);
    entry.proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${entry.name} exited (${code}): ${entry.stderr}`))));
    createInterface({ input: entry.proc.stdout }).on('line', (line) => {
      try {
        const msg = JSON.parse(line);
        if (msg.event === event) (clearTimeout(timer), resolve(msg));
      } catch {
        /* not JSON */
      }
    });
  });
}
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), 'open-floor-fuzz-redis-'));
  tempDirs.push(dir);
  const entry = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'ignore', 'pipe'] }), 'redis');
  const end = Date.now() + 10_000;
  while (!(await portOpen(port))) {
    if (entry.exit || Date.now() > end) throw new Error(`redis-server did not listen: ${entry.stderr}`);
    await sleep(50);
  }
  return { ...entry, url: `redis://127.0.0.1:${port}` };
}
async function startRelay(redisUrl, name) {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'open-floor.cjs'), 'relay', '--redis', redisUrl, '--port', '0', '--address', '127.0.0.1', '--json'], {
    env: { ...process.env, OPEN_FLOOR_RELAY_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = track(proc, name);
  const ready = await jsonEvent(entry, 'ready');
  return Object.assign(entry, { port: ready.port, ws: `ws://127.0.0.1:${ready.port}`, http: `http://127.0.0.1:${ready.port}` });
}
async function startLaptop(relayWs) {
  const dir = mkdtempSync(join(os.tmpdir(), 'open-floor-fuzz-host-'));
  tempDirs.push(dir);
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'open-floor.cjs'), 'serve', '--relay', relayWs, '--session', 'Fuzz', '--port', '0', '--address', '127.0.0.1', '--data', dir, '--json'], {
    env: { ...process.env, OPEN_FLOOR_RELAY_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  const entry = track(proc, 'laptop');
  const opened = jsonEvent(entry, 'session-open');
  await jsonEvent(entry, 'ready');
  const session = await opened;
  return Object.assign(entry, { code: session.code });
}
function rss(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return NaN;
  }
}
async function stopAll() {
  for (const c of children.slice().reverse()) {
    if (c.exit) continue;
    await new Promise((resolve) => {
      const t = setTimeout(() => c.proc.kill('SIGKILL'), 10_000);
      c.proc.once('exit', () => (clearTimeout(t), resolve()));
      c.proc.kill('SIGTERM');
    });
  }
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

// ---- tokens (the relay's scheme, src-relay/relay-token.ts; the fuzz owns the secret) ----------------
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
function signedPhoneToken(room, expiryMs) {
  const body = `phone.${room}.${expiryMs.toString(36)}`;
  return `${body}.${hmac(hmac(SECRET, 'open-floor relay phone-token v1'), body).toString('base64url')}`;
}
const randomRoom = () => `room-${require('node:crypto').randomBytes(18).toString('base64url')}`;

// ---- hostile traffic -------------------------------------------------------------------------------
const counts = {};
const count = (kind, n = 1) => (counts[kind] = (counts[kind] ?? 0) + n);
let deadline = Infinity;
const timeLeft = () => Date.now() < deadline;
const rnd = (n) => Math.floor(Math.random() * n);
let nextAddress = 0;
/** A fresh loopback source address 127.(60..99).x.y (the LAN fuzz uses 127.20..59). */
function freshAddress() {
  const n = nextAddress++;
  return `127.${60 + ((n >> 16) % 40)}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}
const received = []; // every chunk a hostile socket received
let receivedBytes = 0;
const keep = (data) => {
  const b = Buffer.isBuffer(data) ? data : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : String(data));
  receivedBytes += b.length;
  if (received.length < 200_000) received.push(b);
};
const findings = { closes: {}, authOk: {}, denied: 0, controlOpened: 0, boardWritable: 0, http: {}, httpUnexpected: [], joinStatus: {}, neverAuthClosed: 0, neverAuthHeld: 0, floodRefused: 0, oversizedClosed: 0 };

const encoding = require('lib0/encoding');
function hpMessage(doc, type, build) {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  if (build) build(e);
  return encoding.toUint8Array(e);
}
const authMsg = (doc, token) => hpMessage(doc, 2, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarString(e, token)));
const randomBytes = (n) => require('node:crypto').randomBytes(n);
function malformedFrame(room) {
  switch (rnd(8)) {
    case 0:
      return randomBytes(1 + rnd(64));
    case 1:
      return Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]); // truncated varint
    case 2:
      return hpMessage(room, 99); // unknown message type
    case 3:
      return hpMessage(room, 0, (e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, randomBytes(20)))); // sync update before auth
    case 4:
      return hpMessage(room, 0, (e) => encoding.writeVarUint(e, 7)); // unknown sync step
    case 5:
      return 'text frame';
    case 6:
      return hpMessage('x'.repeat(1000), 2, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarString(e, 'y'.repeat(2000))));
    default:
      return hpMessage(room, 5, (e) => encoding.writeVarString(e, '{"join":"forged"}')); // stateless before auth
  }
}
/** A raw WebSocket from `from`; resolves when open (null if refused); everything received is kept. */
function openRaw(url, from) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from, perMessageDeflate: false, handshakeTimeout: 10_000, maxPayload: 8 * 1024 * 1024 });
    ws.closedCode = null;
    ws.on('message', keep);
    ws.on('close', (code) => {
      ws.closedCode = code;
      findings.closes[code] = (findings.closes[code] ?? 0) + 1;
    });
    ws.once('open', () => resolve(ws));
    ws.on('error', () => resolve(null));
  });
}
const closed = (ws, ms) =>
  new Promise((resolve) => {
    if (!ws || ws.readyState === WebSocket.CLOSED) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    ws.once('close', () => (clearTimeout(t), resolve(true)));
  });

/** Stock Hocuspocus clients with a bad token; records whether the relay let them in. */
async function caseTokens(ctx) {
  const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
  const Y = require('yjs');
  const good = ctx.goodToken;
  const [, room, expiry, sig] = good.split('.');
  const flip = (s) => s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
  const tokens = {
    forged: () => `phone.${room}.${(Date.now() + 3_600_000).toString(36)}.${randomBytes(32).toString('base64url')}`,
    altered: () => [`phone.${room}.${expiry}.${flip(sig)}`, `phone.${room}.${(parseInt(expiry, 36) + 1000).toString(36)}.${sig}`, `phone.${room.slice(0, -1)}X.${expiry}.${sig}`][rnd(3)],
    expired: () => signedPhoneToken(room, Date.now() - 1000 - rnd(3_600_000)),
    otherRoom: () => signedPhoneToken(randomRoom(), Date.now() + 3_600_000),
    laptopGuess: () => `laptop.${randomBytes(32).toString('base64url')}`,
    junk: () => ['', 'null', 'x'.repeat(600), 'phone....', `phone.${room}`][rnd(5)],
  };
  // A correctly signed token for another room is a real phone's token: it may read `board` (that is no
  // leak, and the board may show the good phone's question), so it is sent only to rooms and `control`.
  const targets = [() => room, () => 'board', () => 'control', () => randomRoom()];
  const roomTargets = [() => room, () => 'control', () => randomRoom()];
  const total = 1200 * SCALE;
  class Tapped extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { localAddress: freshAddress(), perMessageDeflate: false });
      this.on('message', keep);
    }
  }
  for (let i = 0; i < total && timeLeft(); i += 8) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, k) => {
        const kinds = Object.keys(tokens);
        const kind = kinds[(i + k) % kinds.length];
        const pool = kind === 'otherRoom' ? roomTargets : targets;
        const name = pool[rnd(pool.length)]();
        const token = tokens[kind]();
        const doc = new Y.Doc();
        const socket = new HocuspocusProviderWebsocket({ url: ctx.relays[(i + k) % 2].ws, WebSocketPolyfill: Tapped, delay: 100, minDelay: 100, maxDelay: 500, maxAttempts: 1 });
        let state = 'pending';
        const provider = new HocuspocusProvider({
          name,
          document: doc,
          token,
          websocketProvider: socket,
          onAuthenticationFailed: () => (state = 'denied'),
          onAuthenticated: ({ scope }) => (state = `ok-${scope}`),
        });
        provider.attach();
        count(`token:${kind}`);
        const end = Date.now() + 5000;
        while (state === 'pending' && Date.now() < end) await sleep(25);
        // Whatever it got in, it tries to write (the relay must not carry it anywhere).
        doc.getArray('requests').push([{ kind: 'ask', id: `fz-${rnd(1e9)}`, text: 'hostile write' }]);
        doc.getMap('host').set('now', 'hostile');
        await sleep(150);
        if (state === 'denied') findings.denied++;
        else {
          findings.authOk[`${kind}→${name.startsWith('room-') ? (name === room ? 'good room' : 'other room') : name}:${state}`] = (findings.authOk[`${kind}→${name.startsWith('room-') ? (name === room ? 'good room' : 'other room') : name}:${state}`] ?? 0) + 1;
          if (name === 'control' && state.startsWith('ok')) findings.controlOpened++;
          if (name === 'board' && state === 'ok-read-write') findings.boardWritable++;
        }
        provider.destroy();
        socket.destroy();
        doc.destroy();
      }),
    );
  }
}

/** Raw sockets sending malformed frames, then an auth for the good room with a forged token. */
async function caseMalformed(ctx) {
  const total = 60_000 * SCALE;
  let sent = 0;
  while (sent < total && timeLeft()) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, k) => {
        const ws = await openRaw(ctx.relays[k % 2].ws, freshAddress());
        count('malformed:sockets');
        if (!ws) return;
        for (let m = 0; m < 40 && ws.readyState === WebSocket.OPEN; m++) {
          ws.send(m === 20 ? authMsg(ctx.goodRoom, `phone.${ctx.goodRoom}.zzzzzzzz.${randomBytes(32).toString('base64url')}`) : malformedFrame(ctx.goodRoom));
          sent++;
          count('malformed:frames');
        }
        await closed(ws, 300);
        ws.terminate();
      }),
    );
    await sleep(50);
  }
}

/** Frames over the relay's 4 MiB limit, before and after an auth attempt. */
async function caseOversized(ctx) {
  const n = 12 * SCALE;
  const big = Buffer.alloc(5 * 1024 * 1024, 7);
  for (let i = 0; i < n && timeLeft(); i++) {
    const ws = await openRaw(ctx.relays[i % 2].ws, freshAddress());
    if (!ws) continue;
    if (i % 2) ws.send(authMsg(ctx.goodRoom, 'phone.x.y.z'));
    ws.send(big);
    count('oversized:frames');
    if (await closed(ws, 5000)) findings.oversizedClosed++;
    ws.terminate();
    await sleep(500);
  }
}

/** Sockets that never authenticate: the relay must close them (10 s). */
async function caseNeverAuth(ctx) {
  const n = 200 * SCALE;
  const held = [];
  for (let i = 0; i < n && timeLeft(); i++) {
    const ws = await openRaw(ctx.relays[i % 2].ws, freshAddress());
    count('neverAuth:sockets');
    if (ws) held.push(ws);
  }
  const results = await Promise.all(held.map((ws) => closed(ws, 15_000)));
  findings.neverAuthClosed = results.filter(Boolean).length;
  findings.neverAuthHeld = held.length;
  held.forEach((ws) => ws.terminate());
}

/** Floods: 100 sockets from one address (64 allowed), then bursts from many addresses. */
async function caseFlood(ctx) {
  const from = freshAddress();
  const one = await Promise.all(Array.from({ length: 100 }, () => openRaw(ctx.relays[0].ws, from)));
  count('flood:oneAddress', 100);
  await sleep(500);
  findings.floodOneAddressOpen = one.filter((ws) => ws && ws.readyState === WebSocket.OPEN).length;
  one.forEach((ws) => ws && ws.terminate());
  const rounds = 30 * SCALE;
  for (let r = 0; r < rounds && timeLeft(); r++) {
    const burst = await Promise.all(Array.from({ length: 150 }, (_, k) => openRaw(ctx.relays[k % 2].ws, freshAddress())));
    count('flood:manyAddresses', 150);
    await sleep(1000);
    burst.forEach((ws) => ws && ws.terminate());
    await sleep(2000);
  }
}

/** Junk joins and random HTTP paths. Hostile joins never carry the right code (nothing hostile holds a token). */
async function caseHttp(ctx) {
  const lan = require('./fuzz/lan.cjs');
  const bodies = ['{"code":', JSON.stringify({ code: 'ZZZZZZ' }), JSON.stringify({ code: 'x'.repeat(5000) }), JSON.stringify([1]), '', 'x'.repeat(2048), JSON.stringify({ code: 12345, paper: {} }), '\u0000\u0001', JSON.stringify({ code: 'A'.repeat(6), paper: 'x'.repeat(40) })];
  const paths = ['/', '/j/ABC234', '/api/time', '/sw.js', '/api/join', '/api/control', '/api/createSession', '/control', '/board', '/%%%', '/..%2f..%2fetc%2fpasswd', '/healthz/../api', '/healthz?x=1', '/room-x', '/sync/board', '/' + 'A'.repeat(4000), '/index.html', '//'];
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
  const total = 4000 * SCALE;
  for (let i = 0; i < total && timeLeft(); i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, k) => {
        const base = ctx.relays[(i + k) % 2].http;
        const from = freshAddress();
        if ((i + k) % 2 === 0) {
          const r = await lan.request(base, { method: 'POST', path: '/api/join', body: bodies[(i + k) % bodies.length], headers: { 'content-type': 'application/json' }, from });
          findings.joinStatus[r.status] = (findings.joinStatus[r.status] ?? 0) + 1;
          if (r.body) keep(Buffer.from(r.body));
          count('http:joins');
        } else {
          const method = methods[rnd(methods.length)];
          const path = paths[rnd(paths.length)];
          const r = await lan.request(base, { method, path, from });
          // The relay's whole surface: its health, the join, and the phone app with the laptop's clock.
          const app = (method === 'GET' || method === 'HEAD') && (path === '/' || path.startsWith('/j/') || path === '/api/time' || path === '/sw.js');
          const allowed = (method === 'GET' && path === '/healthz') || (method === 'POST' && path === '/api/join') || app;
          findings.http[r.status] = (findings.http[r.status] ?? 0) + 1;
          if (!allowed && r.status !== 404) findings.httpUnexpected.push(`${method} ${path.slice(0, 40)} → ${r.status}`);
          if (r.body) keep(Buffer.from(r.body));
          count('http:paths');
        }
      }),
    );
    await sleep(100);
  }
}

/** Whether the room's state on the relay contains `text` (opened with the laptop's credential: the fuzz owns the secret). */
async function roomHolds(url, room, text) {
  const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
  const Y = require('yjs');
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const credential = `laptop.${hmac(SECRET, 'open-floor relay laptop v1').toString('base64url')}`;
  const provider = new HocuspocusProvider({ name: room, document: doc, token: credential, websocketProvider: socket });
  provider.attach();
  const end = Date.now() + 5000;
  while (!provider.isSynced && Date.now() < end) await sleep(50);
  const holds = provider.isSynced ? Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text)) : null;
  provider.destroy();
  socket.destroy();
  doc.destroy();
  return holds;
}

// ---- report ----------------------------------------------------------------------------------------
function machine() {
  const cpu = (/model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || '?';
  return `${os.cpus().length} × ${cpu.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}
/** Replaces the `<!-- fuzz:relay -->` … `<!-- /fuzz:relay -->` block (made under its own section the first time). */
function writeReliability(block) {
  const file = join(ROOT, 'docs', 'RELIABILITY.md');
  const begin = '<!-- fuzz:relay -->';
  const end = '<!-- /fuzz:relay -->';
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  const body = `${begin}\n${block.trim()}\n${end}`;
  doc = a >= 0 && b > a ? doc.slice(0, a) + body + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n## Fuzz against the relay (issue 20)\n\nWritten by \`scripts/fuzz-relay.cjs\` (the second half of \`npm run fuzz\`).\n\n${body}\n`;
  writeFileSync(file, doc);
}
const fmt = (v) => (typeof v !== 'number' || Number.isNaN(v) ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const mib = (v) => (Number.isNaN(v) ? '—' : `${(v / 2 ** 20).toFixed(0)} MiB`);

async function main() {
  const redis = await startRedis();
  const relayA = await startRelay(redis.url, 'relay A');
  const relayB = await startRelay(redis.url, 'relay B');
  const laptop = await startLaptop(relayA.ws);
  log(`redis ${redis.url}, relay A :${relayA.port}, relay B :${relayB.port}, laptop ${laptop.proc.pid} (code ${laptop.code})`);

  const marker = `GOODPHONE-${randomBytes(8).toString('hex')} is the question only its room may read`;
  const phone = fork(__filename, [], { env: { ...process.env, RELAY_FUZZ_GOOD: '1', RELAY_HTTP: relayB.http, RELAY_WS: relayB.ws, CODE: laptop.code, MARKER: marker }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  const waiters = [];
  phone.on('message', (m) => (waiters.length ? waiters.shift()(m) : replies.push(m)));
  const next = (timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('good phone did not answer')), timeoutMs);
      const done = (m) => (clearTimeout(t), resolve(m));
      if (replies.length) done(replies.shift());
      else waiters.push(done);
    });
  const hello = await next();
  if (hello.error) throw new Error(`good phone: ${hello.error}`);
  log(`good phone in ${hello.room} through relay B`);
  const ctx = { relays: [relayA, relayB], goodRoom: hello.room, goodToken: hello.token };
  const relays = [relayA, relayB];
  const rssOf = () => relays.map((r) => rss(r.proc.pid));

  await sleep(2000);
  phone.send({ cmd: 'phase' });
  await next(); // drops the warm-up (join, first ask)
  await sleep(BASELINE_MS);
  const rssBefore = rssOf();
  const laptopRssBefore = rss(laptop.proc.pid);
  phone.send({ cmd: 'phase' });
  const baseline = await next();
  log(`baseline: receipt p95 ${fmt(baseline.p95)} ms (${baseline.n}); relay RSS ${rssBefore.map(mib).join(' / ')}`);

  const t0 = Date.now();
  deadline = t0 + DEADLINE_S * 1000;
  const errors = [];
  const progress = setInterval(() => log(`${JSON.stringify(counts)}; ${children.map((c) => `${c.name} ${c.exit ? 'EXITED' : 'alive'}`).join(', ')}`), 15_000);
  const cases = { tokens: caseTokens, malformed: caseMalformed, oversized: caseOversized, neverAuth: caseNeverAuth, flood: caseFlood, http: caseHttp };
  await Promise.all(Object.entries(cases).map(([name, fn]) => fn(ctx).catch((err) => errors.push(`${name}: ${err.message}`))));
  clearInterval(progress);
  const fuzzSeconds = (Date.now() - t0) / 1000;
  phone.send({ cmd: 'phase' });
  const during = await next();
  log(`hostile traffic done in ${fuzzSeconds.toFixed(0)} s`);
  await sleep(SETTLE_MS);
  const rssAfter = rssOf();
  const laptopRssAfter = rss(laptop.proc.pid);
  phone.send({ cmd: 'stop' });
  const after = await next();

  // The leak check means something only if the text is in the room's state on the relay: read it as the laptop.
  const inRoom = await roomHolds(relayB.ws, ctx.goodRoom, marker.slice(0, 26));
  const crashed = children.filter((c) => c.exit !== null).map((c) => `${c.name} ${JSON.stringify(c.exit)}`);
  const all = Buffer.concat(received);
  const leaked = all.includes(Buffer.from(marker.slice(0, 26))) || all.includes(Buffer.from(SECRET));
  if (process.env.RELAY_FUZZ_DEBUG) for (const c of children) log(`${c.name} stderr tail: ${c.stderr.slice(-600)}`);
  const stderrOf = (r) => `${(r.stderrBytes / 1024).toFixed(0)} KiB, ${r.stderrLines} lines (${r.authLines} \`[onAuthenticate]\` lines, ${r.stacks} stack traces of undecodable frames)`;
  await stopAll();

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const ratio = during.p95 / baseline.p95;
  const lines = [
    `Last run: ${new Date().toISOString()} on ${machine()}. Redis, two relay instances, the laptop, the good phone and the hostile clients all on this machine; RELAY_FUZZ_SCALE ${SCALE}, deadline ${DEADLINE_S} s.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| hostile connections, frames and requests sent | ${total} in ${fuzzSeconds.toFixed(0)} s (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}); from ${nextAddress} loopback addresses |`,
    `| crashes (Redis, relay A, relay B, laptop) | ${crashed.length}${crashed.length ? ` (${crashed.join('; ')})` : ''} |`,
    `| good phone's question text in anything a hostile socket or request received (${(receivedBytes / 1024).toFixed(0)} KiB) | ${leaked ? '**yes: LEAK**' : 'never'} (the text is in the room's state on the relay at the end: ${inRoom === null ? 'could not read it' : inRoom ? 'yes' : 'no'}) |`,
    `| bad tokens refused / let in | ${findings.denied} / ${Object.values(findings.authOk).reduce((a, b) => a + b, 0)}${Object.keys(findings.authOk).length ? ` (${Object.entries(findings.authOk).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''} |`,
    `| \`control\` opened by a hostile client; \`board\` opened for write | ${findings.controlOpened}; ${findings.boardWritable} |`,
    `| HTTP: answers to random paths and methods; any other than 404 (besides GET /healthz, POST /api/join and the phone app: GET/HEAD /, /j/…, /sw.js, /api/time) | ${Object.entries(findings.http).map(([k, v]) => `${k}: ${v}`).join(', ')}; ${findings.httpUnexpected.length}${findings.httpUnexpected.length ? ` (${[...new Set(findings.httpUnexpected)].slice(0, 5).join('; ')})` : ''} |`,
    `| junk \`POST /api/join\` answers (0: connection closed by the relay, a body over 1 KiB) | ${Object.entries(findings.joinStatus).map(([k, v]) => `${k}: ${v}`).join(', ')} |`,
    `| oversized frames (5 MiB) that closed their socket | ${findings.oversizedClosed} of ${counts['oversized:frames'] ?? 0} |`,
    `| sockets that never authenticate, closed by the relay within 15 s | ${findings.neverAuthClosed} of ${findings.neverAuthHeld} |`,
    `| 100 sockets from one address: still open after 0.5 s | ${findings.floodOneAddressOpen ?? '—'} (limit 64) |`,
    `| socket close codes seen by hostile clients | ${Object.entries(findings.closes).map(([k, v]) => `${k}: ${v}`).join(', ')} |`,
    `| good phone (relay B, its own process) receipt p95 before / during / after | ${fmt(baseline.p95)} / ${fmt(during.p95)} / ${fmt(after.p95)} ms (${baseline.n} / ${during.n} / ${after.n} receipts; ${during.unanswered + after.unanswered} unanswered; ${after.reconnects} reconnects) |`,
    `| good phone p95 during ÷ before | ${ratio.toFixed(2)} (the LAN fuzz's target ≤ 2) |`,
    `| relay RSS A / B, before / ${SETTLE_MS / 1000} s after | ${mib(rssBefore[0])} / ${mib(rssBefore[1])} → ${mib(rssAfter[0])} / ${mib(rssAfter[1])} |`,
    `| laptop RSS before / after | ${mib(laptopRssBefore)} / ${mib(laptopRssAfter)} |`,
    `| what the relays wrote to stderr, A / B | ${stderrOf(relayA)} / ${stderrOf(relayB)} |`,
  ];
  if (errors.length) lines.push('', `Probe errors: ${errors.join('; ')}`);
  const block = lines.join('\n');
  process.stdout.write(`\n${block}\n\n`);
  writeReliability(block);
  log('docs/RELIABILITY.md updated');
  const failed = crashed.length > 0 || leaked || findings.controlOpened > 0 || findings.boardWritable > 0 || findings.httpUnexpected.length > 0 || Object.keys(findings.authOk).length > 0;
  process.exit(failed ? 1 : 0);
}

if (process.env.RELAY_FUZZ_GOOD === '1') {
  goodPhone().catch((err) => {
    process.send?.({ error: err.message });
    process.exit(2);
  });
} else {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stopAll().then(() => process.exit(130)));
  main().catch(async (err) => {
    console.error(err);
    await stopAll();
    process.exit(2);
  });
}
