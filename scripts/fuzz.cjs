#!/usr/bin/env node
'use strict';
/**
 * `npm run fuzz`: a hostile-phone probe of the LAN surface (issue 9). A host is started as a user starts
 * it (`open-floor serve`, with its WebRTC gateway), one well-behaved phone asks and votes all along
 * (scripts/fuzz/good-phone.cjs, its own process), and this process sends malformed or hostile messages to
 * /sync, /signal, /api/join and HTTP paths, including each case of issue 9:
 *   1 WebRTC offers from ever new peer ids, /signal floods      4 junk stored in a room past its cap
 *   2 updates whose first piece never comes                     5 re-joins and joins from one address,
 *                                                                 guessed paper codes
 *   3 subscribes naming thousands of rooms, sync step 1 from    6 bad percent-encoding, slow headers,
 *     clients that stop reading                                   many connections from one address
 * It prints and writes to docs/RELIABILITY.md: host crashes (must be 0), the good phone's receipt p95
 * before, during and after, host RSS before and after, and data folder growth.
 *
 * Bounded: every case has a fixed count, and the whole run a deadline (FUZZ_DEADLINE_S, default 420).
 * Traffic goes only to loopback addresses (127.x.y.z). FUZZ_SCALE (default 1) multiplies the counts;
 * FUZZ_CASES=a,b runs only those cases.
 */
