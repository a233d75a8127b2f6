'use strict';
/**
 * The hybrid bench's uplink cut (scripts/bench-hybrid.cjs): the venue's uplink is cut for CUT_S seconds
 * while remote phones vote and ask (LAN phones too); restored, every remote request must be answered
 * (target within 5 s of the link's return) and be in the host's log (its SQLite file, read-only) once.
 * With PROFILE_CUT, the host and both relays are profiled from the return until everything was answered.
 */
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { now, sleep, ms, summary } = require('./stats.cjs');
const { summarizeProfile, profileWindow, profileLines } = require('./profile.cjs');
const { log, loggedOnce, lat } = require('./hybrid-measure.cjs');
const { probeCut } = require('./hybrid-probes.cjs');
const { lanProbeVotes } = require('./hybrid-lan-probes.cjs');

/** The cut on meeting `m`; its results. */
async function uplinkCut(m) {
  const { REMOTE, LAN, CUT_S } = m.cfg;
  // --cut-senders: only every `every`-th remote phone sends during the cut (the probes all do).
  const every = Math.max(1, Math.round(REMOTE / Math.min(REMOTE, m.cfg.CUT_SENDERS ?? REMOTE)));
  const { host, relays, uplink, lanWorker, remoteWorkers, probes, lanProbes } = m;
  const q2 = await m.ask(1, 'ask-2');
  await sleep(2000);
  uplink.cut();
  const tCut = now();
  log(`uplink cut for ${CUT_S} s; ${every > 1 ? `one remote phone in ${every}` : 'every remote phone'} votes or asks (one in 10 of them asks) over ${Math.max(CUT_S - 10, CUT_S / 2)} s`);
  const cutStart = now() + 2000;
  const spreadMs = Math.max(CUT_S - 10, CUT_S / 2) * 1000;
  const [lanCut, lanProbeCut, probeSent, ...remoteCut] = await Promise.all([
    lanWorker.call('vote', { tag: 'cut-lan', startAt: cutStart, rate: LAN / (spreadMs / 1000), durationMs: spreadMs, total: LAN, questions: [q2], drainMs: 60_000 }),
    lanProbes?.vote({ tag: 'cut-lan', startAt: cutStart, durationMs: spreadMs, questions: [q2], drainMs: 60_000 }),
    probes?.storm({ tag: 'cut', startAt: cutStart, spreadMs, questionId: q2, askEvery: 10 }),
    ...remoteWorkers.map((w) => w.call('storm', { tag: 'cut', startAt: cutStart, spreadMs, total: REMOTE, questionId: q2, askEvery: 10 * every, mod: every, rem: 0 })),
  ]);
  await sleep(Math.max(0, tCut + CUT_S * 1000 - now()));
  const linesBefore = m.linkLines();
  const windowDir = m.cfg.PROFILE_CUT ? mkdtempSync(join(os.tmpdir(), 'open-floor-bench-hybrid-cut-')) : null;
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
  const tLinkUp = await m.linkUp(60_000);
  log(`the laptop's link is up ${ms(tLinkUp - tBack)} ms after the return (console's Venue status)`);
  log(`uplink restored after ${((tBack - tCut) / 1000).toFixed(1)} s; LAN during the cut: ${lanCut.list.length} answered, p95 ${ms(lat(lanCut.list).p95)} ms`);
  const [cutAnswers, probeAnswers] = await Promise.all([m.collectRemote('cut', 120_000), probes?.collect('cut', 120_000)]);
  const answeredDuringCut = cutAnswers.list.filter((r) => r.recvT < tBack).length;
  for (const w of windows) {
    const file = await w.stop();
    const p = summarizeProfile(file, 15);
    log(`profile from the return until every request was answered, ${file}: busy ${ms(p.busyMs)} of ${ms(p.totalMs)} ms\n${profileLines(p)}`);
  }
  await sleep(3000);
  // The probes' worker tags its ids `hyb-cut-rprobes-`: checked apart, so the others' numbers stay theirs.
  const logged = loggedOnce(host.dataDir, 'hyb-cut-', 'hyb-cut-rprobes-');
  const sent = remoteCut.reduce((s, r) => s + r.sent, 0);
  const c = {
    seconds: (tBack - tCut) / 1000,
    sent,
    answered: cutAnswers.list.length,
    unanswered: cutAnswers.missing,
    answeredDuringCut,
    allAnsweredAfterReturnMs: Math.max(...cutAnswers.list.map((r) => r.recvT)) - tBack,
    linkUpAfterReturnMs: tLinkUp - tBack,
    linkStatusLinesAfterReturn: m.linkLines() - linesBefore,
    afterReturn: lat(cutAnswers.list, () => tBack),
    inLog: logged.distinct,
    lost: sent - logged.distinct,
    doubled: logged.doubled,
    loggedAfterReturn: summary(logged.at.map((at) => at - tBackWall)),
    lanDuringCut: lat(lanCut.list),
    lanProbes: lanProbeCut ? lanProbeVotes('cut (LAN receipts during the cut)', lanProbes, lanProbeCut, lat(lanCut.list)) : undefined,
    probes: probes ? probeCut(probes, probeSent, probeAnswers, tBack, loggedOnce(host.dataDir, 'hyb-cut-rprobes-'), await probes.stats(tBack), tBackWall) : undefined,
  };
  log(`cut: ${c.sent} remote requests during the cut; ${c.answered} answered (${c.answeredDuringCut} before the return), ${c.unanswered} not; all answered ${ms(c.allAnsweredAfterReturnMs)} ms after the return (target ≤ 5000), p50 ${ms(c.afterReturn.p50)} p95 ${ms(c.afterReturn.p95)}; in the log ${c.inLog}, lost ${c.lost}, doubled ${c.doubled}; logged by the host p50 ${ms(c.loggedAfterReturn.p50)} max ${ms(c.loggedAfterReturn.max)} ms after the return`);
  return c;
}

module.exports = { uplinkCut };
