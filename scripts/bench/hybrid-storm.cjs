'use strict';
/**
 * The hybrid bench's vote storm (scripts/bench-hybrid.cjs): every phone, remote and LAN, votes for one
 * question within STORM_MS. When the projector's count is final after the last vote was sent (target 1 s),
 * the receipts, the remote boards, what was lost; CPU and memory of each process over the storm.
 */
const { now, sleep, summary, ms } = require('./stats.cjs');
const { log, loadavg, usage, usageDelta, fmtUsage, lat, fmtLat } = require('./hybrid-measure.cjs');

const lastSend = (parts) => Math.max(...parts.map((p) => p.lastSendT));

/** The storm on meeting `m`; its results. */
async function voteStorm(m) {
  const { REMOTE, LAN, STORM_MS } = m.cfg;
  const { screen, lanWorker, remoteWorkers, allRemote, procs } = m;
  const q1 = await m.ask(0, 'ask-1');
  await sleep(2000);
  const before1 = screen.votesOn(q1);
  screen.watch(q1);
  await allRemote('watchBoard', { questionId: q1 });
  const u0 = usage(procs());
  const t0 = now();
  const startAt = now() + 500;
  const [lanStorm, ...remoteStorm] = await Promise.all([
    lanWorker.call('vote', { tag: 'storm', startAt, rate: LAN / (STORM_MS / 1000), durationMs: STORM_MS, total: LAN, questions: [q1], drainMs: 60_000 }),
    ...remoteWorkers.map((w) => w.call('storm', { tag: 'storm', startAt, spreadMs: STORM_MS, total: REMOTE, questionId: q1 })),
  ]);
  const remoteLast = lastSend(remoteStorm);
  const lanLast = Math.max(0, ...lanStorm.list.map((r) => r.sendT));
  const sentLast = Math.max(remoteLast, lanLast);
  const remoteAnswers = await m.collectRemote('storm', 60_000);
  const okVotes = remoteAnswers.list.filter((r) => r.ok).length + lanStorm.list.filter((r) => r.ok).length;
  const expected = before1 + okVotes;
  const onScreen = await screen.reached(expected, 60_000);
  const stormWall = now() - t0;
  const stormUse = usageDelta(u0, usage(procs()), stormWall);
  const remoteBoards = await allRemote('boardSettled', { questionId: q1, votes: expected, timeoutMs: 30_000 });
  const boardTimes = remoteAnswers.missing + lanStorm.missing > 0 ? [] : remoteBoards.flatMap((r) => r.settledAt).map((t) => t - sentLast);
  const st = {
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
  log(`storm: ${st.remoteSent} remote + ${st.lanSent} LAN votes sent over ${(st.spreadMs / 1000).toFixed(1)} s; ${okVotes} accepted, ${st.refused} refused, ${st.missing} unanswered; projector count +${st.projectorCount}, final ${ms(st.projectorSettledMs)} ms after the last vote was sent (target ≤ 1000)`);
  log(`storm receipts: remote ${fmtLat(st.remoteReceipts)}; LAN ${fmtLat(st.lanReceipts)}; remote boards final p50 ${ms(st.remoteBoards.afterLastVote.p50)} p95 ${ms(st.remoteBoards.afterLastVote.p95)} max ${ms(st.remoteBoards.afterLastVote.max)} ms after the last vote (${st.remoteBoards.missing} of ${st.remoteBoards.readers} never)`);
  log(`storm use: ${fmtUsage(stormUse)}; load ${loadavg()}`);
  return st;
}

module.exports = { voteStorm };
