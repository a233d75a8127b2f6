'use strict';
// Small helpers shared by the bench orchestrator and its phone workers (plain CommonJS, no build step).

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an unsorted array (p in 0..100); NaN for an empty array. */
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

function summary(values) {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : NaN,
  };
}

/** "12.3" for ms values, "—" for NaN. */
function ms(v) {
  if (typeof v !== 'number' || Number.isNaN(v)) return '—';
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function mib(bytes) {
  return typeof bytes !== 'number' || Number.isNaN(bytes) ? '—' : `${(bytes / 1048576).toFixed(0)} MiB`;
}

/** Runs `fire(i)` for each item at its due time (startAt + offsets[i]); a short ticker, bounded by the list. */
async function schedule(startAt, offsets, fire) {
  const order = offsets.map((o, i) => [o, i]).sort((a, b) => a[0] - b[0]);
  let next = 0;
  while (next < order.length) {
    const t = now() - startAt;
    while (next < order.length && order[next][0] <= t) {
      fire(order[next][1]);
      next++;
    }
    if (next < order.length) await sleep(Math.max(1, Math.min(20, order[next][0] - (now() - startAt) - 1)));
  }
}

module.exports = { now, sleep, percentile, summary, ms, mib, schedule };
