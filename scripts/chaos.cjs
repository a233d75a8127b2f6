#!/usr/bin/env node
'use strict';
/**
 * `npm run chaos`: CHAOS_PHONES simulated phones (default 200) ask and vote while the host is SIGKILLed at
 * random moments CHAOS_KILLS times (default 100) and restarted on the same data folder and port. Then:
 * every request that ever got an ok receipt is in the log exactly once (a vote that repeated the phone's
 * wish is a no-op and has no event: counted apart), none is doubled, and the exported log's hash chain
 * verifies (`open-floor verify`). Prints the counts and how long until all phones were back after a restart.
 *
 * Each phone sends its next request 0.5–2 × CHAOS_PAUSE_MS (default 4000) after the previous receipt.
 * Bounded: a fixed number of kills, each wait has a deadline. Traffic only to loopback (127.x.y.z).
 */
const { spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');
const { sleep, summary, ms } = require('./bench/stats.cjs');
const { startWorkerProcess } = require('./bench/worker-rpc.cjs');

const ROOT = join(__dirname, '..');
const PHONES = Number(process.env.CHAOS_PHONES || 200);
const KILLS = Number(process.env.CHAOS_KILLS || 100);
const WORKERS = Number(process.env.CHAOS_WORKERS || 2);
/** No new kill after this many seconds of killing (a loaded machine restarts slower): the run stays bounded. */
const DEADLINE_S = Number(process.env.CHAOS_DEADLINE_S || 480);
const log = (line) => process.stdout.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '0.0.0.0', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The host as a user runs it, on a fixed port and data folder, so it can be killed and started again. */
class Host {
  constructor(dataDir, port) {
    this.dataDir = dataDir;
    this.port = port;
    this.child = null;
  }

  async start() {
    const child = spawn(process.execPath, [join(ROOT, 'bin/open-floor.cjs'), 'serve', '--json', '--port', String(this.port), '--address', '127.0.0.1', '--data', this.dataDir], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
    this.child = child;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line in 30 s: ${stderr}`)), 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited (${code}) before ready: ${stderr}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        try {
          const msg = JSON.parse(line);
          if (msg.event === 'ready') {
            clearTimeout(timer);
            resolve(msg);
          }
        } catch {
          /* not JSON */
        }
      });
    });
    const consoleUrl = new URL(ready.consoleUrl);
    this.token = consoleUrl.searchParams.get('t');
    this.loopback = consoleUrl.origin;
    this.lan = ready.lanOrigin;
    return this;
  }

  kill() {
    return new Promise((resolve) => {
      if (!this.child || this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }

  async control(command, input) {
    const res = await fetch(`${this.loopback}/api/${command}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-open-floor-token': this.token }, body: JSON.stringify(input) });
    const body = await res.json();
    if (!body.ok) throw new Error(`${command}: ${body.error}`);
    return body.value;
  }
}

function startWorker() {
  return startWorkerProcess(join(__dirname, 'chaos', 'phones.cjs'));
}

async function allBack(workers, deadlineMs) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const s = await Promise.all(workers.map((w) => w.call('status')));
    const connected = s.reduce((n, x) => n + x.connected, 0);
    if (connected >= PHONES || Date.now() > until) return connected;
    await sleep(50);
  }
}

