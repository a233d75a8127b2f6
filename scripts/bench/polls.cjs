'use strict';
/**
 * The poll storm (issue 8), part of `npm run bench`: BENCH_POLL_PHONES (default 1000) simulated phones
 * join a fresh host, a single-choice poll with 4 options is opened and shown on the projector, and every
 * phone sends one ballot, spread evenly over BENCH_POLL_SPREAD_MS (default 2000 ms). Measured:
 *   - ballot → receipt latency, ballots accepted / refused / without receipt (lost);
 *   - the projector's board (a real replica over the loopback /sync/board, with the token, as the
 *     projector page connects) showing the final count: when, after the last ballot was sent;
 *   - how many board changes the projector received during the storm (batched: one per turn);
 *   - host CPU (utime+stime from /proc) per 1000 ballots, also net of the idle CPU with the phones connected.
 * All traffic goes to 127.0.0.1; every loop is bounded.
 */
const WebSocket = require('ws');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { BenchHost } = require('./host.cjs');
const { now, sleep, summary, ms, mib } = require('./stats.cjs');

const OPTIONS = ['North meadow', 'River walk', 'Hill garden', 'Keep it as it is'];

/** The projector: a read-only replica of the board doc; records every change of the poll's ballots. */
function projector(host, pollId) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${host.loopbackOrigin.replace(/^http/, 'ws')}/sync`, 'board', doc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    params: { t: host.token },
  });
  const seen = [];
  doc.on('afterTransaction', () => {
    const polls = doc.getMap('board').get('polls');
    const poll = polls instanceof Y.Map ? polls.get(pollId) : undefined;
    const results = poll && poll.results;
    if (!results) return;
    const last = seen[seen.length - 1];
    if (last && last.ballots === results.ballots && last.counts.join() === results.counts.join()) return;
    if (seen.length < 100_000) seen.push({ t: now(), ballots: results.ballots, counts: [...results.counts] });
  });
  const synced = new Promise((resolve) => provider.once('sync', resolve));
  return { seen, synced, destroy: () => provider.destroy() };
}

/**
 * Runs the storm; `tools` are the orchestrator's helpers (startWorker, all, phoneAddress, waitQuiet, log).
 * Returns the round's numbers, or throws.
 */
async function runPollRound(n, config, tools) {
  const { startWorker, all, phoneAddress, waitQuiet, log } = tools;
  log(`poll storm: ${n} phones, one ballot each within ${config.spreadMs} ms`);
  const host = await new BenchHost().start();
  const workers = [];
  let screen = null;
  const round = { phones: n, spreadMs: config.spreadMs };
  try {
    await host.control('createSession', { title: `Poll bench ${n}` });
    const { joinUrl } = await host.control('openSession', {});
    const code = joinUrl.split('/').pop();
    const { pollId } = await host.control('createPoll', { kind: 'single', question: 'Which park design do you prefer?', options: OPTIONS });
    await host.control('openPoll', { pollId });
    await host.control('showPoll', { pollId });
    screen = projector(host, pollId);
    await screen.synced;

    for (let w = 0; w < config.workers; w++) workers.push(startWorker(w));
    const phonesOf = (w) => {
      const list = [];
      for (let i = w.id; i < n; i += config.workers) list.push({ idx: i, addr: phoneAddress(i), watcher: false });
      return list;
    };
    await all(workers, 'init', (w) => ({ lanOrigin: host.lanOrigin, code, phones: phonesOf(w) }));
    const joined = await all(workers, 'join', { startAt: now() + 300, ratePerSec: config.joinRate });
    const joinErrors = joined.flatMap((r) => r.errors);
    round.joined = joined.reduce((s, r) => s + r.results.length, 0);
    round.joinErrors = joinErrors.length;
    log(`poll storm: ${round.joined}/${n} joined, ${joinErrors.length} errors`);
    await waitQuiet(host);
    const idle0 = host.sample().cpuMs;
    await sleep(3000);
    const idleShare = (host.sample().cpuMs - idle0) / 3000;
    round.memory = { connected: host.sample().rss };

    const seenBefore = screen.seen.length;
    const cpu0 = host.sample().cpuMs;
    const t0 = now();
    const results = await all(workers, 'ballot', {
      tag: 'ballot',
      startAt: now() + 300,
      spreadMs: config.spreadMs,
      total: n,
      pollId,
      options: OPTIONS.length,
      drainMs: 60_000,
    });
    const records = results.flatMap((r) => r.list);
    const missing = results.reduce((s, r) => s + r.missing, 0);
    const accepted = records.filter((r) => r.ok).length;
    // The projector may still be receiving the last change: give it a bounded moment.
    for (let i = 0; i < 50 && !(screen.seen.at(-1) && screen.seen.at(-1).ballots >= accepted); i++) await sleep(100);
    const cpuMs = host.sample().cpuMs - cpu0;
    const wallMs = now() - t0;
    const firstSend = Math.min(...records.map((r) => r.sendT));
    const lastSend = Math.max(...records.map((r) => r.sendT));
    const final = screen.seen.find((s) => s.ballots >= accepted);
    const storm = screen.seen.slice(seenBefore);
    const expected = OPTIONS.map((_, k) => records.filter((r) => r.ok && r.idx % OPTIONS.length === k).length);
    const last = screen.seen.at(-1);
    round.ballots = {
      sent: records.length + missing,
      accepted,
      refused: records.filter((r) => !r.ok).length,
      refusedReasons: [...new Set(records.filter((r) => !r.ok).map((r) => r.reason))].slice(0, 3),
      withoutReceipt: missing,
      sendWindowMs: lastSend - firstSend,
      latency: summary(records.map((r) => r.recvT - r.sendT)),
    };
    round.projector = {
      finalBallots: last ? last.ballots : 0,
      countsMatch: Boolean(last) && last.counts.join() === expected.join(),
      finalAfterLastBallotMs: final ? final.t - lastSend : NaN,
      changesSeen: storm.length,
      changesPerSecond: storm.length / Math.max(0.001, ((storm.at(-1)?.t ?? t0) - (storm[0]?.t ?? t0)) / 1000),
    };
    round.lost = n - (last ? last.ballots : 0);
    round.cpu = {
      idleConnectedShare: idleShare,
      stormMs: cpuMs,
      per1000: (cpuMs / Math.max(1, accepted)) * 1000,
      netPer1000: (Math.max(0, cpuMs - idleShare * wallMs) / Math.max(1, accepted)) * 1000,
    };
    round.memory.after = host.sample().rss;
    const b = round.ballots;
    const p = round.projector;
    log(
      `poll storm: ${b.accepted}/${b.sent} ballots accepted (${b.refused} refused, ${b.withoutReceipt} without receipt) sent within ${ms(b.sendWindowMs)} ms; ` +
        `ballot → receipt p50 ${ms(b.latency.p50)} p95 ${ms(b.latency.p95)} max ${ms(b.latency.max)} ms; ` +
        `projector shows ${p.finalBallots} (counts ${p.countsMatch ? 'match' : 'DO NOT match'}) ${ms(p.finalAfterLastBallotMs)} ms after the last ballot, ${p.changesSeen} board changes; ` +
        `host CPU ${ms(round.cpu.per1000)} ms per 1000 ballots (${ms(round.cpu.netPer1000)} net of idle); RSS ${mib(round.memory.after)}`,
    );
  } finally {
    if (screen) screen.destroy();
    await Promise.allSettled(workers.map((w) => w.call('close')));
    workers.forEach((w) => w.stop());
    await host.stop();
  }
  return round;
}

function pollMarkdown(rounds, machineLine) {
  const rows = [];
  const r = (label, ...cells) => rows.push(`| ${label} | ${cells.join(' | ')} |`);
  rows.push(`| metric | ${rounds.map((x) => `${x.phones} phones`).join(' | ')} |`);
  rows.push(`|---|${rounds.map(() => '---').join('|')}|`);
  r('ballots actually sent within, ms (scheduled evenly over the spread; target ≤ 2000)', ...rounds.map((x) => `${ms(x.ballots.sendWindowMs)} (spread ${x.spreadMs})`));
  r('ballots accepted / refused / without receipt', ...rounds.map((x) => `${x.ballots.accepted} / ${x.ballots.refused} / ${x.ballots.withoutReceipt}`));
  r('ballots lost (phones − final count on the projector)', ...rounds.map((x) => x.lost));
  r('projector counts match the ballots', ...rounds.map((x) => (x.projector.countsMatch ? 'yes' : 'no')));
  r('projector shows the final count, ms after the last ballot (target ≤ 1000)', ...rounds.map((x) => ms(x.projector.finalAfterLastBallotMs)));
  r('board changes the projector received during the storm', ...rounds.map((x) => `${x.projector.changesSeen} (${x.projector.changesPerSecond.toFixed(0)}/s)`));
  r('ballot → receipt, ms (p50 / p95 / p99 / max)', ...rounds.map((x) => `${ms(x.ballots.latency.p50)} / ${ms(x.ballots.latency.p95)} / ${ms(x.ballots.latency.p99)} / ${ms(x.ballots.latency.max)}`));
  r('host CPU ms per 1000 ballots (net of idle)', ...rounds.map((x) => `${ms(x.cpu.per1000)} (${ms(x.cpu.netPer1000)})`));
  r('host RSS, phones connected / after', ...rounds.map((x) => `${mib(x.memory.connected)} / ${mib(x.memory.after)}`));
  return [machineLine, '', ...rows].join('\n');
}

module.exports = { runPollRound, pollMarkdown };
