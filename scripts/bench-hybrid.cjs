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
 * processes, 3), --probes N (50; 0 none: remote phones in one more worker, not niced, reported apart:
 * scripts/bench/hybrid-probes.cjs), --lan-probes N (20; 0 none: LAN phones in one more LAN worker, not
 * niced, reported apart: scripts/bench/hybrid-lan-probes.cjs), --profile (host with --cpu-prof; its hottest
 * functions printed), --kill-instance b|laptop|other (which relay the kill takes: B, default; the one holding
 * the laptop's link; the other), --cut-senders N (how many remote phones send during the cut, spread over
 * them; default all; the probes always do), --no-doc (do not write docs/BENCHMARKS.md), --from-json FILE
 * (write the block of an earlier run's results). Results: $TMPDIR/open-floor-bench-hybrid.json.
 * This file runs them in order; the meeting is set up in scripts/bench/hybrid-meeting.cjs, the joins and each
 * scenario are scripts/bench/hybrid-{joins,storm,cut,kill,redis}.cjs, what they measure with hybrid-measure.cjs.
 */
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { ms } = require('./bench/stats.cjs');
const { summarizeProfile, profileLines } = require('./bench/profile.cjs');
const { ROOT } = require('./bench/relay-stack.cjs');
const { report, writeBlock } = require('./bench/hybrid-report.cjs');
const { log, loadavg, usage } = require('./bench/hybrid-measure.cjs');
const { startMeeting } = require('./bench/hybrid-meeting.cjs');
const { joinEveryone } = require('./bench/hybrid-joins.cjs');
const { voteStorm } = require('./bench/hybrid-storm.cjs');
const { uplinkCut } = require('./bench/hybrid-cut.cjs');
const { relayKill } = require('./bench/hybrid-kill.cjs');
const { redisRestart } = require('./bench/hybrid-redis.cjs');
const { startProbes } = require('./bench/hybrid-probes.cjs');
const { startLanProbes } = require('./bench/hybrid-lan-probes.cjs');

const { values: flags } = parseArgs({
  options: {
    remote: { type: 'string', default: process.env.BENCH_REMOTE ?? '10000' },
    lan: { type: 'string', default: process.env.BENCH_LAN ?? '500' },
    cut: { type: 'string', default: process.env.BENCH_CUT ?? '60' },
    'join-rate': { type: 'string', default: '100' },
    'board-readers': { type: 'string', default: 'all' },
    workers: { type: 'string', default: '3' },
    probes: { type: 'string', default: '50' },
    'lan-probes': { type: 'string', default: '20' },
    profile: { type: 'boolean', default: false },
    'profile-cut': { type: 'boolean', default: false },
    scenarios: { type: 'string', default: 'storm,cut,kill,redis' },
    'kill-instance': { type: 'string', default: 'b' },
    'cut-senders': { type: 'string' },
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
const PROBES = Math.max(0, Number(flags.probes));
const LAN_PROBES = Math.max(0, Number(flags['lan-probes']));
const STORM_MS = 10_000;
if (!['b', 'laptop', 'other'].includes(flags['kill-instance'])) throw new Error('--kill-instance is b, laptop or other');
const SCENARIOS = new Set(flags.scenarios.split(','));
const SECRET = `bench-hybrid-${randomBytes(12).toString('hex')}`;
const OUT = process.env.BENCH_OUT || join(os.tmpdir(), 'open-floor-bench-hybrid.json');
/** What the meeting and its scenarios (scripts/bench/hybrid-*.cjs) are run with. */
const cfg = { REMOTE, LAN, CUT_S, JOIN_RATE, BOARD_READERS, WORKERS, PROBES, LAN_PROBES, STORM_MS, SECRET, PROFILE: flags.profile, PROFILE_CUT: flags['profile-cut'], KILL_INSTANCE: flags['kill-instance'], CUT_SENDERS: flags['cut-senders'] === undefined ? undefined : Number(flags['cut-senders']) };

const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args).toString().trim();
  } catch {
    return '?';
  }
};

async function run() {
  const machine = { nproc: sh('nproc', []), cpu: (/model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || '?', memory: sh('free', ['-h']).split('\n')[1] ?? '?', node: process.version, commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']), date: sh('date', ['-u']), loadBefore: loadavg() };
  log(`${REMOTE} remote phones (${BOARD_READERS} read the board) + ${PROBES} probe phones over 2 relays + ${LAN} LAN phones + ${LAN_PROBES} LAN probe phones; load ${machine.loadBefore}`);
  const result = { config: { remote: REMOTE, lan: LAN, cutS: CUT_S, joinRate: JOIN_RATE, boardReaders: BOARD_READERS, workers: WORKERS, probes: PROBES, lanProbes: LAN_PROBES }, machine };
  const cleanup = [];
  // Ctrl-C or a kill: stop every process this run started (the relays, Redis, the host, the phones).
  const onSignal = () => {
    log('stopping on a signal');
    void Promise.all(cleanup.reverse().map((f) => Promise.resolve(f()).catch(() => {}))).then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    const m = await startMeeting(cfg, cleanup);
    m.probes = await startProbes(m, cleanup);
    m.lanProbes = await startLanProbes(m, cleanup);
    Object.assign(result, await joinEveryone(m));
    result.storm = await voteStorm(m);
    if (CUT_S > 0 && SCENARIOS.has('cut')) result.cut = await uplinkCut(m);
    if (SCENARIOS.has('kill')) result.kill = await relayKill(m);
    if (SCENARIOS.has('redis')) result.redis = await redisRestart(m, cleanup);
    result.end = { usage: usage(m.procs()), loadAfter: loadavg() };
    await Promise.all([m.allRemote('close', {}), m.probes?.close()]);
    await Promise.all([m.lanWorker.call('close', {}), m.lanProbes?.close()]);
  } finally {
    for (const f of cleanup.reverse()) await Promise.resolve(f()).catch(() => {});
  }
  if (flags.profile) {
    const dir = readdirSync(os.tmpdir()).filter((d) => d.startsWith('open-floor-bench-hybrid-prof-')).map((d) => join(os.tmpdir(), d)).sort().at(-1);
    for (const file of dir ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []) {
      const p = summarizeProfile(join(dir, file), 20);
      log(`profile ${join(dir, file)}: busy ${ms(p.busyMs)} of ${ms(p.totalMs)} ms\n${profileLines(p)}`);
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
