'use strict';
/**
 * The hybrid bench's probe phones (scripts/bench-hybrid.cjs): PROBES remote phones beyond the others (idx and
 * address from REMOTE on, so no join limit is shared), all reading the board, in ONE worker process at normal
 * priority behind a balancer process of its own. The other remote phones share this machine's cores niced,
 * and their own Yjs work (each board update applied by thousands of docs) is most of the cut's recovery; a
 * probe stands for a phone with a CPU of its own. They vote, ask and reconnect in the storm, the cut and the
 * kill as the others do; their numbers are kept apart from the others'.
 */
const { join } = require('node:path');
const { startWorkerProcess } = require('./worker-rpc.cjs');
const { startTcpProxyProcess } = require('./relay-stack.cjs');
const { now, summary, ms } = require('./stats.cjs');
const { log, lat, fmtLat } = require('./hybrid-measure.cjs');
const { remoteAddress } = require('./hybrid-meeting.cjs');

/** What the report calls them. */
const probeLabel = (n) => `probe phones (${n}, own process, not niced)`;
/** Seconds from 1 s on, else ms: the probes' times range from tens of ms to the cut's seconds. */
const dur = (v) => (Number.isFinite(v) && v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${ms(v)} ms`);

/** Starts meeting `m`'s probes (null when PROBES is 0); their stops go on `cleanup`. */
async function startProbes(m, cleanup) {
  const { REMOTE, PROBES } = m.cfg;
  if (!(PROBES > 0)) return null;
  const balancer = await startTcpProxyProcess(m.relays.map((r) => r.port));
  cleanup.push(() => balancer.close());
  // No `nice`: the point is a phone whose CPU is not shared with thousands of others.
  const worker = startWorkerProcess(join(__dirname, 'remote-worker.cjs'), { id: 'probes', env: { ...process.env, BENCH_WORKER_ID: 'probes' } });
  cleanup.push(() => worker.stop());
  const origin = `127.0.0.1:${balancer.port}`;
  const phones = Array.from({ length: PROBES }, (_, i) => ({ idx: REMOTE + i, addr: remoteAddress(REMOTE + i), readsBoard: true, watchesLaptop: true }));
  await worker.call('init', { httpOrigin: `http://${origin}`, wsUrl: `ws://${origin}`, code: m.code, phones });
  // `base`: the worker times each phone by idx - base, so the probes' sends spread over the others' window.
  const base = REMOTE;
  return {
    n: PROBES,
    pid: worker.child.pid,
    join: (ratePerSec) => worker.call('join', { startAt: now() + 200, ratePerSec, base }),
    storm: (args) => worker.call('storm', { ...args, total: PROBES, base }),
    collect: (tag, timeoutMs) => worker.call('collect', { tag, timeoutMs }),
    watchBoard: (questionId) => worker.call('watchBoard', { questionId }),
    boardSettled: (votes, timeoutMs) => worker.call('boardSettled', { votes, timeoutMs }),
    stats: (since) => worker.call('stats', { since }),
    close: () => worker.call('close', {}),
  };
}

/** The probes' joins (remote, or the LAN's with their `label`), logged; for the results. */
function probeJoins(p, joined, label = probeLabel) {
  const j = { phones: p.n, joined: joined.results.length, errors: joined.errors.length, total: summary(joined.results.map((r) => r.totalMs)) };
  log(`${label(p.n)} joined: ${j.joined}, ${j.errors} errors ${joined.errors.slice(0, 2).join(' | ')}; join+sync p50 ${ms(j.total.p50)} max ${ms(j.total.max)} ms`);
  return j;
}

/** The probes' storm: receipts, and their boards final after the last vote (of anyone) was sent. */
function probeStorm(p, sent, answers, boards, sentLast) {
  const s = {
    phones: p.n,
    sent: sent.sent,
    ok: answers.list.filter((r) => r.ok).length,
    refused: answers.list.filter((r) => !r.ok).length,
    missing: answers.missing,
    receipts: lat(answers.list),
    boards: { readers: boards.readers, missing: boards.missing, afterLastVote: summary(boards.settledAt.map((t) => t - sentLast)) },
  };
  log(`storm, ${probeLabel(p.n)}: ${s.ok} accepted, ${s.missing} unanswered; receipts ${fmtLat(s.receipts)}; boards final p50 ${ms(s.boards.afterLastVote.p50)} max ${ms(s.boards.afterLastVote.max)} ms after the last vote (${s.boards.missing} never)`);
  return s;
}

