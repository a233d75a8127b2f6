#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: load test of the headless host with simulated phones (see docs/BENCHMARKS.md).
 *
 * For each phone count in BENCH_PHONES (default "200,500") a fresh host is started as a user starts it
 * (`open-floor serve --json --port 0 --address 127.0.0.1 --data <tmp>`), pre-moderation is turned off,
 * and BENCH_WORKERS child processes (scripts/bench/worker.cjs) play the phones. Phases:
 *   join   phones join at BENCH_JOIN_RATE per second: POST /api/join, then y-websocket first sync
 *   ask    every phone asks once, spread over BENCH_ASK_SECONDS: ask → receipt latency
 *   vote   BENCH_VOTE_RATE votes/s for BENCH_VOTE_SECONDS: vote → receipt latency, and board propagation
 *          (vote → 20 watcher phones see the new count)
 *   base   20 normal phones vote/unvote every 500 ms and ask once, for 10 s
 *   flood  the same, while one phone appends 2000 votes as fast as it can
 * Host RSS (VmRSS) and CPU time (utime+stime) come from /proc/<pid>. BENCH_PROFILE=1 runs the host with
 * --cpu-prof and prints its hottest functions. All traffic is to 127.0.0.1; every loop is bounded.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { join } = path;
const { BenchHost, sampler } = require('./bench/host.cjs');
const { now, sleep, summary, ms, mib } = require('./bench/stats.cjs');
const { summarizeProfile } = require('./bench/profile.cjs');
const { runPollRound, pollMarkdown } = require('./bench/polls.cjs');
const { startWorkerProcess } = require('./bench/worker-rpc.cjs');

const env = process.env;
const num = (name, dflt) => (env[name] === undefined || env[name] === '' ? dflt : Number(env[name]));
const CONFIG = {
  phones: (env.BENCH_PHONES || '200').split(',').map((s) => Number(s.trim())).filter((n) => n > 0),
  workers: num('BENCH_WORKERS', 3),
  joinRate: num('BENCH_JOIN_RATE', 25),
  askSeconds: num('BENCH_ASK_SECONDS', 20),
  voteRate: num('BENCH_VOTE_RATE', 100),
  voteSeconds: num('BENCH_VOTE_SECONDS', 20),
  watchers: num('BENCH_WATCHERS', 20),
  normalPhones: num('BENCH_NORMAL_PHONES', 20),
  mixedSeconds: num('BENCH_MIXED_SECONDS', 12),
  mixedPeriodMs: num('BENCH_MIXED_PERIOD_MS', 2000),
  floodCount: num('BENCH_FLOOD', 2000),
  /** Poll storm (scripts/bench/polls.cjs): phone counts (0 skips it), the spread of the ballots, join rate. */
  pollPhones: (env.BENCH_POLL_PHONES ?? '1000').split(',').map((s) => Number(s.trim())).filter((n) => n > 0),
  pollSpreadMs: num('BENCH_POLL_SPREAD_MS', 2000),
  pollJoinRate: num('BENCH_POLL_JOIN_RATE', 50),
  profile: env.BENCH_PROFILE === '1',
  /** Workers run at this nice level so the host gets a core whenever it can use one (phones are other devices). */
  workerNice: num('BENCH_WORKER_NICE', 10),
  out: env.BENCH_OUT || join(os.tmpdir(), 'open-floor-bench-last.json'),
};

const log = (line) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

function startWorker(id) {
  return startWorkerProcess(join(__dirname, 'bench', 'worker.cjs'), {
    id,
    nice: CONFIG.workerNice,
    env: { ...process.env, BENCH_WORKER_ID: String(id) },
  });
}

const all = (workers, cmd, args) => Promise.all(workers.map((w) => w.call(cmd, typeof args === 'function' ? args(w) : args)));

/** Phone i leaves from 127.77.<i/250>.<i%250+2>: a distinct client address per phone. */
const phoneAddress = (i) => `127.77.${Math.floor(i / 250)}.${(i % 250) + 2}`;

