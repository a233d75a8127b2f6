#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:hybrid` (also the end of `npm run bench`): a hybrid meeting under load (issue 20), every
 * piece a real process on this machine:
 *   redis-server (Debian, free loopback port, temp dir) ← two `open-floor relay` instances (--trust-proxy)
 *   ← a round-robin TCP proxy standing for the load balancer (a connection to a dead instance goes to the
 *   other) ← remote phones (scripts/bench/remote-worker.cjs: stock Hocuspocus clients, room + board on one
 *   socket); the laptop (`open-floor serve --relay`) reaches the balancer through a second TCP hop standing
 *   for the venue's uplink; 500 LAN phones (scripts/bench/worker.cjs) on the host's LAN listener; a
 *   projector client reads the host's `board` doc on the loopback listener, as the projector window does.
 *
 * Scenarios, in order, on one meeting:
 *   storm    every phone (remote and LAN) votes for one question within 10 s: when the projector's count
 *            is final, after the last vote was sent (target 1 s), receipts, lost; CPU and memory of each
 *            process over the storm
 *   cut      (--cut S, default 60; 0 skips) the uplink is cut for S s while remote phones vote and ask
 *            (LAN phones too); restored: every remote request answered (target within 5 s of the link's
 *            return), and the host's log (its SQLite file, read-only) holds each request once
 *   kill     relay B SIGKILLed during a storm: requests sent after the kill answered (target within 5 s)
 *            through the other instance; B started again on its port
 *   redis    Redis restarted (same port) with phones on both instances: their requests answered without
 *            anything done to the laptop
 * Flags: --remote N (default 10000), --lan N (500), --cut S (60), --join-rate R (remote joins a second,
 * 100), --board-readers N (remote phones that read the board; default all), --workers W (remote worker
 * processes, 3), --profile (host with --cpu-prof; its hottest functions printed), --no-doc (do not write
 * docs/BENCHMARKS.md), --from-json FILE (write the block of an earlier run's results). Results:
 * $TMPDIR/open-floor-bench-hybrid.json.
 */
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const WebSocket = require('ws');
const { BenchHost, procSample } = require('./bench/host.cjs');
const { now, sleep, summary, ms, mib } = require('./bench/stats.cjs');
const { startWorkerProcess } = require('./bench/worker-rpc.cjs');
const { summarizeProfile, profileWindow } = require('./bench/profile.cjs');
const { ROOT, startRedis, startRelay, startTcpProxy } = require('./bench/relay-stack.cjs');
const { report, writeBlock } = require('./bench/hybrid-report.cjs');

const { values: flags } = parseArgs({
  options: {
    remote: { type: 'string', default: process.env.BENCH_REMOTE ?? '10000' },
    lan: { type: 'string', default: process.env.BENCH_LAN ?? '500' },
    cut: { type: 'string', default: process.env.BENCH_CUT ?? '60' },
    'join-rate': { type: 'string', default: '100' },
    'board-readers': { type: 'string', default: 'all' },
    workers: { type: 'string', default: '3' },
    profile: { type: 'boolean', default: false },
    'profile-cut': { type: 'boolean', default: false },
    scenarios: { type: 'string', default: 'storm,cut,kill,redis' },
    'no-doc': { type: 'boolean', default: process.env.BENCH_NO_DOC === '1' },
    'from-json': { type: 'string' },
  },
});
const REMOTE = Number(flags.remote);
const LAN = Number(flags.lan);
const CUT_S = Number(flags.cut);
const JOIN_RATE = Number(flags['join-rate']);
const BOARD_READERS = flags['board-readers'] === 'all' ? REMOTE : Number(flags['board-readers']);
const WORKERS = Math.max(1, Number(flags.workers));
const STORM_MS = 10_000;
const SCENARIOS = new Set(flags.scenarios.split(','));
const SECRET = `bench-hybrid-${randomBytes(12).toString('hex')}`;
const OUT = process.env.BENCH_OUT || join(os.tmpdir(), 'open-floor-bench-hybrid.json');

const log = (line) => process.stdout.write(`[bench-hybrid ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args).toString().trim();
  } catch {
    return '?';
  }
};
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** LAN phone i leaves from its own loopback address (the LAN limits joins per address). */
const lanAddress = (i) => `127.77.${Math.floor(i / 250)}.${(i % 250) + 2}`;
/** Remote phone i names its address to the relays in X-Forwarded-For (benchmark range 198.18/15). */
const remoteAddress = (i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

/** CPU ms and RSS of every process of the meeting, to report a window's use. */
function usage(procs) {
  const out = {};
  for (const [name, pid] of Object.entries(procs)) {
    try {
      out[name] = procSample(pid);
    } catch {
      out[name] = null;
    }
  }
  return out;
}
function usageDelta(before, after, wallMs) {
  const out = {};
  for (const name of Object.keys(after)) {
    const a = before[name];
    const b = after[name];
    out[name] = b ? { cpuShare: a ? (b.cpuMs - a.cpuMs) / wallMs : NaN, rss: b.rss, hwm: b.hwm } : null;
  }
  return out;
}
const fmtUsage = (u) =>
  Object.entries(u)
    .map(([k, v]) => (v ? `${k} ${(v.cpuShare * 100).toFixed(0)} % CPU, ${mib(v.rss)}` : `${k} gone`))
    .join('; ');

/** The projector: the host's `board` doc over the loopback listener, as the projector window reads it. */
function projector(host) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${host.loopbackOrigin.replace(/^http/, 'ws')}/sync`, 'board', doc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    params: { t: host.token },
  });
  const votesOn = (qid) => {
    const questions = doc.getMap('board').get('questions');
    const q = questions instanceof Y.Map ? questions.get(qid) : undefined;
    return q ? q.votes : 0;
  };
  /** For the watched question: when each count was first shown. */
  let watched = null;
  doc.on('afterTransaction', () => {
    if (!watched) return;
    const v = votesOn(watched.qid);
    if (!watched.firstAt.has(v)) watched.firstAt.set(v, now());
  });
  const watch = (qid) => (watched = { qid, firstAt: new Map([[votesOn(qid), now()]]) });
  /** When the watched count was first `votes` or more; waits up to `timeoutMs` for it (NaN if never). */
  const reached = async (votes, timeoutMs) => {
    const end = now() + timeoutMs;
    for (;;) {
      const times = [...watched.firstAt].filter(([v]) => v >= votes).map(([, t]) => t);
      if (times.length) return Math.min(...times);
      if (now() > end) return NaN;
      await sleep(20);
    }
  };
  return { votesOn, watch, reached, destroy: () => (provider.destroy(), doc.destroy()) };
}