const { fork, execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync, existsSync, mkdtempSync, readdirSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const encoding = require('lib0/encoding');
const Y = require('yjs');
const { BenchHost } = require('./bench/host.cjs');
const { summarizeProfile } = require('./bench/profile.cjs');
const { sleep, ms, mib } = require('./bench/stats.cjs');
const lan = require('./fuzz/lan.cjs');
const { machine } = require('./fuzz/machine.cjs');

const SCALE = Number(process.env.FUZZ_SCALE || 1);
/** Hostile messages per second, all cases together (a phone on Wi-Fi, not a cluster). */
const RATE = Number(process.env.FUZZ_RATE || 600);
/** The hostile phone's addresses: one phone may take a few on the venue network, not thousands. */
const POOL = Array.from({ length: Number(process.env.FUZZ_ADDRESSES || 24) }, () => lan.freshAddress());
const DEADLINE_S = Number(process.env.FUZZ_DEADLINE_S || 420);
const BASELINE_MS = 15_000;
const SETTLE_MS = 20_000;
const log = (line) => process.stdout.write(`[fuzz ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const counts = {};
const count = (kind, n = 1) => (counts[kind] = (counts[kind] ?? 0) + n);
const totalSent = () => Object.values(counts).reduce((a, b) => a + b, 0);
let deadline = Infinity;
const timeLeft = () => Date.now() < deadline;
const addr = () => POOL[Math.floor(Math.random() * POOL.length)];
let paceStart = 0;
let paced = 0;
/** Waits until `n` more messages fit the rate. */
async function pace(n) {
  if (paceStart === 0) paceStart = Date.now();
  paced += n;
  const wait = paceStart + (paced * 1000) / RATE - Date.now();
  if (wait > 0) await sleep(wait);
}

// ---- message makers ------------------------------------------------------------------------------
const rnd = (n) => Math.floor(Math.random() * n);
const randomBytes = (n) => Uint8Array.from({ length: n }, () => rnd(256));
function syncMessage(kind, step, payload) {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, kind);
  if (step !== undefined) encoding.writeVarUint(e, step);
  if (payload !== undefined) encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
const updateMsg = (u) => syncMessage(0, 2, u);
const step1Msg = () => syncMessage(0, 0, new Uint8Array([0]));
const awarenessMsg = () => syncMessage(1, undefined, randomBytes(rnd(200)));
/** A valid Yjs update that appends one request of the given shape to the room's `requests`. */
function requestUpdate(request) {
  const doc = new Y.Doc();
  let out = null;
  doc.on('update', (u) => (out = u));
  doc.getArray('requests').push([request]);
  doc.destroy();
  return out;
}
const junkRequests = [
  () => ({ kind: 'delete-everything', id: `fz-${rnd(1e9)}` }),
  () => ({ kind: 'ask', id: `fz-${rnd(1e9)}`, text: 'x'.repeat(600) }),
  () => ({ kind: 'vote', id: `fz-${rnd(1e9)}`, questionId: 'nosuchquestion' }),
  () => ({ kind: 'ask', text: 'no id' }),
  () => ({ kind: 'ask', id: 'x'.repeat(300), text: 'long id' }),
  () => [1, 2, 3],
  () => 'just a string',
  () => ({ kind: 'ask', id: `fz-${rnd(1e9)}`, text: '\u202e\u0000<script>alert(1)</script>' }),
];
function syncJunk() {
  switch (rnd(6)) {
    case 0:
      return awarenessMsg();
    case 1:
      return syncMessage(3);
    case 2:
      return updateMsg(new Uint8Array([0, 0]));
    case 3:
    case 4:
      return updateMsg(requestUpdate(junkRequests[rnd(junkRequests.length)]()));
    default:
      return syncMessage(2, undefined, randomBytes(8));
  }
}
const malformed = () => [randomBytes(1 + rnd(40)), syncMessage(9), syncMessage(0, 7, randomBytes(4)), 'text frame'][rnd(4)];

/** A real WebRTC offer from wrtc (what y-webrtc sends), reused for every fake peer id. */
let offerCache = null;
async function realOffer() {
  if (offerCache) return offerCache;
  const wrtc = require('@roamhq/wrtc');
  const pc = new (wrtc.default ?? wrtc).RTCPeerConnection({ iceServers: [] });
  pc.createDataChannel('x');
  const o = await pc.createOffer();
  pc.close();
  offerCache = { type: o.type, sdp: o.sdp };
  return offerCache;
}

// ---- the cases -----------------------------------------------------------------------------------
/** Joins the hostile phone's rooms up front (its addresses can add only a few devices each). */
async function joinRooms(ctx, n) {
  const out = [];
  for (let i = 0; out.length < n && i < n * 3; i++) {
    const from = POOL[i % POOL.length];
    const j = await lan.join(ctx.lan, ctx.code, from);
    count('join');
    if (j.ok) out.push({ roomId: j.roomId, from });
  }
  return out;
}
const rooms = async (ctx, n) => ctx.rooms.splice(0, n);

async function caseJoins(ctx) {
  const total = 3000 * SCALE;
  const bodies = [
    () => JSON.stringify({ code: ctx.code }),
    () => JSON.stringify({ code: 'ZZZZZZ' }),
    () => '{"code":',
    () => JSON.stringify({ code: 'x'.repeat(5000) }),
    () => JSON.stringify([ctx.code]),
    () => JSON.stringify({ code: 12345 }),
    () => '',
    () => 'x'.repeat(2048),
    // Paper codes: guesses, oversized, of the wrong type.
    () => JSON.stringify({ code: ctx.code, paper: randomPaperCode() }),
    () => JSON.stringify({ code: ctx.code, paper: 'x'.repeat(40) }),
    () => JSON.stringify({ code: ctx.code, paper: 42 }),
  ];
  const shared = addr();
  let refusedForAddress = 0;
  for (let i = 0; i < total && timeLeft(); i += 20) {
    await pace(20);
    await Promise.all(
      Array.from({ length: 20 }, async (_, k) => {
        const from = (i + k) % 3 === 0 ? shared : addr();
        const r = await lan.request(ctx.lan, { method: 'POST', path: '/api/join', body: bodies[(i + k) % bodies.length](), headers: { 'content-type': 'application/json' }, from });
        if (r.status === 429) refusedForAddress++;
        count('join');
      }),
    );
  }
  // Item 5: the same browser re-joining gets its device back.
  const from = lan.freshAddress();
  const first = await lan.join(ctx.lan, ctx.code, from);
  const devices = new Set([first.deviceId]);
  for (let i = 0; i < 12; i++) devices.add((await lan.join(ctx.lan, ctx.code, from, first.cookie)).deviceId);
  count('join', 13);
  ctx.findings.rejoinDevices = devices.size;
  ctx.findings.joinRefusals = refusedForAddress;

  // Strict mode: with paper codes required, guesses from a few addresses get nobody in.
  await ctx.control('issuePaperCodes', { count: 100 });
  await ctx.control('requirePaperCodes', { on: true });
  const guessers = Array.from({ length: 5 }, () => lan.freshAddress());
  let admitted = 0;
  let guesses = 0;
  for (let i = 0; i < 100 && timeLeft(); i++) {
    await Promise.all(
      guessers.map(async (from) => {
        const r = await lan.request(ctx.lan, { method: 'POST', path: '/api/join', body: JSON.stringify({ code: ctx.code, paper: randomPaperCode() }), headers: { 'content-type': 'application/json' }, from });
        if (r.status === 200) admitted++;
        guesses++;
      }),
    );
  }
  count('join', guesses);
  await ctx.control('requirePaperCodes', { on: false });
  ctx.findings.paperGuesses = { guesses, admitted };
}

const PAPER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const randomPaperCode = () => Array.from({ length: 8 }, () => PAPER_ALPHABET[Math.floor(Math.random() * PAPER_ALPHABET.length)]).join('');

async function casePaths(ctx) {
  const total = 3000 * SCALE;
  const paths = ['/%%%', '/%', '/%E0%A4%A', '/..%2f..%2fetc%2fpasswd', '/j/%00', '/j/' + 'A'.repeat(4000), '/assets/../../package.json', '/\u00e9', '/index.html?x=%%', '/sync/room-x', '/signal', '/api/approve', '//', '/j/ABC234'];
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'];
  let fiveHundreds = 0;
  for (let i = 0; i < total && timeLeft(); i += 25) {
    await pace(25);
    await Promise.all(
      Array.from({ length: 25 }, async (_, k) => {
        const r = await lan.request(ctx.lan, { method: methods[(i + k) % methods.length], path: paths[(i + k) % paths.length], from: addr() });
        if (r.status >= 500) fiveHundreds++;
        count('http');
      }),
    );
  }
  // Item 6: slow headers and many connections from one address.
  const slowFrom = addr();
  const held = [];
  for (let i = 0; i < 150 && timeLeft(); i++) {
    const s = await lan.rawSocket(ctx.lan, slowFrom);
    if (s) {
      s.write('GET / HTTP/1.1\r\nHost: x\r\n');
      held.push(s);
    }
    count('http');
  }
  await sleep(8_000);
  ctx.findings.slowStillOpen = held.filter((s) => !s.destroyed).length;
  held.forEach((s) => s.destroy());
  ctx.findings.http5xx = fiveHundreds;
}

async function caseSyncJunk(ctx) {
  const total = 60_000 * SCALE;
  const list = await rooms(ctx, 40);
  let sent = 0;
  let round = 0;
  while (sent < total && timeLeft() && list.length > 0) {
    await Promise.all(
      list.slice(0, 20).map(async (room, k) => {
        const r = list[(round * 20 + k) % list.length];
        const ws = await lan.openSocket(`${ctx.wsLan}/sync/room-${r.roomId}`, r.from);
        count('sync');
        if (!ws) return;
        const batch = Array.from({ length: 400 }, syncJunk);
        if (Math.random() < 0.5) batch.push(malformed());
        for (let b = 0; b < batch.length; b += 50) {
          await pace(50);
          const n = lan.sendAll(ws, batch.slice(b, b + 50));
          sent += n;
          count('sync', n);
          await sleep(20);
        }
        ws.terminate();
      }),
    );
    round++;
  }
}

async function casePending(ctx) {
  const list = await rooms(ctx, 5);
  for (const r of list) {
    const doc = new Y.Doc();
    const ups = [];
    doc.on('update', (u) => ups.push(u));
    doc.getText('t').insert(0, 'first');
    for (let i = 0; i < 60; i++) doc.getText('t').insert(0, 'p'.repeat(50_000));
    const ws = await lan.openSocket(`${ctx.wsLan}/sync/room-${r.roomId}`, r.from);
    count('sync', lan.sendAll(ws, ups.slice(1).map(updateMsg)));
    ctx.findings.pendingClosed = (ctx.findings.pendingClosed ?? 0) + ((await lan.waitClosed(ws, 5_000)) ? 1 : 0);
  }
}

async function caseStep1(ctx) {
  const list = await rooms(ctx, 10);
  const sockets = [];
  for (const r of list) {
    const ws = await lan.openSocket(`${ctx.wsLan}/sync/room-${r.roomId}`, r.from);
    if (!ws) continue;
    ws.pause(); // stops reading
    await pace(275);
    count('sync', lan.sendAll(ws, Array.from({ length: 275 }, step1Msg)));
    sockets.push(ws);
  }
  await sleep(3_000);
  sockets.forEach((ws) => ws.terminate());
}

async function caseStore(ctx) {
  const list = await rooms(ctx, 2);
  let refused = 0;
  for (const r of list) {
    const doc = new Y.Doc();
    const ups = [];
    doc.on('update', (u) => ups.push(u));
    for (let i = 0; i < 140; i++) doc.getText('junk').insert(0, String(i % 10).repeat(60_000));
    const ws = await lan.openSocket(`${ctx.wsLan}/sync/room-${r.roomId}`, r.from);
    for (const u of ups) {
      if (!ws || ws.readyState !== 1) break;
      ws.send(updateMsg(u));
      count('sync');
      await sleep(5);
    }
    await lan.waitClosed(ws, 3_000);
    if (ws && ws.closedCode === 1009) refused++;
  }
  ctx.findings.storeRefused = refused;
}

async function caseSignal(ctx) {
  const total = 30_000 * SCALE;
  const url = `${ctx.wsLan}/signal`;
  let sent = 0;
  // Item 3: one subscribe naming 5,000 unknown rooms, to sockets that stop reading.
  for (let i = 0; i < 4; i++) {
    const ws = await lan.openSocket(url, addr());
    if (!ws) continue;
    ws.pause();
    for (let k = 0; k < 5 && ws.readyState === 1; k++) {
      ws.send(JSON.stringify({ type: 'subscribe', topics: Array.from({ length: 5000 }, (_, t) => `room-fz${k}-${t}`) }));
      count('signal');
    }
    setTimeout(() => ws.terminate(), 2_000);
  }
  // Item 1: offers from ever new peer ids in rooms the prober joined.
  const list = await rooms(ctx, 6);
  for (const r of list) {
    const ws = await lan.openSocket(url, r.from);
    if (!ws) continue;
    const topic = `room-${r.roomId}`;
    ws.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
    ws.send(JSON.stringify({ type: 'publish', topic, data: { type: 'announce', from: 'fz-0' } }));
    count('signal', 2);
    let gateway = null;
    const started = Date.now();
    while (!gateway && Date.now() - started < 3_000) {
      for (const m of ws.receivedMessages) {
        try {
          const d = JSON.parse(String(m)).data;
          if (d && d.to === 'fz-0') gateway = d.from;
        } catch {
          /* not JSON */
        }
      }
      await sleep(50);
    }
    await pace(150);
    const offer = await realOffer();
    for (let i = 1; i <= 150 && ws.readyState === 1; i++) {
      ws.send(JSON.stringify({ type: 'publish', topic, data: { type: 'signal', from: `fz-${i}`, to: gateway ?? 'unknown', token: 1, signal: offer } }));
      count('signal');
    }
    await sleep(200);
    ws.terminate();
  }
  // Junk of every shape, from many addresses; each connection is closed by its first bad message or the rate limit.
  const shapes = [
    () => 'not json',
    () => JSON.stringify({ type: 'ping' }),
    () => JSON.stringify({ type: 'publish', topic: 'room-x', data: { type: 'signal' } }),
    () => JSON.stringify({ type: 'subscribe', topics: 'room-x' }),
    () => JSON.stringify({ type: 'unsubscribe', topics: [1, 2] }),
    () => JSON.stringify({ type: 'what' }),
    () => JSON.stringify({ type: 'subscribe', topics: ['x'.repeat(300)] }),
    () => '{"type":"ping"' + ' '.repeat(70_000) + '}',
  ];
  while (sent < total && timeLeft()) {
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const ws = await lan.openSocket(url, addr());
        count('signal');
        if (!ws) return;
        const batch = Array.from({ length: 150 }, (_, i) => (i < 140 ? shapes[1]() : shapes[rnd(shapes.length)]()));
        await pace(150);
        const n = lan.sendAll(ws, batch);
        sent += n;
        count('signal', n);
        await sleep(50);
        ws.terminate();
      }),
    );
  }
}

// ---- orchestration -------------------------------------------------------------------------------
function dirBytes(dir) {
  try {
    return Number(execFileSync('du', ['-sb', dir]).toString().split('\t')[0]);
  } catch {
    return NaN;
  }
}

function startGoodPhone(lanOrigin, code) {
  const child = fork(join(__dirname, 'fuzz', 'good-phone.cjs'), [], { env: { ...process.env, LAN: lanOrigin, CODE: code, ADDRESS: '127.0.0.2' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  const waiters = [];
  child.on('message', (m) => {
    const w = waiters.shift();
    if (w) w(m);
    else replies.push(m);
  });
  const next = () => new Promise((r) => (replies.length ? r(replies.shift()) : waiters.push(r)));
  return {
    ready: next,
    phase: (name) => (child.send({ cmd: 'phase', name }), next()),
    stop: () => (child.send({ cmd: 'stop' }), next()),
    kill: () => child.kill('SIGKILL'),
  };
}

/** Replaces the block between `<!-- name:begin -->` and `<!-- name:end -->` in docs/RELIABILITY.md. */
function writeReliability(name, block) {
  const file = join(__dirname, '..', 'docs', 'RELIABILITY.md');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n\nResults of `npm run fuzz` and `npm run chaos` (written by the scripts).\n';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  const body = `${begin}\n${block.trim()}\n${end}`;
  doc = a >= 0 && b > a ? doc.slice(0, a) + body + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${body}\n`;
  writeFileSync(file, doc);
}

/**
 * The host runs with the usual default soft limit of open files (1024; FUZZ_ULIMIT), where issue 9 saw it
 * die: this process re-runs itself under that limit, and the host inherits it.
 */
function underFileLimit() {
  const want = Number(process.env.FUZZ_ULIMIT || 1024);
  if (process.env.FUZZ_UNDER_LIMIT === '1' || want <= 0) return false;
  const child = require('node:child_process').spawn('sh', ['-c', `ulimit -n ${want} && exec "$0" "$@"`, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, FUZZ_UNDER_LIMIT: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
  return true;
}

async function main() {
  if (underFileLimit()) return;
  const profileDir = process.env.FUZZ_PROFILE === '1' ? mkdtempSync(join(os.tmpdir(), 'open-floor-fuzz-prof-')) : undefined;
  const host = new BenchHost({ profileDir });
  await host.start();
  log(`host ${host.pid} on ${host.lanOrigin}`);
  await host.control('createSession', { title: 'Fuzz probe' });
  await host.control('setPremoderation', { on: false });
  const opened = await host.control('openSession', {});
  const code = new URL(opened.joinUrl).pathname.split('/').pop();
  const ctx = { lan: host.lanOrigin, wsLan: host.lanOrigin.replace(/^http/, 'ws'), code, findings: {}, rooms: [], control: (command, input) => host.control(command, input) };
  const good = startGoodPhone(host.lanOrigin, code);
  const hello = await good.ready();
  if (hello.error) throw new Error(`good phone: ${hello.error}`);
  await good.phase('baseline');
  const cpu0 = host.sample();
  await sleep(BASELINE_MS);
  const before = { ...host.sample(), folder: dirBytes(host.dataDir) };
  const cpuShare = (a, b) => `${(((b.cpuMs - a.cpuMs) / (b.at - a.at)) * 100).toFixed(0)} %`;
  cpu0.at = Date.now() - BASELINE_MS;
  before.at = Date.now();
  const baseline = await good.phase('fuzz');
  log(`baseline: good phone p95 ${ms(baseline.p95)} ms over ${baseline.n} receipts; host RSS ${mib(before.rss)}`);

  const t0 = Date.now();
  deadline = t0 + DEADLINE_S * 1000;
  ctx.rooms = await joinRooms(ctx, 63);
  log(`the hostile phone joined ${ctx.rooms.length} rooms from ${POOL.length} addresses`);
  const all = { joins: caseJoins, paths: casePaths, syncJunk: caseSyncJunk, pending: casePending, step1: caseStep1, store: caseStore, signal: caseSignal };
  // FUZZ_CASES=signal,store runs only those (to see what each costs); the default runs every case.
  const only = (process.env.FUZZ_CASES || '').split(',').filter(Boolean);
  const cases = Object.fromEntries(Object.entries(all).filter(([name]) => only.length === 0 || only.includes(name)));
  const errors = [];
  const progress = setInterval(() => log(`${totalSent()} messages sent (${JSON.stringify(counts)}); host ${host.exit ? 'EXITED' : 'alive'}, RSS ${mib(host.exit ? NaN : host.sample().rss)}`), 15_000);
  await Promise.all(Object.entries(cases).map(([name, fn]) => fn(ctx).catch((err) => errors.push(`${name}: ${err.message}`))));
  clearInterval(progress);
  const fuzzSeconds = (Date.now() - t0) / 1000;
  const during = await good.phase('after');
  const crashed = host.exit !== null;
  const fuzzEnd = crashed ? null : { ...host.sample(), at: Date.now() };
  log(`fuzz done in ${fuzzSeconds.toFixed(0)} s: ${totalSent()} messages; host ${crashed ? `EXITED ${JSON.stringify(host.exit)}` : 'alive'}`);
  await sleep(SETTLE_MS);
  const after = crashed ? { rss: NaN, folder: dirBytes(host.dataDir) } : { ...host.sample(), folder: dirBytes(host.dataDir), at: Date.now() };
  const cpu = crashed ? '—' : `${cpuShare(cpu0, before)} / ${cpuShare(before, fuzzEnd)} / ${cpuShare(fuzzEnd, after)}`;
  const settled = await good.stop();
  const stderrTail = host.stderr.split('\n').slice(-5).join('\n');
  await host.stop();
  if (profileDir) {
    const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length) {
      const prof = summarizeProfile(join(profileDir, files[0]), 25);
      for (const f of prof.functions) log(`${f.pct.toFixed(1).padStart(5)}% ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
    }
  }

  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    messages: totalSent(),
    counts,
    fuzzSeconds,
    crashes: crashed ? 1 : 0,
    baseline,
    during,
    settled,
    rssBefore: before.rss,
    rssAfter: after.rss,
    folderGrowth: after.folder - before.folder,
    findings: ctx.findings,
    errors,
  };
  const lines = [
    `Last run: ${result.date} on ${result.machine}.`,
    '',
    `| measure | value |`,
    `|---|---|`,
    `| hostile messages and requests sent | ${result.messages} (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}) in ${fuzzSeconds.toFixed(0)} s |`,
    `| host crashes | ${result.crashes} |`,
    `| good phone receipt p95, before / during / after | ${ms(baseline.p95)} / ${ms(during.p95)} / ${ms(settled.p95)} ms (${baseline.n} / ${during.n} / ${settled.n} receipts; ${during.unanswered + settled.unanswered} unanswered; ${settled.reconnects} reconnects) |`,
    `| host CPU (share of one core), before / during / after |  ${cpu} |`,
    `| good phone p95 during ÷ before | ${(during.p95 / baseline.p95).toFixed(2)} (target ≤ 2) |`,
    `| host RSS before / ${SETTLE_MS / 1000} s after | ${mib(result.rssBefore)} / ${mib(result.rssAfter)} (${mib(result.rssAfter - result.rssBefore)} more; target ≤ 50 MiB) |`,
    `| data folder growth | ${(result.folderGrowth / 2 ** 20).toFixed(1)} MiB |`,
    `| item 1: real WebRTC offers from new peer ids (6 rooms × 150), host under \`ulimit -n ${process.env.FUZZ_ULIMIT || 1024}\` | host ${crashed ? 'died' : 'alive'} |`,
    `| item 2: connections closed for pending updates | ${ctx.findings.pendingClosed ?? 0} of 5 |`,
    `| item 4: rooms refused past their stored-size cap | ${ctx.findings.storeRefused ?? 0} of 2 |`,
    `| item 5: devices after 13 joins by one browser | ${ctx.findings.rejoinDevices ?? '—'}; joins refused for their address: ${ctx.findings.joinRefusals ?? 0} |`,
    `| item 5, paper codes required: random codes tried, phones let in | ${ctx.findings.paperGuesses ? `${ctx.findings.paperGuesses.guesses}, ${ctx.findings.paperGuesses.admitted} (must be 0)` : '—'} |`,
    `| item 6: HTTP 5xx answers; slow sockets still open after 8 s (of 150 from one address) | ${ctx.findings.http5xx ?? '—'}; ${ctx.findings.slowStillOpen ?? '—'} |`,
  ];
  if (errors.length) lines.push('', `Probe errors: ${errors.join('; ')}`);
  if (crashed) lines.push('', '```', stderrTail, '```');
  const block = lines.join('\n');
  process.stdout.write(`\n${block}\n\n`);
  writeReliability('fuzz', `## npm run fuzz\n\n${block}`);
  log('docs/RELIABILITY.md updated');
  process.exit(crashed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