/** The probes' cut: when all their requests were answered after the uplink's return; their log check. */
function probeCut(p, sent, answers, tBack, logged, stats, tBackWall) {
  const back = stats.laptopBackSince;
  const c = {
    loggedAfterReturn: summary(logged.at.map((at) => at - tBackWall)),
    phones: p.n,
    meetingBackAfterReturn: summary(back.filter((t) => t !== null).map((t) => t - tBack)),
    meetingNotBack: back.filter((t) => t === null).length,
    sent: sent.sent,
    answered: answers.list.length,
    unanswered: answers.missing,
    allAnsweredAfterReturnMs: answers.list.length ? Math.max(...answers.list.map((r) => r.recvT)) - tBack : NaN,
    afterReturn: lat(answers.list, () => tBack),
    inLog: logged.distinct,
    lost: sent.sent - logged.distinct,
    doubled: logged.doubled,
  };
  log(`cut, ${probeLabel(p.n)}: the meeting room back (the laptop's presence on the board) p50 ${ms(c.meetingBackAfterReturn.p50)} max ${ms(c.meetingBackAfterReturn.max)} ms after the return, ${c.meetingNotBack} not; ${c.sent} requests, ${c.unanswered} unanswered; all answered ${ms(c.allAnsweredAfterReturnMs)} ms after the return, p50 ${ms(c.afterReturn.p50)} (logged by the host p50 ${ms(c.loggedAfterReturn.p50)} max ${ms(c.loggedAfterReturn.max)} ms after it); lost ${c.lost}, doubled ${c.doubled}`);
  return c;
}

/** The probes' kill: when the ones on the killed instance were back (socket open on the other), and answered. */
function probeKill(p, answers, stats, tKill) {
  const back = stats.openedSince.map((t) => t - tKill);
  const k = {
    phones: p.n,
    answered: answers.list.length,
    unanswered: answers.missing,
    reopened: back.length,
    backAfterKill: summary(back),
    sinceKill: lat(answers.list, (r) => Math.max(r.sendT, tKill)),
  };
  log(`kill, ${probeLabel(p.n)}: ${k.reopened} back on the other instance, the last ${ms(k.backAfterKill.max)} ms after the kill; answered since the kill (or the send) ${fmtLat(k.sinceKill)}; ${k.unanswered} unanswered`);
  return k;
}

/** The report's row for a scenario's probes (one short line each). */
function probeRow(kind, x) {
  const head = `| ${probeLabel(x.phones)}`;
  if (kind === 'storm') return `${head} | receipts p50 ${ms(x.receipts.p50)} / p95 ${ms(x.receipts.p95)} / max ${ms(x.receipts.max)} ms; boards final p50 ${ms(x.boards.afterLastVote.p50)} / max ${ms(x.boards.afterLastVote.max)} ms after the last vote; ${x.missing} unanswered | |`;
  if (kind === 'cut') return `${head} | ${x.meetingBackAfterReturn ? `the meeting room back on the phone (the laptop's presence) **${dur(x.meetingBackAfterReturn.max)}** after the return (p50 ${dur(x.meetingBackAfterReturn.p50)}${x.meetingNotBack ? `; ${x.meetingNotBack} never` : ''}); ` : ''}all answered **${dur(x.allAnsweredAfterReturnMs)}** after the return (p50 ${dur(x.afterReturn.p50)}); ${x.unanswered} unanswered, lost ${x.lost}, doubled ${x.doubled} | ≤ 5000 ms |`;
  return `${head} | ${x.reopened} back on the other instance by **${dur(x.backAfterKill.max)}**, answered after the kill (or its send) max **${dur(x.sinceKill.max)}** (p50 ${dur(x.sinceKill.p50)}); ${x.unanswered} unanswered | ≤ 5000 ms |`;
}

module.exports = { startProbes, probeJoins, probeStorm, probeCut, probeKill, probeRow, probeLabel };
