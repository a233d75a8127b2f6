'use strict';
/** The soak's machine line and its markdown report (tables of the JSON that scripts/soak.cjs writes). */
const os = require('node:os');
const { ms } = require('../bench/stats.cjs');

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    loadAvgStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

const mib = (b) => (typeof b === 'number' && !Number.isNaN(b) ? (b / 1048576).toFixed(1) : '—');
const kib = (b) => (typeof b === 'number' && !Number.isNaN(b) ? (b / 1024).toFixed(1) : '—');
const lat = (s) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
const reasons = (o) => Object.entries(o || {}).map(([k, v]) => `${v}× "${k}"`).join(', ') || '0';

/** The phone process that sent furthest behind its schedule (a busy machine bunches the sends). */
function lateness(list) {
  const worst = [...(list || [])].sort((a, b) => b.p99 - a.p99)[0];
  return worst ? `${ms(worst.p50)} / ${ms(worst.p99)} / ${ms(worst.max)}` : '—';
}

function windowTable(rows) {
  const lines = [
    '| from s | sent | final receipts | lost | receipt latency p50 / p95 / p99 ms | host RSS MiB (end / max) | host CPU ms per request |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.fromS} | ${r.sent} | ${r.finals} | ${r.lost} | ${lat(r.latencyMs)} | ${mib(r.rssMiB * 1048576)} / ${mib(r.rssMaxMiB * 1048576)} | ${r.hostCpuMsPerRequest.toFixed(2)} |`);
  }
  return lines.join('\n');
}

function summaryTable(r) {
  const m = r.memory;
  const okAll = r.windows.reduce((s, w) => s + w.ok, 0);
  const refused = {};
  for (const w of r.windows) for (const [k, v] of Object.entries(w.refused)) refused[k] = (refused[k] ?? 0) + v;
  const cpu = r.windows.reduce((s, w) => s + (Number.isNaN(w.hostCpuMs) ? 0 : w.hostCpuMs), 0);
  const rows = [
    ['phones joined (errors); join + first sync p50 / p95 ms', `${r.join.joined} (${r.join.errors}); ${ms(r.join.joinSyncMs.p50)} / ${ms(r.join.joinSyncMs.p95)}`],
    ['questions accepted', `${r.ask.accepted} / ${r.ask.asked}`],
    ['requests sent (vote/unvote)', r.sent],
    ['final receipts: ok / refused', `${okAll} / ${reasons(refused)}`],
    ['**lost** (no final receipt 30 s after the last send)', r.lost],
    ['"will retry" receipts seen', r.retryReceipts],
    ['**doubled** (a device+request applied twice in the log)', r.log.doubled],
    ['ok receipts in the log exactly once / not in it / more than once', `${r.log.okInLog} / ${r.log.okNotInLog} / ${r.log.okMoreThanOnce} (of ${r.log.okChecked})`],
    ['requests without a final receipt that are in the log', r.log.lostButApplied],
    ['events in the log (with a request id)', `${r.log.events} (${r.log.withRequest})`],
    ['host RSS idle / after join / minute 5 / end of sends / end, MiB', `${mib(m.idle)} / ${mib(r.afterJoin.rss)} / ${mib(m.rss5min)} / ${mib(m.rssEndOfSends)} / ${mib(m.rssEnd)}`],
    ['host RSS end / minute 5', m.ratioEndTo5min ? m.ratioEndTo5min.toFixed(3) : '— (run shorter than 5 min)'],
    ['host RSS peak (VmHWM), MiB', mib(m.hwm)],
    ['host CPU ms per request, whole run', (cpu / Math.max(1, r.sent)).toFixed(2)],
    ['data folder after join / end (host running) / end (host stopped), KiB', `${kib(r.data.afterJoinBytes)} / ${kib(r.data.endBytesLive)} / ${kib(r.data.endBytes)}`],
    ['data folder growth per request, bytes', r.data.growthPerRequest.toFixed(0)],
    ['stored doc updates at the end: rooms / board / desk, rows (KiB)', ['rooms', 'board', 'desk'].map((k) => (r.docTotals[k] ? `${r.docTotals[k].rows} (${kib(r.docTotals[k].bytes)})` : '0')).join(' / ')],
    ['requests per phone p50 (max)', `${r.requestsPerPhone.p50} (${r.requestsPerPhone.max})`],
    ['phones sent late (after their slot) p50 / p99 / max ms, worst process', lateness(r.run.sendLateMs)],
    ['phones: CPU s; reconnects; connected at the end', `${(r.clients.cpuMs / 1000).toFixed(0)}; ${r.clients.reconnects}; ${r.clients.connected}`],
  ];
  return ['| metric | value |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function roomTable(r) {
  const lines = [
    '| phone | requests sent | requests left in its doc | stored rows | stored bytes | room doc without board, bytes | receipts in it | reload sync: bytes received (messages) | reloaded doc with board, bytes |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const p of r.rooms) {
    lines.push(`| ${p.idx} | ${p.sent} | ${p.requestsInPhoneDoc} | ${p.stored.rows} | ${p.stored.storedBytes} | ${p.stored.encodedBytes} | ${p.stored.receipts} | ${p.reload.receivedBytes} (${p.reload.messages}) | ${p.reload.docBytes} |`);
  }
  lines.push('');
  lines.push(`Board alone (a read-only doc synced from the loopback \`/sync/board\`): ${r.board.docBytes} bytes encoded, ${r.board.receivedBytes} bytes received; stored as ${r.boardStored.rows} rows, ${r.boardStored.storedBytes} bytes.`);
  return lines.join('\n');
}

function markdown(r) {
  const mc = r.machine;
  const c = r.config;
  return [
    `Run: ${r.date}${r.commit ? ` (commit ${r.commit})` : ''} on ${mc.cores} cores (${mc.cpu}), ${mc.memGiB} GiB RAM, Node ${mc.node}; load average at start ${mc.loadAvgStart.join(', ')}, at end ${(r.loadAvgEnd || []).join(', ')}.`,
    `Config: ${c.phones} phones, ${c.questions} questions, ${c.minutes} min, one vote/unvote per phone every ${c.periodMs} ms (${((c.phones * 1000) / c.periodMs).toFixed(0)} requests/s), ${c.workers} phone processes at nice ${c.workerNice}; windows of ${c.windowMs / 1000} s by send time.`,
    '',
    windowTable(r.windows),
    '',
    summaryTable(r),
    '',
    roomTable(r),
  ].join('\n');
}

module.exports = { machine, markdown };

// `node scripts/soak/report.cjs <soak.json>`: the markdown of a saved run again.
if (require.main === module) process.stdout.write(`${markdown(JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8')))}\n`);
