'use strict';
/**
 * `npm run bench:joins` (also part of `npm run bench`): does joining cost more as the room fills (issue 20,
 * "joining must not grow with the room")? BENCH_JOINS_PHONES (5000) phones join the headless host within
 * about BENCH_JOINS_SECONDS (60): POST /api/join from their own loopback address (127.77.x.y), then a
 * y-websocket connection to their room, kept open. Host CPU (utime+stime from /proc) is read after every
 * BENCH_JOINS_STEP (500) joins, once those phones have synced; per-join CPU of each window, and the last
 * window over the first, go to docs/BENCHMARKS.md (block `join-scaling`) unless BENCH_NO_DOC=1.
 */
const { execFileSync } = require('node:child_process');
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { BenchHost } = require('./bench/host.cjs');
const { wsClassFor, postJson } = require('./bench/phone-net.cjs');

const ROOT = path.join(__dirname, '..');
const env = process.env;
const num = (name, fallback) => (env[name] ? Number(env[name]) : fallback);
const CONFIG = { phones: num('BENCH_JOINS_PHONES', 5000), seconds: num('BENCH_JOINS_SECONDS', 60), step: num('BENCH_JOINS_STEP', 500) };
const log = (line) => process.stdout.write(`[bench:joins] ${line}\n`);
const sh = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '?';
  }
};
// y-websocket adds a process 'exit' listener per provider: thousands here, on purpose.
process.setMaxListeners(0);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const synced = (p) => new Promise((r) => (p.synced ? r() : p.once('sync', r)));

/** One phone: its join from its own address, then its room over y-websocket (kept open). */
async function joinOne(lan, code, i) {
  const address = `127.77.${Math.floor((i - 1) / 250)}.${((i - 1) % 250) + 1}`;
  const res = await postJson(lan, '/api/join', { code }, address);
  if (!res.body.ok) throw new Error(`join ${i} refused: ${res.body.error}`);
  const doc = new Y.Doc();
  return new WebsocketProvider(`${lan.replace('http', 'ws')}/sync`, `room-${res.body.roomId}`, doc, { WebSocketPolyfill: wsClassFor(address), disableBc: true });
}

async function run() {
  const host = await new BenchHost().start();
  await host.control('createSession', { title: 'Join rush' });
  await host.control('phonesPerAddress', { max: 1 });
  const { joinUrl } = await host.control('openSession', {});
  const lan = new URL(joinUrl).origin;
  const code = joinUrl.split('/').pop();
  const providers = [];
  try {
    return await rush(host, lan, code, providers);
  } finally {
    // Also when a join fails: no host is left running behind the bench.
    providers.forEach((p) => p.destroy());
    await host.stop();
  }
}

async function rush(host, lan, code, providers) {
  const windows = [];
  const gapMs = (CONFIG.seconds * 1000) / CONFIG.phones;
  const start = Date.now();
  let cpu0 = host.sample().cpuMs;
  for (let i = 1; i <= CONFIG.phones; i++) {
    const due = start + (i - 1) * gapMs - Date.now();
    if (due > 0) await sleep(due);
    providers.push(await joinOne(lan, code, i));
    if (i % CONFIG.step !== 0) continue;
    await Promise.all(providers.slice(-CONFIG.step).map(synced));
    const cpu1 = host.sample().cpuMs;
    windows.push({ phones: i, cpuPerJoinMs: (cpu1 - cpu0) / CONFIG.step, atS: (Date.now() - start) / 1000 });
    log(`${i} phones in ${windows.at(-1).atS.toFixed(1)} s: host CPU ${windows.at(-1).cpuPerJoinMs.toFixed(2)} ms per join over the last ${CONFIG.step}`);
    cpu0 = cpu1;
  }
  return { windows, wallS: windows.at(-1).atS, rssMiB: host.sample().rss / 2 ** 20 };
}

function report(r, m) {
  const first = r.windows[0];
  const last = r.windows.at(-1);
  return [
    `Run: ${m.date} on ${m.nproc} cores (${m.cpu}), load average before the run ${m.load}; Node ${process.version}; commit ${m.commit}.`,
    `${last.phones} phones joined in ${r.wallS.toFixed(1)} s (each: POST /api/join, then its room over y-websocket, synced); host RSS at the end ${r.rssMiB.toFixed(0)} MiB.`,
    '',
    '| phones in the room | host CPU per join (ms) |',
    '|---:|---:|',
    ...r.windows.map((w) => `| ${w.phones - CONFIG.step + 1}–${w.phones} | ${w.cpuPerJoinMs.toFixed(2)} |`),
    '',
    `Per-join CPU at ${last.phones} over at ${first.phones}: **${(last.cpuPerJoinMs / first.cpuPerJoinMs).toFixed(2)}** (target within 1.5×).`,
  ].join('\n');
}

function writeBlock(text) {
  const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  const [begin, end] = ['<!-- bench:join-scaling -->', '<!-- /bench:join-scaling -->'];
  const doc = readFileSync(file, 'utf8');
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) return log('docs/BENCHMARKS.md has no join-scaling block; not updated');
  writeFileSync(file, `${doc.slice(0, a)}${begin}\n${text}\n${doc.slice(b)}`);
  log('docs/BENCHMARKS.md: join-scaling updated');
}

run()
  .then((r) => {
    const m = {
      nproc: sh('nproc', []),
      cpu: (/model name\s*:\s*(.*)/.exec(sh('cat', ['/proc/cpuinfo'])) || [])[1] || '?',
      load: sh('cat', ['/proc/loadavg']).split(' ').slice(0, 3).join(' '),
      commit: sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']),
      date: sh('date', ['-u']),
    };
    const text = report(r, m);
    log(`\n${text}`);
    if (!env.BENCH_NO_DOC) writeBlock(text);
    process.exit(0);
  })
  .catch((err) => {
    log(`failed: ${err.stack || err}`);
    process.exit(1);
  });
