'use strict';
/**
 * The hybrid bench's joins (scripts/bench-hybrid.cjs): the LAN phones at 50 a second, then the remote ones
 * at JOIN_RATE through the balancer, timed, with each process's CPU and memory; then 5 s idle with
 * everyone connected.
 */
const { now, sleep, summary, ms } = require('./stats.cjs');
const { log, usage, usageDelta, fmtUsage } = require('./hybrid-measure.cjs');
const { probeJoins } = require('./hybrid-probes.cjs');
const { lanProbeLabel } = require('./hybrid-lan-probes.cjs');

/** Joins every phone of meeting `m`; `{ joins, idle }` for the results. */
async function joinEveryone(m) {
  const { REMOTE, LAN, JOIN_RATE } = m.cfg;
  const { host, lanWorker, allRemote, procs } = m;
  // Joins: LAN at 50 a second, then remote at JOIN_RATE.
  let u0 = usage(procs());
  let t0 = now();
  const lanJoined = await lanWorker.call('join', { startAt: now() + 200, ratePerSec: 50 });
  log(`LAN joins: ${lanJoined.results.length}/${LAN} in ${((now() - t0) / 1000).toFixed(1)} s, ${lanJoined.errors.length} errors ${lanJoined.errors.slice(0, 2).join(' | ')}`);
  // The LAN probes join after the other LAN phones, as they do, before the remote joins are timed.
  const lanProbesJoined = m.lanProbes ? probeJoins(m.lanProbes, await m.lanProbes.join(), lanProbeLabel) : undefined;
  u0 = usage(procs());
  t0 = now();
  const remoteJoined = await allRemote('join', { startAt: now() + 200, ratePerSec: JOIN_RATE });
  const joinWall = now() - t0;
  const joins = remoteJoined.flatMap((r) => r.results);
  const joinErrors = remoteJoined.flatMap((r) => r.errors);
  const joinUse = usageDelta(u0, usage(procs()), joinWall);
  const rssBeforeRemote = u0.host.rss;
  const result = {};
  result.joins = {
    hostRssPerRemotePhone: (joinUse.host.rss - rssBeforeRemote) / Math.max(1, joins.length), lan: lanJoined.results.length, lanErrors: lanJoined.errors.length, remote: joins.length, remoteErrors: joinErrors.length, errorSample: joinErrors.slice(0, 3), wallMs: joinWall, http: summary(joins.map((r) => r.joinMs)), total: summary(joins.map((r) => r.totalMs)), usage: joinUse, hostCpuPerJoinMs: (joinUse.host.cpuShare * joinWall) / Math.max(1, joins.length) };
  log(`remote joins: ${joins.length}/${REMOTE} in ${(joinWall / 1000).toFixed(1)} s, ${joinErrors.length} errors ${joinErrors.slice(0, 2).join(' | ')}; join+sync p50 ${ms(result.joins.total.p50)} p95 ${ms(result.joins.total.p95)} ms; host CPU per join ${ms(result.joins.hostCpuPerJoinMs)} ms, host RSS per remote phone ${(result.joins.hostRssPerRemotePhone / 1024).toFixed(0)} KiB; ${fmtUsage(joinUse)}`);
  const linkDrops = (host.stderr.match(/relay link: disconnected/g) || []).length;
  if (linkDrops > 0) log(`the laptop's relay link went down during the joins (${linkDrops} status lines): ${host.stderr.split('\n').filter((l) => l.includes('relay link')).slice(-4).join(' | ')}`);
  result.joins.linkStatusLines = linkDrops;
  if (lanProbesJoined) result.joins.lanProbes = lanProbesJoined;
  // The probes join after the others, outside their numbers.
  if (m.probes) result.joins.probes = probeJoins(m.probes, await m.probes.join(JOIN_RATE));
  await sleep(3000);
  const idle0 = usage(procs());
  await sleep(5000);
  result.idle = usageDelta(idle0, usage(procs()), 5000);
  log(`idle, everyone connected: ${fmtUsage(result.idle)}`);
  return result;
}

module.exports = { joinEveryone };