/** Evenly spread phone indexes: k * n / count (+ shift), distinct, within [0, n). */
function spread(n, count, shift = 0) {
  const out = new Set();
  for (let k = 0; k < Math.min(count, n); k++) out.add((Math.floor((k * n) / count) + shift) % n);
  return [...out];
}

/**
 * Waits until the host's CPU use over a 500 ms window falls under `share` of a core (the backlog of the
 * previous phase is worked off), or `maxMs` passes. Returns how long it waited.
 */
async function waitQuiet(host, share = 0.25, maxMs = 30_000) {
  const t0 = now();
  let prev = host.sample().cpuMs;
  while (now() - t0 < maxMs) {
    await sleep(500);
    const cur = host.sample().cpuMs;
    if (cur - prev < 500 * share) return now() - t0;
    prev = cur;
  }
  return now() - t0;
}

async function runRound(n) {
  log(`round: ${n} phones, ${CONFIG.workers} worker processes`);
  const profileDir = CONFIG.profile ? mkdtempSync(join(os.tmpdir(), 'open-floor-bench-prof-')) : undefined;
  const host = await new BenchHost({ profileDir }).start();
  lastHost = host;
  const round = { phones: n, memory: {}, cpu: {}, phases: {} };
  const workers = [];
  const sampling = sampler(host);
  try {
    await sleep(1500);
    const idle = host.sample();
    round.memory.idle = idle.rss;
    await host.control('createSession', { title: `Bench ${n}` });
    await host.control('setPremoderation', { on: false });
    const { joinUrl } = await host.control('openSession', {});
    const code = joinUrl.split('/').pop();

    const watcherIdx = new Set(spread(n, CONFIG.watchers));
    const floodIdx = n - 1;
    const normalIdx = spread(n, CONFIG.normalPhones, Math.max(1, Math.floor(n / (2 * CONFIG.normalPhones)))).filter((i) => i !== floodIdx);
    for (let w = 0; w < CONFIG.workers; w++) workers.push(startWorker(w));
    const phonesOf = (w) => {
      const list = [];
      for (let i = w.id; i < n; i += CONFIG.workers) list.push({ idx: i, addr: phoneAddress(i), watcher: watcherIdx.has(i) });
      return list;
    };
    await all(workers, 'init', (w) => ({ lanOrigin: host.lanOrigin, code, phones: phonesOf(w) }));

    // Phase: join + first sync.
    let cpu0 = host.sample().cpuMs;
    let t0 = now();
    const joined = await all(workers, 'join', { startAt: now() + 300, ratePerSec: CONFIG.joinRate });
    const joinResults = joined.flatMap((r) => r.results);
    const joinErrors = joined.flatMap((r) => r.errors);
    round.phases.join = {
      n: joinResults.length,
      errors: joinErrors.length,
      errorSample: joinErrors.slice(0, 3),
      http: summary(joinResults.map((r) => r.joinMs)),
      total: summary(joinResults.map((r) => r.totalMs)),
      wallMs: now() - t0,
      hostCpuMs: host.sample().cpuMs - cpu0,
    };
    log(`join: ${joinResults.length}/${n} joined, ${joinErrors.length} errors; join+sync p50 ${ms(round.phases.join.total.p50)} p95 ${ms(round.phases.join.total.p95)} max ${ms(round.phases.join.total.max)} ms`);
    if (joinErrors.length) log(`join errors (first 3): ${joinErrors.slice(0, 3).join(' | ')}`);
    round.quietWaits = { afterJoin: await waitQuiet(host) };
    // Background CPU with every phone connected and nobody asking (awareness renewals, timers, gateway).
    const idle0 = host.sample().cpuMs;
    await sleep(3000);
    round.cpu.idleConnectedShare = (host.sample().cpuMs - idle0) / 3000;
    idleShare = round.cpu.idleConnectedShare;
    round.memory.connected = host.sample().rss;
    sampling.reset();

    // Phase: ask.
    const askTotalMs = CONFIG.askSeconds * 1000;
    cpu0 = host.sample().cpuMs;
    t0 = now();
    const asked = await all(workers, 'ask', { tag: 'ask', startAt: now() + 200, spreadMs: askTotalMs, total: n, drainMs: 15_000 });
    const askRecords = asked.flatMap((r) => r.list);
    round.phases.ask = phaseStats(askRecords, asked.reduce((s, r) => s + r.missing, 0), host.sample().cpuMs - cpu0, now() - t0);
    round.memory.peakAsk = sampling.peak();
    log(`ask: ${fmtPhase(round.phases.ask)}`);

    const questionIds = askRecords
      .filter((r) => r.ok && r.questionId)
      .sort((a, b) => a.idx - b.idx)
      .map((r) => r.questionId);
    if (questionIds.length === 0) throw new Error('no question was accepted; cannot run the vote phases');
    const qCount = Math.min(20, questionIds.length);
    const voteQuestions = questionIds.slice(0, qCount);
    const normalQuestions = questionIds.length >= 2 * qCount ? questionIds.slice(qCount, 2 * qCount) : voteQuestions;

    // Phase: vote fan-out.
    round.quietWaits.afterAsk = await waitQuiet(host);
    sampling.reset();
    cpu0 = host.sample().cpuMs;
    t0 = now();
    const voted = await all(workers, 'vote', {
      tag: 'vote',
      startAt: now() + 200,
      rate: CONFIG.voteRate,
      durationMs: CONFIG.voteSeconds * 1000,
      total: n,
      questions: voteQuestions,
      drainMs: 90_000,
    });
    const voteRecords = voted.flatMap((r) => r.list);
    round.phases.vote = phaseStats(voteRecords, voted.reduce((s, r) => s + r.missing, 0), host.sample().cpuMs - cpu0, now() - t0);
    round.phases.vote.board = boardPropagation(voteRecords, voted);
    round.memory.peakVote = sampling.peak();
    log(`vote: ${fmtPhase(round.phases.vote)}`);
    const bp = round.phases.vote.board;
    log(`board propagation to ${bp.watchers} watchers: p50 ${ms(bp.any.p50)} p95 ${ms(bp.any.p95)} p99 ${ms(bp.any.p99)} ms; all watchers p95 ${ms(bp.all.p95)} ms; missed ${bp.missed}`);

    // Phases: normal phones without, then with, a flooding phone.
    const mixedArgs = (tag, flood) => ({
      tag,
      floodTag: `${tag}-flood`,
      startAt: now() + 300,
      durationMs: CONFIG.mixedSeconds * 1000,
      periodMs: CONFIG.mixedPeriodMs,
      normal: normalIdx,
      normalQuestions,
      questions: voteQuestions,
      flood,
      drainMs: 30_000,
      floodDrainMs: 15_000,
    });
    round.quietWaits.afterVote = await waitQuiet(host);
    cpu0 = host.sample().cpuMs;
    t0 = now();
    const base = await all(workers, 'mixed', mixedArgs('base', null));
    round.phases.base = phaseStats(base.flatMap((r) => r.list), base.reduce((s, r) => s + r.missing, 0), host.sample().cpuMs - cpu0, now() - t0);
    log(`normal phones, no flood: ${fmtPhase(round.phases.base)}`);
    round.quietWaits.afterBase = await waitQuiet(host);
    sampling.reset();
    cpu0 = host.sample().cpuMs;
    t0 = now();
    const flooded = await all(workers, 'mixed', mixedArgs('flood', { idx: floodIdx, count: CONFIG.floodCount, atMs: 1000 }));
    const floodResult = flooded.map((r) => r.flood).find((f) => f);
    round.phases.flood = phaseStats(flooded.flatMap((r) => r.list), flooded.reduce((s, r) => s + r.missing, 0), host.sample().cpuMs - cpu0, now() - t0, floodResult ? floodResult.received + floodResult.missing : 0);
    round.memory.peakFlood = sampling.peak();
    if (floodResult) {
      const { latencies, ...rest } = floodResult;
      round.phases.flood.flooder = { ...rest, latency: summary(latencies) };
    }
    round.phases.flood.ratioP95 = round.phases.flood.latency.p95 / round.phases.base.latency.p95;
    round.phases.flood.ratioP50 = round.phases.flood.latency.p50 / round.phases.base.latency.p50;
    log(`normal phones, with flood: ${fmtPhase(round.phases.flood)}; p95 ratio ${round.phases.flood.ratioP95.toFixed(2)}`);
    if (floodResult) {
      const f = round.phases.flood.flooder;
      log(`flooder: appended ${CONFIG.floodCount} in ${ms(f.appendMs)} ms; ${f.received} receipts (${f.ok} ok, ${JSON.stringify(f.reasons)}), ${f.missing} missing, all receipts after ${ms(f.allReceiptsMs)} ms; host closed its connection ${f.hostClosedConnection}x`);
    }

    // After the load.
    round.quietWaits.afterFlood = await waitQuiet(host);
    await sleep(1000);
    const after = host.sample();
    round.memory.after = after.rss;
    round.memory.hwm = after.hwm;
    round.cpu.totalMs = after.cpuMs;
    round.cpu.userMs = after.userMs;
    round.cpu.sysMs = after.sysMs;
    const wstats = await all(workers, 'stats');
    round.clients = {
      connected: wstats.reduce((s, w) => s + w.connected, 0),
      reconnects: wstats.reduce((s, w) => s + w.closes, 0),
      closeCodes: wstats.reduce((acc, w) => {
        for (const [k, v] of Object.entries(w.closeCodes)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      }, {}),
      cpuMs: wstats.reduce((s, w) => s + w.cpuMs, 0),
      rss: wstats.reduce((s, w) => s + w.rss, 0),
    };
    round.hostLogLines = host.stderrLines;
    round.hostLogTail = host.stderr.split('\n').filter(Boolean).slice(-5);
    log(`host RSS idle ${mib(round.memory.idle)}, ${n} connected ${mib(round.memory.connected)}, after load ${mib(round.memory.after)}, peak ${mib(round.memory.hwm)}; host CPU ${(after.cpuMs / 1000).toFixed(1)} s; clients CPU ${(round.clients.cpuMs / 1000).toFixed(1)} s; ${round.clients.connected}/${n} still connected, ${round.clients.reconnects} reconnects ${JSON.stringify(round.clients.closeCodes)}`);
  } finally {
    sampling.stop();
    await Promise.allSettled(workers.map((w) => w.call('close')));
    workers.forEach((w) => w.stop());
    await host.stop();
  }
  if (profileDir) {
    const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    if (files.length) {
      round.profile = { file: join(profileDir, files[0]), ...summarizeProfile(join(profileDir, files[0]), 15) };
      log(`host CPU profile: ${round.profile.file}`);
    }
  }
  return round;
}

let idleShare = 0;
let lastHost = null;
function phaseStats(records, missing, hostCpuMs, wallMs, extraRequests = 0) {
  const lat = records.map((r) => r.recvT - r.sendT);
  const inbound = records.filter((r) => typeof r.at === 'number').map((r) => r.at - r.sendT);
  const requests = records.length + missing + extraRequests;
  return {
    requests: records.length + missing,
    ok: records.filter((r) => r.ok).length,
    refused: countBy(records.filter((r) => !r.ok).map((r) => r.reason)),
    missing,
    latency: summary(lat),
    toDecision: summary(inbound),
    hostCpuMs,
    wallMs,
    cpuMsPer1000: (hostCpuMs / Math.max(1, requests)) * 1000,
    // Minus the host's background CPU with the phones connected and idle.
    netCpuMsPer1000: (Math.max(0, hostCpuMs - idleShare * wallMs) / Math.max(1, requests)) * 1000,
    throughputPerS: records.length / Math.max(0.001, (Math.max(...records.map((r) => r.recvT)) - Math.min(...records.map((r) => r.sendT))) / 1000),
    hostCpuShare: hostCpuMs / wallMs,
  };
}

/**
 * Vote → watcher sees the count. Accepted votes on one question are ordered by the host's decision time
 * (receipt `at`), so the k-th one made the count baseline + k; for each watcher, the first time its board
 * showed at least that count, minus the vote's send time.
 */
function boardPropagation(records, voted) {
  const baseline = Object.assign({}, ...voted.map((v) => v.baseline));
  const watchers = voted.flatMap((v) => v.watchers);
  const byQ = new Map();
  for (const r of records) {
    if (!r.ok || r.kind !== 'vote') continue;
    if (!byQ.has(r.qid)) byQ.set(r.qid, []);
    byQ.get(r.qid).push(r);
  }
  const any = [];
  const allSeen = [];
  let missed = 0;
  for (const [qid, list] of byQ) {
    list.sort((a, b) => a.at - b.at || a.sendT - b.sendT);
    list.forEach((r, k) => {
      const target = (baseline[qid] ?? 0) + k + 1;
      let worst = 0;
      for (const w of watchers) {
        const seen = (w.seen[qid] || []).find(([votes]) => votes >= target);
        if (!seen) {
          missed++;
          continue;
        }
        const d = seen[1] - r.sendT;
        any.push(d);
        worst = Math.max(worst, d);
      }
      allSeen.push(worst);
    });
  }
  return { watchers: watchers.length, any: summary(any), all: summary(allSeen), missed };
}

function countBy(list) {
  const out = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}

const fmtPhase = (p) =>
  `${p.requests} requests, ${p.ok} ok, ${p.missing} without receipt, ${p.throughputPerS.toFixed(1)} receipts/s; latency p50 ${ms(p.latency.p50)} p95 ${ms(p.latency.p95)} p99 ${ms(p.latency.p99)} max ${ms(p.latency.max)} ms; host CPU ${ms(p.cpuMsPer1000)} ms/1000 req, ${ms(p.netCpuMsPer1000)} net of idle (${(p.hostCpuShare * 100).toFixed(0)}% of a core)`;

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args).toString().trim();
    } catch {
      return '?';
    }
  };
  const cpuinfo = sh('cat', ['/proc/cpuinfo']);
  return {
    nproc: sh('nproc', []),
    free: sh('free', ['-h']),
    cpu: (/model name\s*:\s*(.*)/.exec(cpuinfo) || [])[1] || '?',
    node: process.version,
    date: sh('date', ['-u']),
  };
}