/** The host's log: how often each request id with this prefix is in it (read-only, beside the running host). */
function loggedOnce(dataDir, prefix) {
  const Database = require('better-sqlite3');
  const db = new Database(join(dataDir, 'open-floor.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT request_id AS id, COUNT(*) AS n, MIN(at) AS at FROM events WHERE request_id LIKE ? GROUP BY request_id').all(`${prefix}%`);
    // When the host logged them (wall clock): after a cut, whether the time goes in reaching the laptop or in coming back.
    return { distinct: rows.length, doubled: rows.filter((r) => r.n > 1).length, at: rows.map((r) => r.at) };
  } finally {
    db.close();
  }
}

const lat = (list, from = (r) => r.sendT) => summary(list.map((r) => r.recvT - from(r)));
const fmtLat = (s) => `p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} max ${ms(s.max)} ms (n ${s.n})`;

async function run() {
  const machine = { nproc: sh('nproc', []), cpu: (/model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || '?', memory: sh('free', ['-h']).split('\n')[1] ?? '?', node: process.version, commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']), date: sh('date', ['-u']), loadBefore: loadavg() };
  log(`${REMOTE} remote phones (${BOARD_READERS} read the board) over 2 relays + ${LAN} LAN phones; load ${machine.loadBefore}`);
  const result = { config: { remote: REMOTE, lan: LAN, cutS: CUT_S, joinRate: JOIN_RATE, boardReaders: BOARD_READERS, workers: WORKERS }, machine };
  const cleanup = [];
  // Ctrl-C or a kill: stop every process this run started (the relays, Redis, the host, the phones).
  const onSignal = () => {
    log('stopping on a signal');
    void Promise.all(cleanup.reverse().map((f) => Promise.resolve(f()).catch(() => {}))).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    let redis = await startRedis();
    cleanup.push(() => redis.stop());
    const relayArgs = ['--trust-proxy', '--sockets-per-address', '64'];
    const profileDir = flags.profile ? mkdtempSync(join(os.tmpdir(), 'open-floor-bench-hybrid-prof-')) : undefined;
    const inspectable = flags['profile-cut'] ? ['--inspect-port=0'] : [];
    const relayNodeArgs = (name) => [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=relay-${name}.cpuprofile`] : []), ...inspectable];
    const relays = await Promise.all(['A', 'B'].map((name) => startRelay({ redisUrl: redis.url, secret: SECRET, args: relayArgs, nodeArgs: relayNodeArgs(name) })));
    cleanup.push(() => Promise.all(relays.map((r) => r.stop())));
    const balancer = await startTcpProxy(() => relays.map((r) => r.port));
    cleanup.push(() => balancer.close());
    const uplink = await startTcpProxy(() => [balancer.port]);
    cleanup.push(() => uplink.close());
    const host = await new BenchHost({ profileDir, nodeArgs: inspectable, args: ['--relay', `ws://127.0.0.1:${uplink.port}`], env: { OPEN_FLOOR_RELAY_SECRET: SECRET } }).start();
    cleanup.push(() => host.stop());
    const procs = () => ({ host: host.pid, 'relay A': relays[0].pid, 'relay B': relays[1].pid, redis: redis.pid });
    await host.control('createSession', { title: 'Hybrid bench' });
    await host.control('setPremoderation', { on: false });
    const { joinUrl } = await host.control('openSession', {});
    const code = joinUrl.split('/').pop();
    const screen = projector(host);
    cleanup.push(() => screen.destroy());

    // Phones: one LAN worker, WORKERS remote workers, all niced (they are other people's devices).
    const lanWorker = startWorkerProcess(join(__dirname, 'bench', 'worker.cjs'), { id: 0, nice: 10, env: { ...process.env, BENCH_WORKER_ID: 'lan' } });
    const remoteWorkers = Array.from({ length: WORKERS }, (_, w) => startWorkerProcess(join(__dirname, 'bench', 'remote-worker.cjs'), { id: w + 1, nice: 10, env: { ...process.env, BENCH_WORKER_ID: String(w) } }));
    cleanup.push(() => [lanWorker, ...remoteWorkers].forEach((w) => w.stop()));
    const allRemote = (cmd, args) => Promise.all(remoteWorkers.map((w) => w.call(cmd, typeof args === 'function' ? args(w) : args)));
    await lanWorker.call('init', { lanOrigin: host.lanOrigin, code, phones: Array.from({ length: LAN }, (_, i) => ({ idx: i, addr: lanAddress(i), watcher: i === 1 })) });
    // Every `stride`-th phone reads the board (all by default).
    const stride = BOARD_READERS > 0 ? Math.max(1, Math.floor(REMOTE / BOARD_READERS)) : Infinity;
    await allRemote('init', (w) => ({
      httpOrigin: `http://127.0.0.1:${balancer.port}`,
      wsUrl: `ws://127.0.0.1:${balancer.port}`,
      code,
      phones: Array.from({ length: REMOTE }, (_, i) => i)
        .filter((i) => i % WORKERS === w.id - 1)
        .map((i) => ({ idx: i, addr: remoteAddress(i), readsBoard: i % stride === 0 })),
    }));

    // Joins: LAN at 50 a second, then remote at JOIN_RATE.
    let u0 = usage(procs());
    let t0 = now();
    const lanJoined = await lanWorker.call('join', { startAt: now() + 200, ratePerSec: 50 });
    log(`LAN joins: ${lanJoined.results.length}/${LAN} in ${((now() - t0) / 1000).toFixed(1)} s, ${lanJoined.errors.length} errors ${lanJoined.errors.slice(0, 2).join(' | ')}`);
    u0 = usage(procs());
    t0 = now();
    const remoteJoined = await allRemote('join', { startAt: now() + 200, ratePerSec: JOIN_RATE });
    const joinWall = now() - t0;
    const joins = remoteJoined.flatMap((r) => r.results);
    const joinErrors = remoteJoined.flatMap((r) => r.errors);
    const joinUse = usageDelta(u0, usage(procs()), joinWall);
    const rssBeforeRemote = u0.host.rss;
    result.joins = {
      hostRssPerRemotePhone: (joinUse.host.rss - rssBeforeRemote) / Math.max(1, joins.length), lan: lanJoined.results.length, lanErrors: lanJoined.errors.length, remote: joins.length, remoteErrors: joinErrors.length, errorSample: joinErrors.slice(0, 3), wallMs: joinWall, http: summary(joins.map((r) => r.joinMs)), total: summary(joins.map((r) => r.totalMs)), usage: joinUse, hostCpuPerJoinMs: (joinUse.host.cpuShare * joinWall) / Math.max(1, joins.length) };
    log(`remote joins: ${joins.length}/${REMOTE} in ${(joinWall / 1000).toFixed(1)} s, ${joinErrors.length} errors ${joinErrors.slice(0, 2).join(' | ')}; join+sync p50 ${ms(result.joins.total.p50)} p95 ${ms(result.joins.total.p95)} ms; host CPU per join ${ms(result.joins.hostCpuPerJoinMs)} ms, host RSS per remote phone ${(result.joins.hostRssPerRemotePhone / 1024).toFixed(0)} KiB; ${fmtUsage(joinUse)}`);
    const linkDrops = (host.stderr.match(/relay link: disconnected/g) || []).length;
    if (linkDrops > 0) log(`the laptop's relay link went down during the joins (${linkDrops} status lines): ${host.stderr.split('\n').filter((l) => l.includes('relay link')).slice(-4).join(' | ')}`);
    result.joins.linkStatusLines = linkDrops;
    await sleep(3000);
    const idle0 = usage(procs());
    await sleep(5000);
    result.idle = usageDelta(idle0, usage(procs()), 5000);
    log(`idle, everyone connected: ${fmtUsage(result.idle)}`);

    /** Polls the console's Venue status every 100 ms: when the laptop's link to the relay was up again. */
    const linkUp = async (timeoutMs) => {
      const end = now() + timeoutMs;
      while (now() < end) {
        const status = await host.control('venueStatus', {}).catch(() => null);
        if (status?.relay?.connected) return now();
        await sleep(100);
      }
      return NaN;
    };
    const linkLines = () => (host.stderr.match(/relay link: \w+/g) || []).length;

    /** A question asked by remote phone `idx`; its id. */
    const ask = async (idx, tag) => {
      const owner = remoteWorkers[idx % WORKERS];
      await owner.call('storm', { tag, startAt: now(), spreadMs: 0, total: REMOTE, questionId: '', askEvery: 1, mod: REMOTE, rem: idx });
      const { list } = await owner.call('collect', { tag, timeoutMs: 60_000 });
      if (!list[0] || !list[0].ok || !list[0].questionId) throw new Error(`question ${tag} not accepted: ${JSON.stringify(list[0])}`);
      return list[0].questionId;
    };
    const lastSend = (parts) => Math.max(...parts.map((p) => p.lastSendT));

    // ---- storm --------------------------------------------------------------------------------------
    const q1 = await ask(0, 'ask-1');
    await sleep(2000);
    const before1 = screen.votesOn(q1);
    screen.watch(q1);
    await allRemote('watchBoard', { questionId: q1 });
    u0 = usage(procs());
    t0 = now();
    const startAt = now() + 500;
    const [lanStorm, ...remoteStorm] = await Promise.all([
      lanWorker.call('vote', { tag: 'storm', startAt, rate: LAN / (STORM_MS / 1000), durationMs: STORM_MS, total: LAN, questions: [q1], drainMs: 60_000 }),
      ...remoteWorkers.map((w) => w.call('storm', { tag: 'storm', startAt, spreadMs: STORM_MS, total: REMOTE, questionId: q1 })),
    ]);
    const remoteLast = lastSend(remoteStorm);
    const lanLast = Math.max(0, ...lanStorm.list.map((r) => r.sendT));
    const sentLast = Math.max(remoteLast, lanLast);
    const remoteAnswers = (await allRemote('collect', { tag: 'storm', timeoutMs: 60_000 })).reduce((a, r) => ({ list: a.list.concat(r.list), missing: a.missing + r.missing }), { list: [], missing: 0 });
    const okVotes = remoteAnswers.list.filter((r) => r.ok).length + lanStorm.list.filter((r) => r.ok).length;
    const expected = before1 + okVotes;
    const onScreen = await screen.reached(expected, 60_000);
    const stormWall = now() - t0;
    const stormUse = usageDelta(u0, usage(procs()), stormWall);
    const remoteBoards = await allRemote('boardSettled', { questionId: q1, votes: expected, timeoutMs: 30_000 });
    const boardTimes = remoteAnswers.missing + lanStorm.missing > 0 ? [] : remoteBoards.flatMap((r) => r.settledAt).map((t) => t - sentLast);
    result.storm = {
      remoteSent: remoteStorm.reduce((s, r) => s + r.sent, 0),
      lanSent: lanStorm.list.length + lanStorm.missing,
      spreadMs: sentLast - startAt,
      okVotes,
      refused: remoteAnswers.list.filter((r) => !r.ok).length + lanStorm.list.filter((r) => !r.ok).length,
      missing: remoteAnswers.missing + lanStorm.missing,
      projectorCount: screen.votesOn(q1) - before1,
      // With votes unanswered the count never became final: no settle time to report.
      projectorSettledMs: remoteAnswers.missing + lanStorm.missing > 0 ? NaN : onScreen - sentLast,
      remoteReceipts: lat(remoteAnswers.list),
      lanReceipts: lat(lanStorm.list),
      remoteBoards: { readers: remoteBoards.reduce((s, r) => s + r.readers, 0), missing: remoteBoards.reduce((s, r) => s + r.missing, 0), afterLastVote: summary(boardTimes) },
      usage: stormUse,
    };
    const st = result.storm;
    log(`storm: ${st.remoteSent} remote + ${st.lanSent} LAN votes sent over ${(st.spreadMs / 1000).toFixed(1)} s; ${okVotes} accepted, ${st.refused} refused, ${st.missing} unanswered; projector count +${st.projectorCount}, final ${ms(st.projectorSettledMs)} ms after the last vote was sent (target ≤ 1000)`);
    log(`storm receipts: remote ${fmtLat(st.remoteReceipts)}; LAN ${fmtLat(st.lanReceipts)}; remote boards final p50 ${ms(st.remoteBoards.afterLastVote.p50)} p95 ${ms(st.remoteBoards.afterLastVote.p95)} max ${ms(st.remoteBoards.afterLastVote.max)} ms after the last vote (${st.remoteBoards.missing} of ${st.remoteBoards.readers} never)`);
    log(`storm use: ${fmtUsage(stormUse)}; load ${loadavg()}`);

    // ---- uplink cut -----------------------------------------------------------------------------------
    if (CUT_S > 0 && SCENARIOS.has('cut')) {
      const q2 = await ask(1, 'ask-2');
      await sleep(2000);
      uplink.cut();
      const tCut = now();
      log(`uplink cut for ${CUT_S} s; remote phones vote (every 10th asks) over ${Math.max(CUT_S - 10, CUT_S / 2)} s`);
      const cutStart = now() + 2000;
      const spreadMs = Math.max(CUT_S - 10, CUT_S / 2) * 1000;
      const [lanCut, ...remoteCut] = await Promise.all([
        lanWorker.call('vote', { tag: 'cut-lan', startAt: cutStart, rate: LAN / (spreadMs / 1000), durationMs: spreadMs, total: LAN, questions: [q2], drainMs: 60_000 }),
        ...remoteWorkers.map((w) => w.call('storm', { tag: 'cut', startAt: cutStart, spreadMs, total: REMOTE, questionId: q2, askEvery: 10 })),
      ]);
      await sleep(Math.max(0, tCut + CUT_S * 1000 - now()));
      const linesBefore = linkLines();
      const windowDir = flags['profile-cut'] ? mkdtempSync(join(os.tmpdir(), 'open-floor-bench-hybrid-cut-')) : null;
      const windows = windowDir
        ? await Promise.all([
            profileWindow(host.pid, () => host.stderr, join(windowDir, 'host.cpuprofile')),
            profileWindow(relays[0].pid, relays[0].stderr, join(windowDir, 'relay-A.cpuprofile')),
            profileWindow(relays[1].pid, relays[1].stderr, join(windowDir, 'relay-B.cpuprofile')),
          ])
        : [];
      uplink.restore();
      const tBack = now();
      const tBackWall = Date.now();
      const tLinkUp = await linkUp(60_000);
      log(`the laptop's link is up ${ms(tLinkUp - tBack)} ms after the return (console's Venue status)`);
      log(`uplink restored after ${((tBack - tCut) / 1000).toFixed(1)} s; LAN during the cut: ${lanCut.list.length} answered, p95 ${ms(lat(lanCut.list).p95)} ms`);
      const cutAnswers = (await allRemote('collect', { tag: 'cut', timeoutMs: 120_000 })).reduce((a, r) => ({ list: a.list.concat(r.list), missing: a.missing + r.missing }), { list: [], missing: 0 });
      const answeredDuringCut = cutAnswers.list.filter((r) => r.recvT < tBack).length;
      for (const w of windows) {
        const file = await w.stop();
        const p = summarizeProfile(file, 15);
        log(`profile from the return until every request was answered, ${file}: busy ${ms(p.busyMs)} of ${ms(p.totalMs)} ms\n${[...p.files, ...p.functions].map((f) => `  ${f.pct.toFixed(1).padStart(5)} %  ${f.name ? `${f.name}  ` : ''}${f.where}`).join('\n')}`);
      }
      await sleep(3000);
      const logged = loggedOnce(host.dataDir, 'hyb-cut-');
      const sent = remoteCut.reduce((s, r) => s + r.sent, 0);
      result.cut = {
        seconds: (tBack - tCut) / 1000,
        sent,
        answered: cutAnswers.list.length,
        unanswered: cutAnswers.missing,
        answeredDuringCut,
        allAnsweredAfterReturnMs: Math.max(...cutAnswers.list.map((r) => r.recvT)) - tBack,
        linkUpAfterReturnMs: tLinkUp - tBack,
        linkStatusLinesAfterReturn: linkLines() - linesBefore,
        afterReturn: lat(cutAnswers.list, () => tBack),
        inLog: logged.distinct,
        lost: sent - logged.distinct,
        doubled: logged.doubled,
        loggedAfterReturn: summary(logged.at.map((at) => at - tBackWall)),
        lanDuringCut: lat(lanCut.list),
      };
      const c = result.cut;
      log(`cut: ${c.sent} remote requests during the cut; ${c.answered} answered (${c.answeredDuringCut} before the return), ${c.unanswered} not; all answered ${ms(c.allAnsweredAfterReturnMs)} ms after the return (target ≤ 5000), p50 ${ms(c.afterReturn.p50)} p95 ${ms(c.afterReturn.p95)}; in the log ${c.inLog}, lost ${c.lost}, doubled ${c.doubled}; logged by the host p50 ${ms(c.loggedAfterReturn.p50)} max ${ms(c.loggedAfterReturn.max)} ms after the return`);
    }

    // ---- a relay instance SIGKILLed under load ------------------------------------------------------------
    if (SCENARIOS.has('kill')) {
      const q3 = await ask(2, 'ask-3');
      await sleep(2000);
      const killAt = now() + 500 + 3000;
      const stormStart = now() + 500;
      const stormP = Promise.all(remoteWorkers.map((w) => w.call('storm', { tag: 'kill', startAt: stormStart, spreadMs: STORM_MS, total: REMOTE, questionId: q3 })));
      await sleep(Math.max(0, killAt - now()));
      const killedPort = relays[1].port;
      await relays[1].stop('SIGKILL');
      const tKill = now();
      log(`relay B (port ${killedPort}) SIGKILLed during a storm`);
      const linesAtKill = linkLines();
      await sleep(300);
      const tKillLink = await linkUp(60_000);
      log(`the laptop's link up ${ms(tKillLink - tKill)} ms after the kill (${linkLines() - linesAtKill} status lines)`);
      await stormP;
      const killAnswers = (await allRemote('collect', { tag: 'kill', timeoutMs: 120_000 })).reduce((a, r) => ({ list: a.list.concat(r.list), missing: a.missing + r.missing }), { list: [], missing: 0 });
      const afterKill = killAnswers.list.filter((r) => r.sendT >= tKill);
      const stats = await allRemote('stats', {});
      result.kill = {
        answered: killAnswers.list.length,
        unanswered: killAnswers.missing,
        sentAfterKill: afterKill.length,
        sinceKill: lat(afterKill.length ? killAnswers.list : [], (r) => Math.max(r.sendT, tKill)),
        lastAnsweredAfterKillMs: Math.max(...killAnswers.list.map((r) => r.recvT)) - tKill,
        phonesReconnected: stats.reduce((s, r) => s + r.reopened, 0),
        linkUpAfterKillMs: tKillLink - tKill,
        phonesConnected: stats.reduce((s, r) => s + r.connected, 0),
      };
      const k = result.kill;
      log(`kill: ${k.answered} answered, ${k.unanswered} not; since the kill (or the send, if later): ${fmtLat(k.sinceKill)}; the last answered ${ms(k.lastAnsweredAfterKillMs)} ms after the kill; sockets reopened ${k.phonesReconnected}, connected now ${k.phonesConnected}`);
      relays[1] = await startRelay({ redisUrl: redis.url, secret: SECRET, port: killedPort, args: relayArgs });
      log(`relay B started again on port ${killedPort}`);
    }

    // ---- Redis restarted --------------------------------------------------------------------------------
    if (SCENARIOS.has('redis')) {
      // Fresh phones (round robin: half on each instance), then Redis goes away and comes back.
      const probes = 40;
      const probeWorker = startWorkerProcess(join(__dirname, 'bench', 'remote-worker.cjs'), { id: 99, nice: 10, env: { ...process.env, BENCH_WORKER_ID: 'probe' } });
      cleanup.push(() => probeWorker.stop());
      await probeWorker.call('init', { httpOrigin: `http://127.0.0.1:${balancer.port}`, wsUrl: `ws://127.0.0.1:${balancer.port}`, code, phones: Array.from({ length: probes }, (_, i) => ({ idx: i, addr: remoteAddress(REMOTE + 100 + i), readsBoard: false })) });
      const probeJoin = await probeWorker.call('join', { startAt: now(), ratePerSec: 20 });
      const q4 = await ask(3, 'ask-4');
      const redisPort = redis.port;
      await redis.stop();
      const tDown = now();
      redis = await startRedis(redisPort);
      const tUp = now();
      log(`Redis restarted on port ${redisPort} (${ms(tUp - tDown)} ms down); ${probeJoin.results.length} fresh phones vote`);
      await sleep(500);
      await probeWorker.call('storm', { tag: 'redis', startAt: now(), spreadMs: 0, total: probes, questionId: q4 });
      const answers = await probeWorker.call('collect', { tag: 'redis', timeoutMs: 30_000 });
      result.redis = { phones: probeJoin.results.length, answered: answers.list.length, unanswered: answers.missing, receipts: lat(answers.list), lastAfterRedisUpMs: Math.max(...answers.list.map((r) => r.recvT)) - tUp };
      log(`redis: ${answers.list.length}/${probes} answered (${answers.missing} not), ${fmtLat(result.redis.receipts)}; the last ${ms(result.redis.lastAfterRedisUpMs)} ms after Redis was up`);
      await probeWorker.call('close', {});
    }
    result.end = { usage: usage(procs()), loadAfter: loadavg() };
    await allRemote('close', {});
    await lanWorker.call('close', {});
  } finally {
    for (const f of cleanup.reverse()) await Promise.resolve(f()).catch(() => {});
  }
  if (flags.profile) {
    const dir = readdirSync(os.tmpdir()).filter((d) => d.startsWith('open-floor-bench-hybrid-prof-')).map((d) => join(os.tmpdir(), d)).sort().at(-1);
    for (const file of dir ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []) {
      const p = summarizeProfile(join(dir, file), 20);
      log(`profile ${join(dir, file)}: busy ${ms(p.busyMs)} of ${ms(p.totalMs)} ms\n${[...p.files, ...p.functions].map((f) => `  ${f.pct.toFixed(1).padStart(5)} %  ${f.name ? `${f.name}  ` : ''}${f.where}`).join('\n')}`);
    }
  }
  return result;
}

(flags['from-json'] ? Promise.resolve(JSON.parse(readFileSync(flags['from-json'], 'utf8'))) : run())
  .then((r) => {
    if (!flags['from-json']) writeFileSync(OUT, JSON.stringify(r, null, 2));
    const text = report(r);
    log(`\n${text}`);
    if (!flags['no-doc']) log(writeBlock(text));
    log(`results: ${OUT}`);
    process.exit(0);
  })
  .catch((err) => {
    log(`failed: ${err.stack || err}`);
    process.exit(1);
  });
