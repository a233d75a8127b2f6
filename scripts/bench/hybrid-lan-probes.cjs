'use strict';
/**
 * The hybrid bench's LAN probe phones (scripts/bench-hybrid.cjs): LAN_PROBES LAN phones beyond the others
 * (idx and loopback address from LAN on, so no per-address join limit is shared) in ONE more LAN worker
 * process (worker.cjs) at normal priority. The LAN phones all live in one niced process, each applying
 * every board change (on the LAN the board is an overlay in each phone's room, sent on every host turn);
 * when their receipts are slow while the projector is quick, these tell whether the host or that one
 * process is slow. They join and vote in the storm and the cut as the others do; their numbers are kept
 * apart, except in the projector's count.
 */
const { join } = require('node:path');
const { startWorkerProcess } = require('./worker-rpc.cjs');
const { now, ms } = require('./stats.cjs');
const { log, lat, fmtLat } = require('./hybrid-measure.cjs');
const { lanAddress } = require('./hybrid-meeting.cjs');

/** What the report calls them. */
const lanProbeLabel = (n) => `LAN probe phones (${n}, own process, not niced)`;

/** Starts meeting `m`'s LAN probes (null when LAN_PROBES is 0); their stop goes on `cleanup`. */
function startLanProbes(m, cleanup) {
  const { LAN, LAN_PROBES } = m.cfg;
  if (!(LAN_PROBES > 0)) return null;
  // No `nice`: a phone whose CPU is not shared with hundreds of others.
  const worker = startWorkerProcess(join(__dirname, 'worker.cjs'), { id: 'lanprobes', env: { ...process.env, BENCH_WORKER_ID: 'lanprobes' } });
  cleanup.push(() => worker.stop());
  const phones = Array.from({ length: LAN_PROBES }, (_, i) => ({ idx: LAN + i, addr: lanAddress(LAN + i), watcher: false }));
  // `base`: the worker schedules phone idx - base, so each probe joins and votes once over the others' window.
  const base = LAN;
  return worker.call('init', { lanOrigin: m.host.lanOrigin, code: m.code, phones }).then(() => ({
    n: LAN_PROBES,
    pid: worker.child.pid,
    join: () => worker.call('join', { startAt: now() + 200, ratePerSec: 50, base }),
    /** One vote per probe over `durationMs`, as the LAN worker's call with `total` LAN. */
    vote: (args) => worker.call('vote', { ...args, rate: LAN_PROBES / (args.durationMs / 1000), total: LAN_PROBES, base }),
    close: () => worker.call('close', {}),
  }));
}

/** A scenario's LAN probe votes (the worker's `vote` answer): receipts, logged beside the LAN's. */
function lanProbeVotes(scenario, p, out, lanReceipts) {
  const v = {
    phones: p.n,
    sent: out.list.length + out.missing,
    ok: out.list.filter((r) => r.ok).length,
    refused: out.list.filter((r) => !r.ok).length,
    missing: out.missing,
    lastSendT: Math.max(0, ...out.list.map((r) => r.sendT)),
    receipts: lat(out.list),
  };
  log(`${scenario}, ${lanProbeLabel(p.n)}: ${v.ok} accepted, ${v.refused} refused, ${v.missing} unanswered; receipts ${fmtLat(v.receipts)} (the other LAN phones: ${fmtLat(lanReceipts)})`);
  return v;
}

/** The report's row for a scenario's LAN probes (one short line). */
function lanProbeRow(kind, x) {
  const when = kind === 'cut' ? 'receipts during the cut' : 'receipts';
  return `| ${lanProbeLabel(x.phones)} | ${when} p50 ${ms(x.receipts.p50)} / p95 ${ms(x.receipts.p95)} / max ${ms(x.receipts.max)} ms; ${x.missing} unanswered | |`;
}

module.exports = { startLanProbes, lanProbeVotes, lanProbeRow, lanProbeLabel };