function markdown(result) {
  const rows = [];
  const r = (label, ...cells) => rows.push(`| ${label} | ${cells.join(' | ')} |`);
  const rounds = result.rounds;
  rows.push(`| metric | ${rounds.map((x) => `${x.phones} phones`).join(' | ')} |`);
  rows.push(`|---|${rounds.map(() => '---').join('|')}|`);
  const lat = (s) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
  r('join + first sync, ms (p50 / p95 / p99 / max)', ...rounds.map((x) => lat(x.phases.join.total)));
  r('  of which POST /api/join, ms', ...rounds.map((x) => lat(x.phases.join.http)));
  r('join errors', ...rounds.map((x) => x.phases.join.errors));
  r('ask → receipt, ms', ...rounds.map((x) => lat(x.phases.ask.latency)));
  r('vote → receipt, ms', ...rounds.map((x) => lat(x.phases.vote.latency)));
  r('vote → host decision (receipt `at`), ms', ...rounds.map((x) => lat(x.phases.vote.toDecision)));
  r('vote → watcher board shows it, ms', ...rounds.map((x) => lat(x.phases.vote.board.any)));
  r('vote → all 20 watchers show it, ms', ...rounds.map((x) => lat(x.phases.vote.board.all)));
  r('requests without receipt (ask / vote)', ...rounds.map((x) => `${x.phases.ask.missing} / ${x.phases.vote.missing}`));
  r('normal phones, no flood, ms', ...rounds.map((x) => lat(x.phases.base.latency)));
  r('normal phones, during flood, ms', ...rounds.map((x) => lat(x.phases.flood.latency)));
  r('flood / no-flood ratio (p50, p95)', ...rounds.map((x) => `${x.phases.flood.ratioP50.toFixed(2)}, ${x.phases.flood.ratioP95.toFixed(2)}`));
  r(
    'flooder: receipts / accepted / host closed its socket',
    ...rounds.map((x) => {
      const f = x.phases.flood.flooder;
      return f ? `${f.received} / ${f.ok} / ${f.hostClosedConnection}x` : '—';
    }),
  );
  r('flooder: last receipt after, ms', ...rounds.map((x) => (x.phases.flood.flooder ? ms(x.phases.flood.flooder.allReceiptsMs) : '—')));
  r('host RSS idle', ...rounds.map((x) => mib(x.memory.idle)));
  r('host RSS, phones connected', ...rounds.map((x) => mib(x.memory.connected)));
  r('host RSS after load (peak)', ...rounds.map((x) => `${mib(x.memory.after)} (${mib(x.memory.hwm)})`));
  r('host CPU with phones connected, idle (share of a core)', ...rounds.map((x) => `${(x.cpu.idleConnectedShare * 100).toFixed(0)}%`));
  r('host CPU ms per 1000 asks (net of idle)', ...rounds.map((x) => `${ms(x.phases.ask.cpuMsPer1000)} (${ms(x.phases.ask.netCpuMsPer1000)})`));
  r('host CPU ms per 1000 votes (net of idle)', ...rounds.map((x) => `${ms(x.phases.vote.cpuMsPer1000)} (${ms(x.phases.vote.netCpuMsPer1000)})`));
  r('receipts/s achieved: ask / vote phase', ...rounds.map((x) => `${x.phases.ask.throughputPerS.toFixed(1)} / ${x.phases.vote.throughputPerS.toFixed(1)}`));
  r('host CPU share during vote phase', ...rounds.map((x) => `${(x.phases.vote.hostCpuShare * 100).toFixed(0)}%`));
  r('host CPU ms per 1000 requests, flood phase', ...rounds.map((x) => ms(x.phases.flood.cpuMsPer1000)));
  return rows.join('\n');
}

