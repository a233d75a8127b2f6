#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:publish` (issue 19, "Numbers"): a data folder of BENCH_MEETINGS (50) closed meetings of
 * BENCH_QUESTIONS (1000) questions each, written through the Store (scripts/bench/publish-data.ts), then
 * `open-floor publish --all` as a user runs it, timed (target ≤ 10 s on 2 cores), and one meeting's page
 * gzipped (target < 300 KB). Prints the numbers and writes them as JSON to BENCH_OUT.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { gzipSync } = require('node:zlib');
const { buildSync } = require('esbuild');

const env = process.env;
const MEETINGS = Number(env.BENCH_MEETINGS || 50);
const QUESTIONS = Number(env.BENCH_QUESTIONS || 1000);
const OUT = env.BENCH_OUT || join(os.tmpdir(), 'open-floor-bench-publish.json');
const root = join(__dirname, '..');
const log = (line) => process.stdout.write(`[bench:publish] ${line}\n`);

function du(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const s = statSync(full);
    total += s.isDirectory() ? du(full) : s.size;
  }
  return total;
}

/** CPU seconds (user + system) of the children this process has waited for (from /proc: Linux only). */
function childCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
}

const work = mkdtempSync(join(os.tmpdir(), 'open-floor-bench-publish-'));
try {
  // Bundled inside the repository (out/), so its require('better-sqlite3') finds node_modules.
  const generator = join(root, 'out', 'bench', 'publish-data.cjs');
  buildSync({ entryPoints: [join(__dirname, 'bench', 'publish-data.ts')], outfile: generator, bundle: true, platform: 'node', format: 'cjs', external: ['better-sqlite3'], logLevel: 'warning' });
  const dataDir = join(work, 'data');
  let t = performance.now();
  require(generator).makeMeetings(dataDir, MEETINGS, QUESTIONS);
  log(`wrote ${MEETINGS} meetings of ${QUESTIONS} questions in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const site = join(work, 'site');
  t = performance.now();
  const cpu0 = childCpuSeconds();
  const load0 = os.loadavg()[0];
  execFileSync(process.execPath, [join(root, 'bin', 'open-floor.cjs'), 'publish', '--all', '--out', site, '--data', dataDir, '--locale', 'en-GB'], { stdio: 'inherit' });
  const publishMs = performance.now() - t;
  const publishCpu = childCpuSeconds() - cpu0;

  const meeting = join(site, 'meetings', 'bench-meeting-000');
  const page = readFileSync(join(meeting, 'index.html'));
  const record = readFileSync(join(meeting, 'record.json'));
  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
    meetings: MEETINGS,
    questions: QUESTIONS,
    publishAllSeconds: +(publishMs / 1000).toFixed(2),
    /** CPU time of the publish and its helper processes: the work, whatever else the machine was doing. */
    publishCpuSeconds: +publishCpu.toFixed(2),
    loadAverageBefore: +load0.toFixed(2),
    loadAverageAfter: +os.loadavg()[0].toFixed(2),
    pageBytes: page.length,
    pageGzipBytes: gzipSync(page, { level: 9 }).length,
    recordBytes: record.length,
    recordGzipBytes: gzipSync(record, { level: 9 }).length,
    siteBytes: du(site),
  };
  log(`publish --all: ${result.publishAllSeconds} s wall (target ≤ 10 s), ${result.publishCpuSeconds} s CPU, load average ${result.loadAverageBefore} → ${result.loadAverageAfter}`);
  log(`one meeting page: ${(result.pageBytes / 1024).toFixed(0)} KiB, gzipped ${(result.pageGzipBytes / 1024).toFixed(0)} KiB (target < 300 KB)`);
  log(`its record.json: ${(result.recordBytes / 1024).toFixed(0)} KiB, gzipped ${(result.recordGzipBytes / 1024).toFixed(0)} KiB; whole site ${(result.siteBytes / 2 ** 20).toFixed(1)} MiB`);
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  log(`results in ${OUT}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
