'use strict';
/**
 * The hostile side of the relay fuzz (scripts/fuzz-relay.cjs), from many loopback addresses (127.x.y.z),
 * to both relay instances (`ctx.relays`):
 *   - malformed frames: random bytes, truncated varints, unknown message types, sync before auth, text frames
 *   - the good phone's room, `board` for write and `control` with forged, altered, expired (correctly
 *     signed: the fuzz owns the secret, `ctx.secret`), other-room tokens and guessed laptop credentials
 *   - oversized frames (> 4 MiB), sockets that never authenticate, connection floods from one address
 *     and from many, junk `POST /api/join` bodies, random HTTP paths and methods
 * Everything a hostile socket or request received is kept (`hostileTally().received`) for the leak check.
 * Counts are multiplied by `ctx.scale`; each case stops at the deadline (`setDeadline`).
 */
const { createHmac, randomBytes } = require('node:crypto');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
const encoding = require('lib0/encoding');
const WebSocket = require('ws');
const Y = require('yjs');
const { sleep } = require('../bench/stats.cjs');
const lan = require('./lan.cjs');

// ---- tokens (the relay's scheme, src-relay/relay-token.ts; the fuzz owns the secret) ----------------
const hmac = (key, text) => createHmac('sha256', key).update(text).digest();
function signedPhoneToken(secret, room, expiryMs) {
  const body = `phone.${room}.${expiryMs.toString(36)}`;
  return `${body}.${hmac(hmac(secret, 'open-floor relay phone-token v1'), body).toString('base64url')}`;
}
const randomRoom = () => `room-${randomBytes(18).toString('base64url')}`;

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
const findings = { closes: {}, authOk: {}, denied: 0, controlOpened: 0, boardWritable: 0, http: {}, httpUnexpected: [], joinStatus: {}, neverAuthClosed: 0, neverAuthHeld: 0, oversizedClosed: 0 };

function hpMessage(doc, type, build) {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, type);
  if (build) build(e);
  return encoding.toUint8Array(e);
}
const authMsg = (doc, token) => hpMessage(doc, 2, (e) => (encoding.writeVarUint(e, 0), encoding.writeVarString(e, token)));
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
  const good = ctx.goodToken;
  const [, room, expiry, sig] = good.split('.');
  const flip = (s) => s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
  const tokens = {
    forged: () => `phone.${room}.${(Date.now() + 3_600_000).toString(36)}.${randomBytes(32).toString('base64url')}`,
    altered: () => [`phone.${room}.${expiry}.${flip(sig)}`, `phone.${room}.${(parseInt(expiry, 36) + 1000).toString(36)}.${sig}`, `phone.${room.slice(0, -1)}X.${expiry}.${sig}`][rnd(3)],
    expired: () => signedPhoneToken(ctx.secret, room, Date.now() - 1000 - rnd(3_600_000)),
    otherRoom: () => signedPhoneToken(ctx.secret, randomRoom(), Date.now() + 3_600_000),
    laptopGuess: () => `laptop.${randomBytes(32).toString('base64url')}`,
    junk: () => ['', 'null', 'x'.repeat(600), 'phone....', `phone.${room}`][rnd(5)],
  };
  // A correctly signed token for another room is a real phone's token: it may read `board` (that is no
  // leak, and the board may show the good phone's question), so it is sent only to rooms and `control`.
  const targets = [() => room, () => 'board', () => 'control', () => randomRoom()];
  const roomTargets = [() => room, () => 'control', () => randomRoom()];
  const total = 1200 * ctx.scale;
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
          const key = `${kind}→${name.startsWith('room-') ? (name === room ? 'good room' : 'other room') : name}:${state}`;
          findings.authOk[key] = (findings.authOk[key] ?? 0) + 1;
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
  const total = 60_000 * ctx.scale;
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
  const n = 12 * ctx.scale;
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
  const n = 200 * ctx.scale;
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
  const rounds = 30 * ctx.scale;
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
  const bodies = ['{"code":', JSON.stringify({ code: 'ZZZZZZ' }), JSON.stringify({ code: 'x'.repeat(5000) }), JSON.stringify([1]), '', 'x'.repeat(2048), JSON.stringify({ code: 12345, paper: {} }), '\u0000\u0001', JSON.stringify({ code: 'A'.repeat(6), paper: 'x'.repeat(40) })];
  const paths = ['/', '/j/ABC234', '/api/time', '/sw.js', '/api/join', '/api/control', '/api/createSession', '/control', '/board', '/%%%', '/..%2f..%2fetc%2fpasswd', '/healthz/../api', '/healthz?x=1', '/room-x', '/sync/board', '/' + 'A'.repeat(4000), '/index.html', '//'];
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];
  const total = 4000 * ctx.scale;
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
async function roomHolds(url, room, text, secret) {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const credential = `laptop.${hmac(secret, 'open-floor relay laptop v1').toString('base64url')}`;
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
/** What the hostile side sent, from how many addresses, and what it received and found (for the report). */
const hostileTally = () => ({ counts, findings, received, receivedBytes, addresses: nextAddress });
/** The cases stop sending at `at` (ms since the epoch). */
const setDeadline = (at) => (deadline = at);
const hostileCases = { tokens: caseTokens, malformed: caseMalformed, oversized: caseOversized, neverAuth: caseNeverAuth, flood: caseFlood, http: caseHttp };

module.exports = { hostileCases, hostileTally, setDeadline, roomHolds };