/** What a phone downloads: the attendee app's JS and CSS, raw and gzipped. */
function phoneBundle() {
  const { gzipSync } = require('node:zlib');
  const { readFileSync } = require('node:fs');
  const dir = path.join(__dirname, '..', 'out', 'attendee', 'assets');
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f));
  const sum = (ext, fn) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + fn(readFileSync(path.join(dir, f))), 0);
  return {
    jsBytes: sum('.js', (b) => b.length),
    jsGzipBytes: sum('.js', (b) => gzipSync(b, { level: 9 }).length),
    cssGzipBytes: sum('.css', (b) => gzipSync(b, { level: 9 }).length),
  };
}

/** Replaces the text between two markers in docs/BENCHMARKS.md. */
function writeBlock(begin, end, body) {
  const { readFileSync } = require('node:fs');
  const file = path.join(__dirname, '..', 'docs', 'BENCHMARKS.md');
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return log(`docs/BENCHMARKS.md has no ${begin} block; not updated`);
  writeFileSync(file, `${doc.slice(0, a)}${begin}\n${body}\n${doc.slice(b)}`);
  log(`docs/BENCHMARKS.md updated (${begin})`);
}

/** Replaces the block between the bench markers in docs/BENCHMARKS.md with this run's results. */
function writeDoc(result) {
  const { readFileSync } = require('node:fs');
  const file = path.join(__dirname, '..', 'docs', 'BENCHMARKS.md');
  const begin = '<!-- bench:latest -->';
  const end = '<!-- /bench:latest -->';
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return log(`docs/BENCHMARKS.md has no ${begin} block; not updated`);
  const { machine: m, bundle } = result;
  const block = [
    begin,
    `Run: ${m.date.trim()} on ${m.nproc.trim()} cores (${m.cpu}), ${(/Mem:\s+(\S+)/.exec(m.free) || [])[1] || '?'} RAM, Node ${m.node}.`,
    `Config: ${CONFIG.phones.join(', ')} phones, ${CONFIG.voteRate} votes/s for ${CONFIG.voteSeconds} s, asks spread over ${CONFIG.askSeconds} s, flood of ${CONFIG.floodCount}.`,
    '',
    `Phone app: ${(bundle.jsBytes / 1024).toFixed(0)} KiB of JavaScript, **${(bundle.jsGzipBytes / 1024).toFixed(1)} KiB gzipped** (+ ${(bundle.cssGzipBytes / 1024).toFixed(1)} KiB CSS).`,
    '',
    markdown(result),
    end,
  ].join('\n');
  writeFileSync(file, doc.slice(0, a) + block + doc.slice(b + end.length));
  log('docs/BENCHMARKS.md updated');
}

