'use strict';
/** The hybrid bench's results as a Markdown table (scripts/bench-hybrid.cjs), and its block in docs/BENCHMARKS.md. */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { ms, mib } = require('./stats.cjs');
const { ROOT } = require('./relay-stack.cjs');
const { probeRow, probeLabel } = require('./hybrid-probes.cjs');
const { lanProbeRow, lanProbeLabel } = require('./hybrid-lan-probes.cjs');

function report(r) {
  const m = r.machine;
  const s = r.storm;
  const u = (x) => (x ? `${(x.cpuShare * 100).toFixed(0)} % of a core, RSS ${mib(x.rss)}` : '—');
  const lines = [
    `Run: ${m.date} on ${m.nproc} cores (${m.cpu}), memory ${m.memory.replace(/\s+/g, ' ')}; load average before ${m.loadBefore}, after ${r.end?.loadAfter ?? '?'}; Node ${m.node}; commit ${m.commit}.`,
    `${r.config.remote} remote phones (${r.config.boardReaders} reading the board) over 2 relay instances on one Redis, ${r.config.lan} LAN phones.${r.config.probes ? ` Beside them ${probeLabel(r.config.probes)} reading the board, a phone with a CPU of its own: in no other row's numbers except the projector's count.` : ''}${r.config.lanProbes ? ` Beside the LAN phones (all in one niced worker process), ${lanProbeLabel(r.config.lanProbes)}: in no other row's numbers except the projector's count.` : ''}`,
    '',
    '| what | measured | target |',
    '|---|---|---|',
    `| remote joins (${r.config.joinRate}/s asked) | ${r.joins.remote} joined, ${r.joins.remoteErrors} errors in ${(r.joins.wallMs / 1000).toFixed(1)} s; join + first sync p50 ${ms(r.joins.total.p50)} / p95 ${ms(r.joins.total.p95)} ms; host CPU per join ${ms(r.joins.hostCpuPerJoinMs)} ms; host RSS +${(r.joins.hostRssPerRemotePhone / 1024).toFixed(0)} KiB per remote phone (its bridge and room) | |`,
    `| vote storm: ${s.remoteSent} remote + ${s.lanSent} LAN${s.probes || s.lanProbes ? ` (${[s.probes && `+ ${s.probes.sent} probe`, s.lanProbes && `+ ${s.lanProbes.sent} LAN probe`].filter(Boolean).join(', ')})` : ''} votes over ${(s.spreadMs / 1000).toFixed(1)} s | projector's count final **${ms(s.projectorSettledMs)} ms** after the last vote was sent; +${s.projectorCount} on it; ${s.missing} unanswered, ${s.refused} refused | ≤ 1000 ms, 0 lost |`,
    `| storm receipts | remote p50 ${ms(s.remoteReceipts.p50)} / p95 ${ms(s.remoteReceipts.p95)} / p99 ${ms(s.remoteReceipts.p99)} / max ${ms(s.remoteReceipts.max)} ms; LAN p50 ${ms(s.lanReceipts.p50)} / p95 ${ms(s.lanReceipts.p95)} / max ${ms(s.lanReceipts.max)} ms | |`,
    // Beside the LAN receipts (the row above) first: the question is whether the one LAN process is the slow part.
    ...(s.lanProbes ? [lanProbeRow('storm', s.lanProbes)] : []),
    ...(s.probes ? [probeRow('storm', s.probes)] : []),
    `| remote boards final after the last vote | p50 ${ms(s.remoteBoards.afterLastVote.p50)} / p95 ${ms(s.remoteBoards.afterLastVote.p95)} / max ${ms(s.remoteBoards.afterLastVote.max)} ms (${s.remoteBoards.missing} of ${s.remoteBoards.readers} never) | |`,
    `| during the storm | host ${u(s.usage.host)}; relay A ${u(s.usage['relay A'])}; relay B ${u(s.usage['relay B'])}; Redis ${u(s.usage.redis)} | |`,
    `| idle, all connected | host ${u(r.idle.host)}; relay A ${u(r.idle['relay A'])}; relay B ${u(r.idle['relay B'])} | |`,
  ];
  if (r.cut) {
    const c = r.cut;
    lines.push(
      `| uplink cut ${c.seconds.toFixed(0)} s during votes and questions | ${c.sent} remote requests: all answered **${ms(c.allAnsweredAfterReturnMs)} ms** after the uplink's return (the laptop's link up after ${ms(c.linkUpAfterReturnMs)} ms; p50 ${ms(c.afterReturn.p50)}, p95 ${ms(c.afterReturn.p95)}); ${c.unanswered} unanswered; in the log ${c.inLog}: lost ${c.lost}, doubled ${c.doubled}${c.loggedAfterReturn ? ` (logged by the host p50 ${ms(c.loggedAfterReturn.p50)} / max ${ms(c.loggedAfterReturn.max)} ms after the return)` : ''}; LAN receipts during the cut p95 ${ms(c.lanDuringCut.p95)} ms | ≤ 5000 ms, 0 lost, 0 doubled |`,
      ...(c.probes ? [probeRow('cut', c.probes)] : []),
      ...(c.lanProbes ? [lanProbeRow('cut', c.lanProbes)] : []),
    );
  }
  if (r.kill) {
    const k = r.kill;
    lines.push(`| relay ${k.instance ?? 'B'} SIGKILLed during a storm${k.laptopOnKilled === undefined ? '' : k.laptopOnKilled ? " (it held the laptop's link)" : " (not the laptop's)"} | ${k.answered} answered, ${k.unanswered} not${k.late ? ` within 120 s (then ${k.late.answered} more, the last ${ms(k.late.lastAfterKillMs)} ms after the kill; ${k.late.never} never)` : ''}; answered after the kill (or its send) p50 ${ms(k.sinceKill.p50)} / p95 ${ms(k.sinceKill.p95)} / max **${ms(k.sinceKill.max)} ms**; the laptop's link up ${ms(k.linkUpAfterKillMs)} ms after the kill; ${k.phonesReconnected} phone sockets reopened in the run | ≤ 5000 ms |`);
    if (k.probes) lines.push(probeRow('kill', k.probes));
  }
  if (r.redis) {
    const x = r.redis;
    lines.push(`| Redis restarted, ${x.phones} fresh phones on both instances | ${x.answered} answered, ${x.unanswered} not; p95 ${ms(x.receipts.p95)} ms; the last ${ms(x.lastAfterRedisUpMs)} ms after Redis was up; nothing done to the laptop | recovers alone |`);
  }
  return lines.join('\n');
}

function writeBlock(text) {
  const file = join(ROOT, 'docs', 'BENCHMARKS.md');
  const [begin, end] = ['<!-- bench:hybrid -->', '<!-- /bench:hybrid -->'];
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return 'docs/BENCHMARKS.md has no hybrid block; not updated';
  writeFileSync(file, `${doc.slice(0, a)}${begin}\n${text}\n${doc.slice(b)}`);
  return 'docs/BENCHMARKS.md: hybrid block updated';
}

module.exports = { report, writeBlock };
