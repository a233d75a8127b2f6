#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:phone` (also the last part of `npm run bench`): the phone's first load and a QR rush.
 *
 * load  Phone-load benchmark (scripts/bench/phone-load.cjs): Debian's Chromium with Playwright's Pixel 7
 *       emulation, a cold context per load, from the QR URL to a usable question form; BENCH_PHONE_RUNS
 *       (5) loads unthrottled and 5 with 4× CPU throttling and 40 ms RTT / 10 Mbit/s; median and bytes.
 *       BENCH_PHONE_BASELINE=<checkout> also runs a host from that (built) checkout, alternating loads.
 * rush  QR rush (scripts/bench/rush-worker.cjs): BENCH_RUSH_PHONES (1000) simulated phones each fetch the
 *       app (page, entry assets, join, the room's chunk) and sync their room within BENCH_RUSH_SECONDS
 *       (60), arrivals front-loaded (exponential with a 15 s time constant, cut at the window): first
 *       GET → first sync per phone, host CPU and RSS from /proc.
 *
 * rtc   (only on request) BENCH_RTC_PHONES (50) phones over WebRTC only, through /signal and the host's
 *       gateway (scripts/bench/rtc-worker.cjs): gateway CPU per phone, vote → receipt.
 * After the rush, a vote storm: every phone votes for one question within BENCH_STORM_MS (1000; 0: none),
 * and a projector client times when the board shows the final count.
 *
 * BENCH_PHONE_PARTS=load,rush (default; add rtc) picks parts; results go to docs/BENCHMARKS.md (blocks
 * `bench:phone-load`, `bench:qr-rush`, `bench:webrtc`) unless BENCH_NO_DOC=1, and the JSON to
 * $TMPDIR/open-floor-bench-phone.json.
 * All traffic is to 127.0.0.1; every loop is bounded.
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BenchHost, sampler } = require('./bench/host.cjs');
const { phoneLoad } = require('./bench/phone-load.cjs');
const { now, sleep, summary, ms, mib } = require('./bench/stats.cjs');
const { startWorkerProcess } = require('./bench/worker-rpc.cjs');

const env = process.env;
const num = (name, dflt) => (env[name] === undefined || env[name] === '' ? dflt : Number(env[name]));
const CONFIG = {
  parts: (env.BENCH_PHONE_PARTS || 'load,rush').split(',').map((s) => s.trim()),
  runs: num('BENCH_PHONE_RUNS', 5),
  baseline: env.BENCH_PHONE_BASELINE || '',
  rushPhones: num('BENCH_RUSH_PHONES', 1000),
  rushSeconds: num('BENCH_RUSH_SECONDS', 60),
  /** Run the rush against another (built) checkout instead, e.g. the baseline; its block is not written. */
  rushRoot: env.BENCH_RUSH_ROOT || '',
  rushTau: num('BENCH_RUSH_TAU_SECONDS', 15),
  /** After the rush: every phone votes for one question within this many ms (0: no storm). */
  stormMs: num('BENCH_STORM_MS', 1000),
  rtcPhones: num('BENCH_RTC_PHONES', 50),
  rtcWorkers: num('BENCH_RTC_WORKERS', 5),
  workers: num('BENCH_WORKERS', 3),
  workerNice: num('BENCH_WORKER_NICE', 10),
  out: env.BENCH_OUT || path.join(os.tmpdir(), 'open-floor-bench-phone.json'),
};
const ROOT = path.join(__dirname, '..');