async function main() {
  const started = now();
  const info = machine();
  log(`${info.cpu}, ${info.nproc} cores, Node ${info.node}; config ${JSON.stringify({ ...CONFIG, out: undefined })}`);
  const rounds = [];
  for (const n of CONFIG.phones) {
    try {
      rounds.push(await runRound(n));
    } catch (err) {
      log(`round with ${n} phones failed: ${err.stack || err}`);
      if (lastHost && lastHost.exit) log(`host exited ${JSON.stringify(lastHost.exit)}; stderr tail:\n${lastHost.stderr.slice(-3000)}`);
      process.exitCode = 1;
    }
  }
  const pollRounds = [];
  for (const n of CONFIG.pollPhones) {
    try {
      const tools = { startWorker, all, phoneAddress, waitQuiet, log };
      pollRounds.push(await runPollRound(n, { workers: CONFIG.workers, spreadMs: CONFIG.pollSpreadMs, joinRate: CONFIG.pollJoinRate }, tools));
    } catch (err) {
      log(`poll storm with ${n} phones failed: ${err.stack || err}`);
      process.exitCode = 1;
    }
  }
  const result = { machine: info, config: CONFIG, bundle: phoneBundle(), rounds, pollRounds, wallSeconds: (now() - started) / 1000 };
  writeFileSync(CONFIG.out, JSON.stringify(result, null, 2));
  if (rounds.length) {
    process.stdout.write(`\n${markdown(result)}\n\n`);
    if (!process.env.BENCH_NO_DOC) writeDoc(result);
    for (const round of rounds) {
      if (!round.profile) continue;
      process.stdout.write(`Host CPU profile, ${round.phones} phones (${round.profile.file}), self time:\n`);
      for (const f of round.profile.functions) process.stdout.write(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.name}  ${f.where}\n`);
      process.stdout.write('  by package/file:\n');
      for (const f of round.profile.files) process.stdout.write(`  ${f.pct.toFixed(1).padStart(5)}%  ${f.where}\n`);
    }
  }
  if (pollRounds.length) {
    const m = result.machine;
    const line = `Run: ${m.date.trim()} on ${m.nproc.trim()} cores (${m.cpu}), ${(/Mem:\s+(\S+)/.exec(m.free) || [])[1] || '?'} RAM, Node ${m.node}; ballots spread over ${CONFIG.pollSpreadMs} ms, ${CONFIG.workers} phone processes.`;
    const table = pollMarkdown(pollRounds, line);
    process.stdout.write(`\n${table}\n\n`);
    if (!process.env.BENCH_NO_DOC) writeBlock('<!-- bench:polls -->', '<!-- /bench:polls -->', table);
  }
  log(`done in ${result.wallSeconds.toFixed(0)} s; full results in ${CONFIG.out}`);
}

// Exit once the results are written: a handle left by the phone workers kept the process (and so
// `npm run bench`, which runs bench-phone.cjs after it) waiting for ever once every round was done.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    process.stderr.write(`${err.stack || err}\n`);
    process.exit(1);
  },
);
