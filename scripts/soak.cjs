#!/usr/bin/env node
'use strict';
/**
 * `npm run soak`: a long run of the headless host (issue 21, "a three-hour meeting costs no more than its
 * first hour"). One host is started as a user starts it (scripts/bench/host.cjs), pre-moderation off;
 * SOAK_PHONES phones join (scripts/soak/phones.cjs, SOAK_WORKERS processes), SOAK_QUESTIONS of them ask a
 * question, then for SOAK_MINUTES every phone sends a vote or an unvote (toggling, on one question) every
 * SOAK_PERIOD_MS, the phones' sends interleaved evenly. Phones play the new request protocol: they delete
 * a request from `requests` once its final receipt is in. Measured per 30 s window and at the end: see
 * docs/soak/README.md. All traffic is to 127.0.0.1; every loop is bounded.
 */
const { execFileSync } = require('node:child_process');
const { writeFileSync, rmSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { BenchHost } = require('./bench/host.cjs');
const { now, sleep, summary } = require('./bench/stats.cjs');
const { startWorkerProcess } = require('./bench/worker-rpc.cjs');
const { reloadSizes, boardSize } = require('./soak/sync-size.cjs');
const { folderBytes, openStore, checkLog, storedDoc, docTotals } = require('./soak/store-read.cjs');
const { machine, markdown } = require('./soak/report.cjs');

const env = process.env;
const num = (name, dflt) => (env[name] === undefined || env[name] === '' ? dflt : Number(env[name]));
const CONFIG = {
  phones: num('SOAK_PHONES', 200),
  questions: num('SOAK_QUESTIONS', 20),
  minutes: num('SOAK_MINUTES', 30),
  periodMs: num('SOAK_PERIOD_MS', 2000),
  windowMs: num('SOAK_WINDOW_MS', 30_000),
  workers: num('SOAK_WORKERS', 3),
  joinRate: num('SOAK_JOIN_RATE', 25),
  samplePhones: num('SOAK_SAMPLE_PHONES', 5),
  drainMs: 30_000,
  /** Phones run at this nice level so the host gets a core whenever it can use one (phones are other devices). */
  workerNice: num('SOAK_WORKER_NICE', 10),
  /** The JSON; the markdown goes beside it (same name, .md) and to stdout. */
  out: env.SOAK_OUT || join(os.tmpdir(), 'open-floor-soak-last.json'),
};

const log = (line) => process.stdout.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const MiB = (b) => b / 1048576;
const phoneAddress = (i) => `127.77.${Math.floor(i / 250)}.${(i % 250) + 2}`;
/** `count` evenly spread indexes in [0, n). */
const spread = (n, count) => [...new Set(Array.from({ length: Math.min(n, count) }, (_, k) => Math.floor((k * n) / count)))];
const gitHead = () => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: __dirname }).toString().trim();
  } catch {
    return null;
  }
};
const all = (workers, cmd, args) => Promise.all(workers.map((w) => w.call(cmd, typeof args === 'function' ? args(w) : args)));

/** Samples the host's RSS every second, and at `at(t)` on request; `maxSince(t)` is the peak since t. */
function rssSampler(host) {
  const series = [];
  const take = () => {
    try {
      const s = host.sample();
      series.push({ t: now(), rss: s.rss, cpuMs: s.cpuMs });
      return series.at(-1);
    } catch {
      return null;
    }
  };
  const timer = setInterval(take, 1000);
  return { take, series, maxSince: (t) => Math.max(0, ...series.filter((s) => s.t >= t).map((s) => s.rss)), stop: () => clearInterval(timer) };
}

async function joinAndAsk(host, workers, result) {
  const n = CONFIG.phones;
  await host.control('createSession', { title: `Soak ${n}` });
  await host.control('setPremoderation', { on: false });
  const { joinUrl } = await host.control('openSession', {});
  const code = joinUrl.split('/').pop();
  const phonesOf = (w) => Array.from({ length: n }, (_, i) => i).filter((i) => i % CONFIG.workers === w.id).map((i) => ({ idx: i, addr: phoneAddress(i) }));
  await all(workers, 'init', (w) => ({ lanOrigin: host.lanOrigin, code, phones: phonesOf(w) }));
  const t0 = now();
  const joined = await all(workers, 'join', { startAt: now() + 300, ratePerSec: CONFIG.joinRate });
  const errors = joined.flatMap((r) => r.errors);
  result.join = { joined: joined.reduce((s, r) => s + r.results.length, 0), errors: errors.length, errorSample: errors.slice(0, 3), joinSyncMs: summary(joined.flatMap((r) => r.results)), wallMs: now() - t0 };
  log(`join: ${result.join.joined}/${n} joined, ${errors.length} errors${errors.length ? `: ${errors.slice(0, 3).join(' | ')}` : ''}`);
  await sleep(3000);
  result.afterJoin = { rss: host.sample().rss, dataBytes: folderBytes(host.dataDir) };

  const askers = spread(n, CONFIG.questions).map((idx, k) => ({ idx, at: (k * 5000) / Math.max(1, CONFIG.questions) }));
  const asked = await all(workers, 'ask', (w) => ({ startAt: now() + 200, askers: askers.filter((a) => a.idx % CONFIG.workers === w.id), drainMs: 15_000 }));
  const questions = asked.flatMap((r) => r.asked).filter((a) => a.questionId).sort((a, b) => a.idx - b.idx).map((a) => a.questionId);
  result.ask = { asked: askers.length, accepted: questions.length, missing: asked.reduce((s, r) => s + r.missing, 0) };
  log(`ask: ${questions.length}/${askers.length} questions accepted`);
  if (questions.length === 0) throw new Error('no question was accepted; cannot vote');
  return questions;
}