const log = (line) => process.stdout.write(`[bench:phone ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

/** Time a process has spent runnable but waiting for a CPU, from /proc/<pid>/schedstat (ns → ms). */
function runqueueWaitMs(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return NaN;
  }
}

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args).toString().trim();
    } catch {
      return '?';
    }
  };
  let chromium = '?';
  try {
    chromium = execFileSync(env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    /* not installed */
  }
  return {
    nproc: sh('nproc', []),
    cpu: (/model name\s*:\s*(.*)/.exec(sh('cat', ['/proc/cpuinfo'])) || [])[1] || '?',
    mem: (/Mem:\s+(\S+)/.exec(sh('free', ['-h'])) || [])[1] || '?',
    load: sh('cat', ['/proc/loadavg']).split(' ').slice(0, 3).join(' '),
    node: process.version,
    chromium,
    commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
    date: sh('date', ['-u']),
  };
}

async function openHost(root) {
  const host = await new BenchHost({ root }).start();
  await host.control('createSession', { title: 'Phone bench' });
  await host.control('setPremoderation', { on: false });
  const { joinUrl } = await host.control('openSession', {});
  return { host, joinUrl, code: joinUrl.split('/').pop() };
}

async function runLoad() {
  const targets = [];
  const hosts = [];
  try {
    if (CONFIG.baseline) {
      const b = await openHost(path.resolve(CONFIG.baseline));
      hosts.push(b.host);
      targets.push({ label: 'baseline', joinUrl: b.joinUrl });
    }
    const h = await openHost(ROOT);
    hosts.push(h.host);
    targets.push({ label: 'this build', joinUrl: h.joinUrl });
    return await phoneLoad({ targets, runs: CONFIG.runs, log });
  } finally {
    for (const host of hosts) await host.stop();
  }
}

function startWorker(id, script = 'rush-worker.cjs') {
  return startWorkerProcess(path.join(__dirname, 'bench', script), { id, nice: CONFIG.workerNice });
}

/** What a phone fetches: the page's own assets (from the page), and the room's chunk (loaded after the form). */
function appAssets(root) {
  const dir = path.join(root, 'out', 'attendee');
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  const entryAssets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  const lazyAssets = require('node:fs')
    .readdirSync(path.join(dir, 'assets'))
    .filter((f) => /^room-live-.*\.js$/.test(f))
    .map((f) => `/assets/${f}`);
  return { entryAssets, lazyAssets };
}

/** Phone i arrives at -τ·ln(1 − u·(1 − e^(−T/τ))), u = (i + ½)/n: most in the first τ seconds, all within T. */
function arrivals(n, seconds, tau) {
  const cut = 1 - Math.exp(-seconds / tau);
  return Array.from({ length: n }, (_, i) => -tau * Math.log(1 - ((i + 0.5) / n) * cut) * 1000);
}

const rushAddress = (i) => `127.78.${Math.floor(i / 250)}.${(i % 250) + 2}`;

async function runRush(root) {
  const n = CONFIG.rushPhones;
  const { host, code } = await openHost(root);
  const workers = [];
  const rss = sampler(host);
  try {
    await sleep(1000);
    const idle = host.sample();
    const assets = appAssets(root);
    const at = arrivals(n, CONFIG.rushSeconds, CONFIG.rushTau);
    for (let w = 0; w < CONFIG.workers; w++) workers.push(startWorker(w));
    const startAt = now() + 500;
    const cpu0 = host.sample().cpuMs;
    const wait0 = runqueueWaitMs(host.pid);
    const workerWait0 = (await Promise.all(workers.map((w) => w.call('stats')))).reduce((s, x) => s + x.runqueueWaitMs, 0);
    log(`rush: ${n} phones over ${CONFIG.rushSeconds} s (τ ${CONFIG.rushTau} s; ${at.filter((t) => t < 10_000).length} in the first 10 s), assets ${[...assets.entryAssets, ...assets.lazyAssets].join(', ')}`);
    const done = await Promise.all(
      workers.map((w) =>
        w.call('rush', {
          startAt,
          origin: host.lanOrigin,
          code,
          ...assets,
          list: at.map((atMs, idx) => ({ idx, atMs, addr: rushAddress(idx) })).filter((p) => p.idx % CONFIG.workers === w.id),
        }),
      ),
    );
    const wallMs = now() - startAt;
    const after = host.sample();
    const hostWaitMs = runqueueWaitMs(host.pid) - wait0;
    const results = done.flatMap((d) => d.results);
    const errors = done.flatMap((d) => d.errors);
    await sleep(2000);
    const stats = await Promise.all(workers.map((w) => w.call('stats')));
    const settled = host.sample();
    const rush = {
      phones: n,
      seconds: CONFIG.rushSeconds,
      tau: CONFIG.rushTau,
      joined: results.length,
      errors: errors.length,
      errorSample: errors.slice(0, 5),
      lastSyncS: results.length ? (Math.max(...results.map((r) => r.startT + r.syncMs)) - startAt) / 1000 : NaN,
      firstSync: summary(results.map((r) => r.syncMs)),
      page: summary(results.map((r) => r.pageMs)),
      form: summary(results.map((r) => r.formMs)),
      bytesPerPhone: summary(results.map((r) => r.bytes)),
      totalBytes: results.reduce((s, r) => s + r.bytes, 0),
      encodings: [...new Set(results.flatMap((r) => r.encodings))],
      connectedAtEnd: stats.reduce((s, x) => s + x.connected, 0),
      hostCpuMs: after.cpuMs - cpu0,
      hostCpuShare: (after.cpuMs - cpu0) / wallMs,
      wallMs,
      rssIdle: idle.rss,
      rssPeak: rss.peak(),
      rssAfter: settled.rss,
      idleCpuShareConnected: (settled.cpuMs - after.cpuMs) / 2000,
      clientsCpuMs: stats.reduce((s, x) => s + x.cpuMs, 0),
      hostRunqueueWaitMs: hostWaitMs,
      clientsRunqueueWaitMs: stats.reduce((s, x) => s + x.runqueueWaitMs, 0) - workerWait0,
    };
    log(`rush: ${rush.joined}/${n} joined and synced, ${rush.errors} errors, last at ${rush.lastSyncS.toFixed(1)} s; first GET → first sync p50 ${ms(rush.firstSync.p50)} p95 ${ms(rush.firstSync.p95)} p99 ${ms(rush.firstSync.p99)} max ${ms(rush.firstSync.max)} ms`);
    log(`rush: host waited ${(rush.hostRunqueueWaitMs / 1000).toFixed(1)} s for a CPU, the phone processes ${(rush.clientsRunqueueWaitMs / 1000).toFixed(1)} s`);
    log(`rush: host CPU ${(rush.hostCpuMs / 1000).toFixed(1)} s over ${(wallMs / 1000).toFixed(0)} s (${(rush.hostCpuShare * 100).toFixed(0)}% of a core), RSS idle ${mib(rush.rssIdle)} → peak ${mib(rush.rssPeak)}, ${mib(rush.rssAfter)} with ${rush.connectedAtEnd} connected; ${kib(rush.bytesPerPhone.p50)} HTTP per phone (${rush.encodings.join(', ')}), ${(rush.totalBytes / 1048576).toFixed(1)} MiB in all`);
    if (errors.length) log(`rush errors (first 5): ${errors.slice(0, 5).join(' | ')}`);
    if (CONFIG.stormMs > 0 && results.length > 0) rush.storm = await voteStorm(host, workers, results.length);
    return rush;
  } finally {
    rss.stop();
    await Promise.allSettled(workers.map((w) => w.call('close')));
    workers.forEach((w) => w.stop());
    await host.stop();
  }
}

/**
 * The vote storm, on the phones of the rush: phone 0 asks, then every phone votes for that question within
 * CONFIG.stormMs. A projector (y-websocket on the loopback /sync/board with the token, as the projector page)
 * times when its board shows the final count, from the last vote sent.
 */
async function voteStorm(host, workers, n) {
  const WebSocket = require('ws');
  const Y = require('yjs');
  const { WebsocketProvider } = require('y-websocket');
  const doc = new Y.Doc();
  const projector = new WebsocketProvider(`${host.loopbackOrigin.replace(/^http/, 'ws')}/sync`, 'board', doc, {
    params: { t: host.token },
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  });
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('projector did not sync in 30 s')), 30_000);
      projector.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const asked = (await Promise.all(workers.map((w) => w.call('ask', { idx: 0, text: 'Storm question: should the library open on Sundays?' })))).find((r) => r);
    if (!asked || !asked.receipt || !asked.receipt.ok) throw new Error(`the storm question was not accepted: ${JSON.stringify(asked)}`);
    const qid = asked.receipt.questionId;
    const votesOnProjector = () => {
      const questions = doc.getMap('board').get('questions');
      const q = questions instanceof Y.Map ? questions.get(qid) : undefined;
      return q ? q.votes : -1;
    };
    const seen = [];
    doc.on('afterTransaction', () => {
      const v = votesOnProjector();
      if (seen.length === 0 || seen[seen.length - 1][0] !== v) seen.push([v, now()]);
    });
    const t0 = now();
    while (votesOnProjector() < 0 && now() - t0 < 10_000) await sleep(20);
    await sleep(500);
    const startAt = now() + 500;
    const cpu0 = host.sample().cpuMs;
    const rss0 = host.sample().rss;
    log(`storm: ${n} phones vote for one question within ${CONFIG.stormMs} ms`);
    const votes = (await Promise.all(workers.map((w) => w.call('vote', { questionId: qid, startAt, spreadMs: CONFIG.stormMs, n, timeoutMs: 60_000 })))).flat();
    const accepted = votes.filter((v) => v.ok === true).length;
    const lastSend = Math.max(...votes.map((v) => v.sendT));
    const deadline = now() + 30_000;
    while (votesOnProjector() < accepted && now() < deadline) await sleep(20);
    const settled = seen.find(([v]) => v >= accepted);
    const cpuMs = host.sample().cpuMs - cpu0;
    const storm = {
      votes: votes.length,
      accepted,
      refused: votes.filter((v) => v.ok === false).length,
      missing: votes.filter((v) => v.ok === null).length,
      sendSpreadMs: lastSend - Math.min(...votes.map((v) => v.sendT)),
      receipt: summary(votes.filter((v) => v.ok !== null).map((v) => v.recvT - v.sendT)),
      projectorCount: votesOnProjector(),
      settledAfterLastVoteMs: settled ? settled[1] - lastSend : NaN,
      projectorUpdates: seen.filter(([, t]) => t >= startAt).length,
      hostCpuMs: cpuMs,
      rssBefore: rss0,
      rssAfter: host.sample().rss,
    };
    log(`storm: ${storm.accepted}/${storm.votes} accepted (${storm.refused} refused, ${storm.missing} without receipt) sent over ${ms(storm.sendSpreadMs)} ms; projector shows ${storm.projectorCount}, settled ${ms(storm.settledAfterLastVoteMs)} ms after the last vote (${storm.projectorUpdates} board changes); vote → receipt p50 ${ms(storm.receipt.p50)} p95 ${ms(storm.receipt.p95)} max ${ms(storm.receipt.max)} ms; host CPU ${(cpuMs / 1000).toFixed(1)} s`);
    return storm;
  } finally {
    projector.destroy();
    doc.destroy();
  }
}

/**
 * WebRTC phones through the gateway (part `rtc`, only on request): BENCH_RTC_PHONES phones in
 * BENCH_RTC_WORKERS processes join and sync over WebRTC only; the host's CPU with them connected and idle
 * (minus its CPU with no phone) per phone is the gateway's cost; then every phone votes and unvotes one
 * question every 2 s, 6 times: vote → receipt over WebRTC.
 */
async function runRtc() {
  const n = CONFIG.rtcPhones;
  const { host, code } = await openHost(ROOT);
  const workers = [];
  try {
    await sleep(2000);
    const c0 = host.sample().cpuMs;
    await sleep(4000);
    const idleShare = (host.sample().cpuMs - c0) / 4000;
    const rss0 = host.sample().rss;
    for (let w = 0; w < CONFIG.rtcWorkers; w++) workers.push(startWorker(w, 'rtc-worker.cjs'));
    const t0 = now();
    const started = await Promise.all(
      workers.map((w) =>
        w.call('start', {
          origin: host.lanOrigin,
          code,
          gapMs: 300,
          list: Array.from({ length: n }, (_, idx) => ({ idx, addr: `127.79.0.${idx + 2}` })).filter((p) => p.idx % CONFIG.rtcWorkers === w.id),
        }),
      ),
    );
    const results = started.flatMap((r) => r.results);
    const errors = started.flatMap((r) => r.errors);
    log(`rtc: ${results.length}/${n} synced over WebRTC in ${((now() - t0) / 1000).toFixed(1)} s, ${errors.length} errors${errors.length ? `: ${errors.slice(0, 3).join(' | ')}` : ''}`);
    await sleep(3000);
    const c1 = host.sample().cpuMs;
    await sleep(6000);
    const connectedShare = (host.sample().cpuMs - c1) / 6000;
    const asked = (await Promise.all(workers.map((w) => w.call('ask', { idx: 0, text: 'WebRTC question: how often does the bus run?' })))).find((r) => r);
    if (!asked || !asked.ok) throw new Error(`the question was not accepted over WebRTC: ${JSON.stringify(asked)}`);
    const c2 = host.sample().cpuMs;
    const t2 = now();
    const votes = (await Promise.all(workers.map((w) => w.call('votes', { questionId: asked.questionId, rounds: 6, periodMs: 2000 })))).flat();
    const voteCpuShare = (host.sample().cpuMs - c2) / (now() - t2);
    const rtc = {
      phones: n,
      synced: results.length,
      errors: errors.length,
      errorSample: errors.slice(0, 3),
      sync: summary(results.map((r) => r.syncMs)),
      idleShare,
      connectedShare,
      gatewayPerPhoneShare: results.length ? (connectedShare - idleShare) / results.length : NaN,
      voteCpuShare,
      votes: votes.length,
      receipts: votes.filter((v) => v.ok !== null).length,
      receipt: summary(votes.filter((v) => v.ok !== null).map((v) => v.ms)),
      rssBefore: rss0,
      rssAfter: host.sample().rss,
      clientsCpuMs: (await Promise.all(workers.map((w) => w.call('stats')))).reduce((a, x) => a + x.cpuMs, 0),
    };
    log(`rtc: host (with its gateway) ${(idleShare * 100).toFixed(1)}% of a core with no phone, ${(connectedShare * 100).toFixed(1)}% with ${rtc.synced} WebRTC phones idle = ${(rtc.gatewayPerPhoneShare * 1000).toFixed(2)} ms of CPU per phone per second; vote → receipt p50 ${ms(rtc.receipt.p50)} p95 ${ms(rtc.receipt.p95)} max ${ms(rtc.receipt.max)} ms (${rtc.receipts}/${rtc.votes}); RSS ${mib(rtc.rssBefore)} → ${mib(rtc.rssAfter)}`);
    return rtc;
  } finally {
    await Promise.allSettled(workers.map((w) => w.call('close')));
    workers.forEach((w) => w.stop());
    await host.stop();
  }
}

function rtcBlock(m, r) {
  const lat = (s) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
  return [
    `Run: ${m.date} on ${m.nproc} cores (${m.cpu}), ${m.mem} RAM, load average before the run ${m.load}; Node ${m.node}; commit ${m.commit}.`,
    `${r.phones} phones in ${CONFIG.rtcWorkers} processes (stock y-webrtc over @roamhq/wrtc, remote TCP candidates dropped), started 300 ms apart, each: POST /api/join, then its room over WebRTC only, through \`/signal\` and the host's in-process gateway (\`open-floor serve\`).`,
    '',
    '| metric | value |',
    '|---|---|',
    `| synced over WebRTC | **${r.synced} / ${r.phones}** (${r.errors} errors); join → board received, ms (p50 / p95 / p99 / max): ${lat(r.sync)} |`,
    `| host + gateway CPU: no phone → ${r.synced} WebRTC phones idle | ${(r.idleShare * 100).toFixed(1)}% → ${(r.connectedShare * 100).toFixed(1)}% of a core = **${(r.gatewayPerPhoneShare * 100).toFixed(2)}% of a core per phone** |`,
    `| every phone votes/unvotes every 2 s (${r.votes} requests): vote → receipt, ms | **${lat(r.receipt)}** (${r.receipts} receipts); host ${(r.voteCpuShare * 100).toFixed(0)}% of a core |`,
    `| host RSS before → after | ${mib(r.rssBefore)} → ${mib(r.rssAfter)} |`,
    `| phone processes' CPU (same machine) | ${(r.clientsCpuMs / 1000).toFixed(1)} s |`,
  ].join('\n');
}