function machine() {
  const cpu = (/model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || '?';
  return `${os.cpus().length} × ${cpu.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

function writeReliability(name, block) {
  const file = join(ROOT, 'docs', 'RELIABILITY.md');
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  let doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Reliability\n';
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  const body = `${begin}\n${block.trim()}\n${end}`;
  doc = a >= 0 && b > a ? doc.slice(0, a) + body + doc.slice(b + end.length) : `${doc.trimEnd()}\n\n${body}\n`;
  writeFileSync(file, doc);
}

async function main() {
  const started = Date.now();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'open-floor-chaos-'));
  const host = new Host(dataDir, await freePort());
  await host.start();
  await host.control('createSession', { title: 'Chaos' });
  await host.control('setPremoderation', { on: false });
  const opened = await host.control('openSession', {});
  const code = new URL(opened.joinUrl).pathname.split('/').pop();
  const sessionId = (await (await fetch(`${host.loopback}/export/?t=${host.token}`)).json()).sessions?.at(-1)?.id;
  log(`host on ${host.lan}; ${PHONES} phones joining`);
  const workers = Array.from({ length: WORKERS }, startWorker);
  const per = Math.ceil(PHONES / WORKERS);
  await Promise.all(workers.map((w, i) => w.call('init', { lan: host.lan, code, count: Math.min(per, PHONES - i * per), first: 1 + i * per })));
  log('all phones joined; killing the host now and then');

  const backMs = [];
  const startMs = [];
  let notBack = 0;
  let kills = 0;
  const killDeadline = Date.now() + DEADLINE_S * 1000;
  for (let k = 1; k <= KILLS && Date.now() < killDeadline; k++) {
    kills = k;
    await sleep(200 + Math.random() * 1000); // a random moment while phones ask and vote
    await host.kill();
    await sleep(Math.random() * 300);
    const t = Date.now();
    await host.start();
    startMs.push(Date.now() - t);
    const connected = await allBack(workers, 30_000);
    if (connected < PHONES) notBack++;
    backMs.push(Date.now() - t);
    if (process.env.CHAOS_VERBOSE) log(`kill ${k}: host ready in ${startMs.at(-1)} ms, ${connected}/${PHONES} phones back in ${Date.now() - t} ms`);
    if (k % 10 === 0) log(`${k} kills; all phones back in p50 ${ms(summary(backMs).p50)} ms, max ${ms(summary(backMs).max)} ms`);
  }

  log('no more kills: waiting for every request to be answered');
  const quiet = await Promise.all(workers.map((w) => w.call('quiet')));
  const unanswered = quiet.reduce((n, q) => n + q.unanswered, 0);
  const receipts = (await Promise.all(workers.map((w) => w.call('receipts')))).flat();
  workers.forEach((w) => w.kill());

  const archive = await (await fetch(`${host.loopback}/export/${sessionId}.json?t=${host.token}`)).text();
  const file = join(dataDir, 'archive.json');
  writeFileSync(file, archive);
  let verify;
  try {
    verify = { ok: true, text: execFileSync(process.execPath, [join(ROOT, 'bin/open-floor.cjs'), 'verify', file]).toString().trim() };
  } catch (err) {
    verify = { ok: false, text: String(err.stdout || err.message).trim() };
  }
  await host.kill();

  const events = JSON.parse(archive).events;
  const byKey = new Map();
  for (const e of events) {
    if (!('requestId' in e.body)) continue;
    const key = `${e.body.deviceId}/${e.body.requestId}`;
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  let okOnce = 0;
  let okNoop = 0;
  let okMissing = 0;
  let refused = 0;
  for (const [deviceId, requestId, ok, kind] of receipts) {
    if (!ok) {
      refused++;
      continue;
    }
    const n = byKey.get(`${deviceId}/${requestId}`) ?? 0;
    if (n === 1) okOnce++;
    else if (n === 0 && kind !== 'ask') okNoop++;
    else if (n === 0) okMissing++;
  }
  const doubled = [...byKey.values()].filter((n) => n > 1).length;
  const back = summary(backMs);
  rmSync(dataDir, { recursive: true, force: true });

  const lines = [
    `Last run: ${new Date().toISOString()} on ${machine()}; ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| phones, SIGKILLs of the host | ${PHONES}, ${kills}${kills < KILLS ? ` (of ${KILLS}: the ${DEADLINE_S} s budget for killing ran out)` : ''} |`,
    `| ok receipts | ${okOnce + okNoop + okMissing} (${okOnce} in the log exactly once, ${okNoop} votes that repeated the phone's wish: no event by design) |`,
    `| ok receipts missing from the log | ${okMissing} (must be 0) |`,
    `| requests in the log twice | ${doubled} (must be 0) |`,
    `| refused receipts | ${refused} |`,
    `| requests without a receipt at the end | ${unanswered} |`,
    `| hash chain | ${verify.ok ? 'verifies' : 'FAILS'} (${events.length} events): ${verify.text.split('\n')[0]} |`,
    `| host start to ready after a kill | p50 ${ms(summary(startMs).p50)} ms, max ${ms(summary(startMs).max)} ms (${events.length} events in the log at the end) |`,
    `| time until all phones were back after a restart | p50 ${ms(back.p50)} ms, p95 ${ms(back.p95)} ms, max ${ms(back.max)} ms (${notBack} restarts where some phone took over 30 s) |`,
  ];
  const block = lines.join('\n');
  process.stdout.write(`\n${block}\n\n`);
  writeReliability('chaos', `## npm run chaos\n\n${block}`);
  log('docs/RELIABILITY.md updated');
  process.exit(okMissing === 0 && doubled === 0 && verify.ok ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