/** The vote/unvote run; samples the host at every window boundary and logs progress. */
async function runVotes(host, workers, sampler, questions, result) {
  const { windowMs, periodMs } = CONFIG;
  const durationMs = CONFIG.minutes * 60_000;
  const startAt = now() + 500;
  const boundaries = [];
  let stopped = false;
  const ticker = (async () => {
    for (let w = 0; (w * windowMs <= durationMs + CONFIG.drainMs) && !stopped; w++) {
      while (!stopped && now() < startAt + w * windowMs) await sleep(Math.min(250, startAt + w * windowMs - now()));
      if (stopped) break;
      const s = sampler.take();
      boundaries.push({ w, t: s.t, rss: s.rss, cpuMs: s.cpuMs, rssMax: sampler.maxSince(s.t - windowMs) });
      if (w > 0 && w * windowMs <= durationMs + windowMs) {
        const p = await all(workers, 'progress');
        const sum = (k) => p.reduce((a, x) => a + x[k], 0);
        const prev = boundaries[boundaries.length - 2];
        log(`t=${((w * windowMs) / 1000).toFixed(0)} s: sent ${sum('sent')}, final receipts ${sum('finals')}, pending ${sum('pending')}, host RSS ${MiB(s.rss).toFixed(0)} MiB, host CPU ${((s.cpuMs - prev.cpuMs) / (s.t - prev.t) * 100).toFixed(0)} % of a core`);
      }
      if (Math.abs(w * windowMs - 5 * 60_000) < 1 && durationMs >= 5 * 60_000) result.memory.rss5min = s.rss;
    }
  })();
  const runs = await all(workers, 'run', { startAt, durationMs, periodMs, total: CONFIG.phones, questions, windowMs, drainMs: CONFIG.drainMs });
  stopped = true;
  await ticker.catch(() => {});
  const end = sampler.take();
  result.memory.rssEndOfSends = (boundaries.find((b) => b.w * windowMs === durationMs) ?? end).rss;
  result.memory.rssEnd = end.rss;
  result.memory.hwm = host.sample().hwm;
  result.run = { startAt, durationMs, lost: runs.reduce((s, r) => s + r.lost, 0), drainedMs: Math.max(...runs.map((r) => r.drainedMs)), sendLateMs: runs.map((r) => r.sendLateMs) };
  return boundaries;
}

/** Per send window: what the phones saw, with the host's RSS and CPU over the same 30 s. */
function windowRows(results, boundaries) {
  const merged = new Map();
  for (const r of results) {
    for (const [w, s] of Object.entries(r.windows)) {
      const m = merged.get(Number(w)) ?? { sent: 0, finals: 0, ok: 0, refused: {}, lat: [] };
      m.sent += s.sent;
      m.finals += s.finals;
      m.ok += s.ok;
      for (const [k, v] of Object.entries(s.refused)) m.refused[k] = (m.refused[k] ?? 0) + v;
      for (const x of s.lat) m.lat.push(x);
      merged.set(Number(w), m);
    }
  }
  const ask = merged.get(-1);
  const rows = [...merged.keys()].filter((w) => w >= 0).sort((a, b) => a - b).map((w) => {
    const m = merged.get(w);
    const b0 = boundaries.find((b) => b.w === w);
    const b1 = boundaries.find((b) => b.w === w + 1);
    const cpuMs = b0 && b1 ? b1.cpuMs - b0.cpuMs : NaN;
    return {
      window: w,
      fromS: (w * CONFIG.windowMs) / 1000,
      sent: m.sent,
      finals: m.finals,
      ok: m.ok,
      refused: m.refused,
      lost: m.sent - m.finals,
      latencyMs: summary(m.lat),
      rssMiB: b1 ? MiB(b1.rss) : NaN,
      rssMaxMiB: b1 ? MiB(b1.rssMax) : NaN,
      hostCpuMs: cpuMs,
      hostCpuMsPerRequest: cpuMs / Math.max(1, m.sent),
    };
  });
  return { rows, ask: ask ? { sent: ask.sent, finals: ask.finals, ok: ask.ok, refused: ask.refused, latencyMs: summary(ask.lat) } : null };
}