function loadBlock(m, load) {
  const lines = [
    `Run: ${m.date} on ${m.nproc} cores (${m.cpu}), ${m.mem} RAM, load average before the run ${m.load}; Node ${m.node}; ${m.chromium}; commit ${m.commit}.`,
    `Each load: a new Playwright context (Pixel 7: 412×915, DPR 2.625, mobile, touch), service workers blocked (a plain-http LAN page has none), cache disabled, \`/j/<code>\` of an open session; "form usable" = \`#ask-text\` and "Send question" in the DOM, as \`performance.now()\` in the page (ms since the navigation started). Bytes: Resource Timing \`transferSize\` (compressed body + headers) of everything finished before that moment.`,
    '',
    '| build | profile | form usable, median (5 runs) | runs, ms | bytes before the form | connected (room synced), median | bytes until connected (HTTP + WebSocket) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [label, byProfile] of Object.entries(load)) {
    for (const [profile, r] of Object.entries(byProfile)) {
      const p = profile === 'throttled' ? '4× CPU, 40 ms RTT, 10 Mbit/s' : 'unthrottled';
      lines.push(
        `| ${label} | ${p} | **${ms(r.median.formMs)} ms** | ${r.runs.map((x) => x.formMs.toFixed(0)).join(', ')} | ${kib(r.median.bytesBeforeForm)} | ${ms(r.median.connectedMs)} ms | ${kib(r.median.bytesUntilConnected)} + ${kib(r.median.wsBytes)} |`,
      );
    }
  }
  const mine = load['this build'] && load['this build'].throttled;
  if (mine) lines.push('', `Files before the form (this build): ${mine.runs[0].filesBeforeForm.map((f) => `\`${f}\``).join(', ')}; after it: ${mine.runs[0].filesUntilConnected.filter((f) => !mine.runs[0].filesBeforeForm.includes(f)).map((f) => `\`${f}\``).join(', ') || 'none'}.`);
  return lines.join('\n');
}

function rushBlock(m, r) {
  const lat = (s) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
  return [
    `Run: ${m.date} on ${m.nproc} cores (${m.cpu}), ${m.mem} RAM, load average before the run ${m.load}; Node ${m.node}; commit ${m.commit}.`,
    `${r.phones} simulated phones (${CONFIG.workers} processes at nice ${CONFIG.workerNice}, one loopback address each) arrive within ${r.seconds} s, front-loaded (exponential, τ = ${r.tau} s). Each: GET the join page, its assets in parallel, POST /api/join, GET the room's chunk, y-websocket to its room until the first sync; \`Accept-Encoding: gzip, deflate, br\`; keep-alive, at most 6 connections.`,
    '',
    '| metric | value |',
    '|---|---|',
    `| joined and synced | **${r.joined} / ${r.phones}** (${r.errors} errors), last at ${r.lastSyncS.toFixed(1)} s; ${r.connectedAtEnd} still connected after |`,
    `| first GET → first sync, ms (p50 / p95 / p99 / max) | **${lat(r.firstSync)}** |`,
    `| first GET → page received, ms | ${lat(r.page)} |`,
    `| first GET → joined (form usable in the app), ms | ${lat(r.form)} |`,
    `| HTTP bytes per phone (bodies, ${r.encodings.join(', ')}) | ${kib(r.bytesPerPhone.p50)}; ${(r.totalBytes / 1048576).toFixed(1)} MiB for all |`,
    `| host CPU during the rush | ${(r.hostCpuMs / 1000).toFixed(1)} s in ${(r.wallMs / 1000).toFixed(0)} s = **${(r.hostCpuShare * 100).toFixed(0)}% of a core**; then ${(r.idleCpuShareConnected * 100).toFixed(0)}% with all connected and idle |`,
    `| host RSS: idle → peak → after | ${mib(r.rssIdle)} → **${mib(r.rssPeak)}** → ${mib(r.rssAfter)} |`,
    `| simulated phones' CPU (same machine) | ${(r.clientsCpuMs / 1000).toFixed(1)} s |`,
    `| time runnable but waiting for a CPU (/proc/<pid>/schedstat): host; phone processes | ${(r.hostRunqueueWaitMs / 1000).toFixed(1)} s; ${(r.clientsRunqueueWaitMs / 1000).toFixed(1)} s |`,
    ...(r.storm
      ? [
          `| **vote storm**: ${r.storm.votes} phones vote for one question within ${CONFIG.stormMs} ms (sent over ${ms(r.storm.sendSpreadMs)} ms) | ${r.storm.accepted} accepted, ${r.storm.refused} refused, ${r.storm.missing} without receipt |`,
          `| vote storm: projector shows the final count, after the last vote | **${ms(r.storm.settledAfterLastVoteMs)} ms** (${r.storm.projectorUpdates} board changes) |`,
          `| vote storm: vote → receipt, ms | ${lat(r.storm.receipt)} |`,
          `| vote storm: host CPU; RSS before → after | ${(r.storm.hostCpuMs / 1000).toFixed(1)} s; ${mib(r.storm.rssBefore)} → ${mib(r.storm.rssAfter)} |`,
        ]
      : []),
  ].join('\n');
}

