'use strict';
/**
 * The hybrid bench's vote storm (scripts/bench-hybrid.cjs): every phone, remote and LAN, votes for one
 * question within STORM_MS. When the projector's count is final after the last vote was sent (target 1 s),
 * the receipts, the remote boards, what was lost; CPU and memory of each process over the storm.
 */
const { now, sleep, summary, ms } = require('./stats.cjs');
const { log, loadavg, usage, usageDelta, fmtUsage, lat, fmtLat } = require('./hybrid-measure.cjs');
const { probeStorm } = require('./hybrid-probes.cjs');
const { lanProbeVotes } = require('./hybrid-lan-probes.cjs');

const lastSend = (parts) => Math.max(...parts.map((p) => p.lastSendT));

/** The storm on meeting `m`; its results. */
async function voteStorm(m) {
  const { REMOTE, LAN, STORM_MS } = m.cfg;
  const { screen, lanWorker, remoteWorkers, allRemote, procs, probes, lanProbes } = m;
  const q1 = await m.ask(0, 'ask-1');
  await sleep(2000);
  const before1 = screen.votesOn(q1);
  screen.watch(q1);
  await Promise.all([allRemote('watchBoard', { questionId: q1 }), probes?.watchBoard(q1)]);
  const u0 = usage(procs());
  const t0 = now();
  const startAt = now() + 500;
  const [lanStorm, lanProbeOut, probeSent, ...remoteStorm] = await Promise.all([
    lanWorker.call('vote', { tag: 'storm', startAt, rate: LAN / (STORM_MS / 1000), durationMs: STORM_MS, total: LAN, questions: [q1], drainMs: 60_000 }),
    lanProbes?.vote({ tag: 'storm', startAt, durationMs: STORM_MS, questions: [q1], drainMs: 60_000 }),
    probes?.storm({ tag: 'storm', startAt, spreadMs: STORM_MS, questionId: q1 }),
    ...remoteWorkers.map((w) => w.call('storm', { tag: 'storm', startAt, spreadMs: STORM_MS, total: REMOTE, questionId: q1 })),
  ]);
  const remoteLast = lastSend(remoteStorm);
  const lanLast = Math.max(0, ...lanStorm.list.map((r) => r.sendT));
  const lanProbeVoted = lanProbeOut ? lanProbeVotes('storm', lanProbes, lanProbeOut, lat(lanStorm.list)) : undefined;
  const sentLast = Math.max(remoteLast, lanLast, probeSent?.lastSendT ?? 0, lanProbeVoted?.lastSendT ?? 0);
  const [remoteAnswers, probeAnswers = { list: [], missing: 0 }] = await Promise.all([m.collectRemote('storm', 60_000), probes?.collect('storm', 60_000)]);
  // okVotes, refused and missing leave the probes (remote and LAN) out; the projector's count has theirs too.
  const okVotes = remoteAnswers.list.filter((r) => r.ok).length + lanStorm.list.filter((r) => r.ok).length;
  const expected = before1 + okVotes + probeAnswers.list.filter((r) => r.ok).length + (lanProbeVoted?.ok ?? 0);
  const onScreen = await screen.reached(expected, 60_000);
  const stormWall = now() - t0;
  const stormUse = usageDelta(u0, usage(procs()), stormWall);
  const [probeBoards, remoteBoards] = await Promise.all([probes?.boardSettled(expected, 30_000), allRemote('boardSettled', { questionId: q1, votes: expected, timeoutMs: 30_000 })]);
  const unanswered = remoteAnswers.missing + lanStorm.missing + probeAnswers.missing + (lanProbeVoted?.missing ?? 0);
  const boardTimes = unanswered > 0 ? [] : remoteBoards.flatMap((r) => r.settledAt).map((t) => t - sentLast);
  const st = {
    remoteSent: remoteStorm.reduce((s, r) => s + r.sent, 0),
    lanSent: lanStorm.list.length + lanStorm.missing,
    spreadMs: sentLast - startAt,
    okVotes,
    refused: remoteAnswers.list.filter((r) => !r.ok).length + lanStorm.list.filter((r) => !r.ok).length,
    missing: remoteAnswers.missing + lanStorm.missing,
    projectorCount: screen.votesOn(q1) - before1,
    // With votes unanswered the count never became final: no settle time to report.
    projectorSettledMs: unanswered > 0 ? NaN : onScreen - sentLast,
    remoteReceipts: lat(remoteAnswers.list),
    lanReceipts: lat(lanStorm.list),
    remoteBoards: { readers: remoteBoards.reduce((s, r) => s + r.readers, 0), missing: remoteBoards.reduce((s, r) => s + r.missing, 0), afterLastVote: summary(boardTimes) },
    usage: stormUse,
    lanProbes: lanProbeVoted,
    probes: probes ? probeStorm(probes, probeSent, probeAnswers, unanswered > 0 ? { ...probeBoards, settledAt: [] } : probeBoards, sentLast) : undefined,
  };
  log(`storm: ${st.remoteSent} remote + ${st.lanSent} LAN votes sent over ${(st.spreadMs / 1000).toFixed(1)} s; ${okVotes} accepted, ${st.refused} refused, ${st.missing} unanswered; projector count +${st.projectorCount}, final ${ms(st.projectorSettledMs)} ms after the last vote was sent (target ≤ 1000)`);
  log(`storm receipts: remote ${fmtLat(st.remoteReceipts)}; LAN ${fmtLat(st.lanReceipts)}; remote boards final p50 ${ms(st.remoteBoards.afterLastVote.p50)} p95 ${ms(st.remoteBoards.afterLastVote.p95)} max ${ms(st.remoteBoards.afterLastVote.max)} ms after the last vote (${st.remoteBoards.missing} of ${st.remoteBoards.readers} never)`);
  log(`storm use: ${fmtUsage(stormUse)}; load ${loadavg()}`);
  return st;
}

module.exports = { voteStorm };