async function main() {
  const result = { date: new Date().toISOString(), commit: gitHead(), machine: machine(), config: { ...CONFIG }, memory: {}, data: {} };
  log(`${CONFIG.phones} phones, ${CONFIG.questions} questions, ${CONFIG.minutes} min, one request per phone every ${CONFIG.periodMs} ms (${((CONFIG.phones * 1000) / CONFIG.periodMs).toFixed(0)}/s)`);
  const host = await new BenchHost().start();
  const sampler = rssSampler(host);
  const workers = [];
  let stopped = false;
  try {
    await sleep(1000);
    result.memory.idle = host.sample().rss;
    for (let w = 0; w < CONFIG.workers; w++) {
      workers.push(startWorkerProcess(join(__dirname, 'soak', 'phones.cjs'), { id: w, nice: CONFIG.workerNice, env: { ...process.env, SOAK_WORKER_ID: String(w) } }));
    }
    const questions = await joinAndAsk(host, workers, result);
    const boundaries = await runVotes(host, workers, sampler, questions, result);
    result.data.endBytesLive = folderBytes(host.dataDir);
    const results = await all(workers, 'result');
    const phones = results.flatMap((r) => r.phones).sort((a, b) => a.idx - b.idx);
    const { rows, ask } = windowRows(results, boundaries);
    result.windows = rows;
    result.askPhase = ask;
    result.sent = rows.reduce((s, r) => s + r.sent, 0);
    result.finals = rows.reduce((s, r) => s + r.finals, 0);
    result.lost = result.sent - result.finals;
    result.retryReceipts = results.reduce((s, r) => s + r.counters.retryReceipts, 0);
    result.deletedRequests = results.reduce((s, r) => s + r.counters.deleted, 0);
    result.clients = { cpuMs: results.reduce((s, r) => s + r.cpuMs, 0), reconnects: phones.reduce((s, p) => s + p.closes, 0), connected: phones.filter((p) => p.connected).length };
    result.requestsPerPhone = summary(phones.map((p) => p.sent));
    const sample = spread(phones.length, CONFIG.samplePhones).map((i) => ({ ...phones[i], addr: phoneAddress(phones[i].idx) }));
    result.reload = await reloadSizes(host.lanOrigin, sample);
    result.board = await boardSize(host.loopbackOrigin, host.token);
    log(`reload sync of ${sample.length} rooms: ${result.reload.map((r) => r.receivedBytes).join(', ')} bytes; board alone ${result.board.docBytes} bytes`);

    await Promise.allSettled(workers.map((w) => w.call('close')));
    workers.forEach((w) => w.stop());
    await host.stop({ keepData: true });
    stopped = true;
    result.data.endBytes = folderBytes(host.dataDir);
    result.data.afterJoinBytes = result.afterJoin.dataBytes;
    result.data.growthPerRequest = (result.data.endBytes - result.data.afterJoinBytes) / Math.max(1, result.sent);
    const db = openStore(host.dataDir);
    try {
      result.log = checkLog(db, phones);
      result.docTotals = docTotals(db);
      result.rooms = sample.map((p) => ({ idx: p.idx, sent: p.sent, requestsInPhoneDoc: p.requestsInDoc, stored: storedDoc(db, `room-${p.roomId}`), reload: result.reload.find((r) => r.idx === p.idx) }));
      result.boardStored = storedDoc(db, 'board');
    } finally {
      db.close();
    }
  } finally {
    sampler.stop();
    if (!stopped) {
      await Promise.allSettled(workers.map((w) => w.call('close')));
      workers.forEach((w) => w.stop());
      await host.stop({ keepData: true });
    }
    result.hostLogTail = host.stderr.split('\n').filter(Boolean).slice(-5);
    rmSync(host.dataDir, { recursive: true, force: true });
  }
  result.loadAvgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  result.memory.ratioEndTo5min = result.memory.rss5min ? result.memory.rssEnd / result.memory.rss5min : null;
  const md = markdown(result);
  const mdOut = CONFIG.out.replace(/\.json$/, '') + '.md';
  writeFileSync(CONFIG.out, JSON.stringify(result, null, 1));
  writeFileSync(mdOut, `${md}\n`);
  process.stdout.write(`\n${md}\n`);
  log(`JSON: ${CONFIG.out}; markdown: ${mdOut}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  },
);