function writeBlock(name, text) {
  const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return log(`docs/BENCHMARKS.md has no ${begin} block; not updated`);
  writeFileSync(file, `${doc.slice(0, a)}${begin}\n${text}\n${doc.slice(b)}`);
  log(`docs/BENCHMARKS.md: ${name} updated`);
}

async function main() {
  const m = machine();
  log(`${m.cpu}, ${m.nproc} cores, load ${m.load}; ${JSON.stringify({ ...CONFIG, out: undefined })}`);
  const result = { machine: m, config: CONFIG };
  if (CONFIG.parts.includes('load')) {
    result.load = await runLoad();
    const text = loadBlock(m, result.load);
    process.stdout.write(`\n${text}\n\n`);
    if (!env.BENCH_NO_DOC) writeBlock('phone-load', text);
  }
  if (CONFIG.parts.includes('rush')) {
    result.rush = await runRush(CONFIG.rushRoot ? path.resolve(CONFIG.rushRoot) : ROOT);
    const text = rushBlock(machine(), result.rush);
    process.stdout.write(`\n${text}\n\n`);
    if (!env.BENCH_NO_DOC && !CONFIG.rushRoot) writeBlock('qr-rush', text);
  }
  if (CONFIG.parts.includes('rtc')) {
    result.rtc = await runRtc();
    const text = rtcBlock(machine(), result.rtc);
    process.stdout.write(`\n${text}\n\n`);
    if (!env.BENCH_NO_DOC) writeBlock('webrtc', text);
  }
  writeFileSync(CONFIG.out, JSON.stringify(result, null, 2));
  log(`full results in ${CONFIG.out}`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
