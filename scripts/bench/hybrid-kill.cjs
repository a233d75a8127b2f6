'use strict';
/**
 * The hybrid bench's relay kill (scripts/bench-hybrid.cjs): a relay instance is SIGKILLed 3 s into a
 * remote vote storm; the requests sent after the kill must be answered through the other instance (target
 * within 5 s). It is then started again on its port. Which instance (`--kill-instance`): `b` (relay B,
 * wherever the laptop's link is), `laptop` (the one holding the laptop's link: the laptop reconnects too,
 * and re-syncs every room) or `other` (the one without it).
 */
const { now, sleep, ms } = require('./stats.cjs');
const { log, lat, fmtLat, explainUnanswered } = require('./hybrid-measure.cjs');
const { probeKill } = require('./hybrid-probes.cjs');

/** The kill on meeting `m` (its relay B replaced by a new one on the same port); its results. */
async function relayKill(m) {
  const { REMOTE, STORM_MS } = m.cfg;
  const { relays, remoteWorkers, allRemote, probes } = m;
  const q3 = await m.ask(2, 'ask-3');
  await sleep(2000);
  const killAt = now() + 500 + 3000;
  const stormStart = now() + 500;
  const stormP = Promise.all([
    ...remoteWorkers.map((w) => w.call('storm', { tag: 'kill', startAt: stormStart, spreadMs: STORM_MS, total: REMOTE, questionId: q3 })),
    probes?.storm({ tag: 'kill', startAt: stormStart, spreadMs: STORM_MS, questionId: q3 }),
  ]);
  await sleep(Math.max(0, killAt - now()));
  const victim = killedInstance(m);
  const killedPort = relays[victim].port;
  const laptopOnKilled = m.balancer.upstreams().has(killedPort);
  await relays[victim].stop('SIGKILL');
  const tKill = now();
  log(`relay ${'AB'[victim]} (port ${killedPort}, ${laptopOnKilled ? 'holding' : 'not holding'} the laptop's link) SIGKILLed during a storm`);
  const linesAtKill = m.linkLines();
  await sleep(300);
  const tKillLink = await m.linkUp(60_000);
  log(`the laptop's link up ${ms(tKillLink - tKill)} ms after the kill (${m.linkLines() - linesAtKill} status lines)`);
  await stormP;
  const [killAnswers, probeAnswers] = await Promise.all([m.collectRemote('kill', 120_000), probes?.collect('kill', 120_000)]);
  // Requests not answered within 120 s are in their phones' documents: wait as long again to see whether
  // they arrive (delivered late) or not (lost).
  const lateAnswers = killAnswers.missing > 0 ? await m.collectRemote('kill', 120_000) : null;
  const late = lateAnswers && { answered: lateAnswers.list.length, never: lateAnswers.missing, lastAfterKillMs: Math.max(...lateAnswers.list.map((r) => r.recvT), tKill) - tKill };
  if (late) log(`kill: of the ${killAnswers.missing} not answered in time, ${late.answered} were answered later (the last ${ms(late.lastAfterKillMs)} ms after the kill), ${late.never} never`);
  const whyUnanswered = late?.never ? await explainUnanswered(m, 'kill') : undefined;
  const afterKill = killAnswers.list.filter((r) => r.sendT >= tKill);
  const [stats, probeStats] = await Promise.all([allRemote('stats', {}), probes?.stats(tKill)]);
  const k = {
    answered: killAnswers.list.length,
    unanswered: killAnswers.missing,
    sentAfterKill: afterKill.length,
    sinceKill: lat(afterKill.length ? killAnswers.list : [], (r) => Math.max(r.sendT, tKill)),
    lastAnsweredAfterKillMs: Math.max(...killAnswers.list.map((r) => r.recvT)) - tKill,
    phonesReconnected: stats.reduce((s, r) => s + r.reopened, 0),
    linkUpAfterKillMs: tKillLink - tKill,
    instance: 'AB'[victim],
    laptopOnKilled,
    phonesConnected: stats.reduce((s, r) => s + r.connected, 0),
    late: late ?? undefined,
    whyUnanswered,
    probes: probes ? probeKill(probes, probeAnswers, probeStats, tKill) : undefined,
  };
  log(`kill: ${k.answered} answered, ${k.unanswered} not; since the kill (or the send, if later): ${fmtLat(k.sinceKill)}; the last answered ${ms(k.lastAnsweredAfterKillMs)} ms after the kill; sockets reopened ${k.phonesReconnected}, connected now ${k.phonesConnected}`);
  relays[victim] = await m.startRelay({ port: killedPort });
  log(`relay ${'AB'[victim]} started again on port ${killedPort}`);
  return k;
}

/** The index in `m.relays` of the instance to kill (`m.cfg.KILL_INSTANCE`: b, laptop or other). */
function killedInstance(m) {
  const which = m.cfg.KILL_INSTANCE ?? 'b';
  if (which === 'b') return 1;
  const laptops = m.balancer.upstreams();
  const holding = m.relays.findIndex((r) => laptops.has(r.port));
  if (holding < 0) throw new Error("the laptop's link is on no relay instance");
  return which === 'laptop' ? holding : 1 - holding;
}

module.exports = { relayKill };
