#!/usr/bin/env node
'use strict';
/**
 * `npm run fuzz`, second part: a hostile probe of the relay (issue 20, "Security and faults"). Real
 * processes only: a Debian redis-server on a free loopback port with a temp dir, two `open-floor relay`
 * instances (A, B) on it, and the laptop (`open-floor serve --relay ws://…A --session Fuzz`), the secret in
 * OPEN_FLOOR_RELAY_SECRET. A good remote phone (its own process, stock Hocuspocus provider) joins with
 * `POST /api/join` on B, asks once and then votes / unvotes all along, and records send → receipt latency
 * before, during and after the hostile traffic. The hostile traffic, from many loopback addresses
 * (127.x.y.z), goes to both instances:
 *   - malformed frames: random bytes, truncated varints, unknown message types, sync before auth, text frames
 *   - the good phone's room, `board` for write and `control` with forged, altered, expired (correctly
 *     signed: this script owns the secret), other-room tokens and guessed laptop credentials
 *   - oversized frames (> 4 MiB), sockets that never authenticate, connection floods from one address
 *     and from many, junk `POST /api/join` bodies, random HTTP paths and methods
 * Checks: relays, Redis and the laptop alive at the end; the good phone's question text never in anything
 * a hostile socket received; `control` never opened by a hostile socket; every HTTP path other than
 * `POST /api/join`, `GET /healthz` and the phone app's (`/`, `/j/…`, `/sw.js`, `/api/time`) a 404. Writes a block into docs/RELIABILITY.md; exits 1 on a crash
 * or a leak. Bounded: RELAY_FUZZ_DEADLINE_S (default 240) and RELAY_FUZZ_SCALE (default 1, multiplies counts).
 * This file is the run's order; its parts are in scripts/fuzz/: relay-processes.cjs (Redis, the relays, the
 * laptop), relay-good-phone.cjs (the good phone), relay-cases.cjs (the hostile traffic and the leak check)
 * and relay-report.cjs (the table).
 */
const { fork } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { join } = require('node:path');
const { sleep, mib } = require('./bench/stats.cjs');
const { hostileCases, hostileTally, setDeadline, roomHolds } = require('./fuzz/relay-cases.cjs');
const { children, startRedis, startRelay, startLaptop, rss, stopAll } = require('./fuzz/relay-processes.cjs');
const { fmt, reliabilityBlock, writeReliability } = require('./fuzz/relay-report.cjs');

const SCALE = Number(process.env.RELAY_FUZZ_SCALE || 1);
const DEADLINE_S = Number(process.env.RELAY_FUZZ_DEADLINE_S || 240);
const BASELINE_MS = 15_000;
const SETTLE_MS = 15_000;
const SECRET = `fuzz-relay-${randomBytes(12).toString('hex')}`;
const log = (line) => process.stdout.write(`[fuzz-relay ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main() {
  const redis = await startRedis();
  const relayA = await startRelay(redis.url, 'relay A', SECRET);
  const relayB = await startRelay(redis.url, 'relay B', SECRET);
  const laptop = await startLaptop(relayA.ws, SECRET);
  log(`redis ${redis.url}, relay A :${relayA.port}, relay B :${relayB.port}, laptop ${laptop.proc.pid} (code ${laptop.code})`);

  const marker = `GOODPHONE-${randomBytes(8).toString('hex')} is the question only its room may read`;
  const phone = fork(join(__dirname, 'fuzz', 'relay-good-phone.cjs'), [], { env: { ...process.env, RELAY_HTTP: relayB.http, RELAY_WS: relayB.ws, CODE: laptop.code, MARKER: marker }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  const waiters = [];
  phone.on('message', (m) => (waiters.length ? waiters.shift()(m) : replies.push(m)));
  const next = (timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('good phone did not answer')), timeoutMs);
      const done = (m) => (clearTimeout(t), resolve(m));
      if (replies.length) done(replies.shift());
      else waiters.push(done);
    });
  const hello = await next();
  if (hello.error) throw new Error(`good phone: ${hello.error}`);
  log(`good phone in ${hello.room} through relay B`);
  const relays = [relayA, relayB];
  const ctx = { relays, goodRoom: hello.room, goodToken: hello.token, secret: SECRET, scale: SCALE };
  const rssOf = () => relays.map((r) => rss(r.proc.pid));

  await sleep(2000);
  phone.send({ cmd: 'phase' });
  await next(); // drops the warm-up (join, first ask)
  await sleep(BASELINE_MS);
  const rssBefore = rssOf();
  const laptopRssBefore = rss(laptop.proc.pid);
  phone.send({ cmd: 'phase' });
  const baseline = await next();
  log(`baseline: receipt p95 ${fmt(baseline.p95)} ms (${baseline.n}); relay RSS ${rssBefore.map(mib).join(' / ')}`);

  const t0 = Date.now();
  setDeadline(t0 + DEADLINE_S * 1000);
  const errors = [];
  const progress = setInterval(() => log(`${JSON.stringify(hostileTally().counts)}; ${children.map((c) => `${c.name} ${c.exit ? 'EXITED' : 'alive'}`).join(', ')}`), 15_000);
  await Promise.all(Object.entries(hostileCases).map(([name, fn]) => fn(ctx).catch((err) => errors.push(`${name}: ${err.message}`))));
  clearInterval(progress);
  const fuzzSeconds = (Date.now() - t0) / 1000;
  phone.send({ cmd: 'phase' });
  const during = await next();
  log(`hostile traffic done in ${fuzzSeconds.toFixed(0)} s`);
  await sleep(SETTLE_MS);
  const rssAfter = rssOf();
  const laptopRssAfter = rss(laptop.proc.pid);
  phone.send({ cmd: 'stop' });
  const after = await next();

  // The leak check means something only if the text is in the room's state on the relay: read it as the laptop.
  const inRoom = await roomHolds(relayB.ws, ctx.goodRoom, marker.slice(0, 26), SECRET);
  const tally = hostileTally();
  const crashed = children.filter((c) => c.exit !== null).map((c) => `${c.name} ${JSON.stringify(c.exit)}`);
  const all = Buffer.concat(tally.received);
  const leaked = all.includes(Buffer.from(marker.slice(0, 26))) || all.includes(Buffer.from(SECRET));
  if (process.env.RELAY_FUZZ_DEBUG) for (const c of children) log(`${c.name} stderr tail: ${c.stderr.slice(-600)}`);
  await stopAll();

  const { findings } = tally;
  const block = reliabilityBlock({
    scale: SCALE,
    deadlineS: DEADLINE_S,
    settleMs: SETTLE_MS,
    fuzzSeconds,
    errors,
    ...tally,
    crashed,
    leaked,
    inRoom,
    relayA,
    relayB,
    baseline,
    during,
    after,
    rssBefore,
    rssAfter,
    laptopRssBefore,
    laptopRssAfter,
  });
  process.stdout.write(`\n${block}\n\n`);
  writeReliability(block);
  log('docs/RELIABILITY.md updated');
  const failed = crashed.length > 0 || leaked || findings.controlOpened > 0 || findings.boardWritable > 0 || findings.httpUnexpected.length > 0 || Object.keys(findings.authOk).length > 0;
  process.exit(failed ? 1 : 0);
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => void stopAll().then(() => process.exit(130)));
main().catch(async (err) => {
  console.error(err);
  await stopAll();
  process.exit(2);
});
