'use strict';
/**
 * The real processes of the relay fuzz: a Debian redis-server on a free loopback port with a temp dir, the
 * `open-floor relay` instances on it and the laptop (`open-floor serve --relay … --session Fuzz`), the
 * secret in OPEN_FLOOR_RELAY_SECRET. Every one is tracked (`children`): its exit (a crash, for the report)
 * and what it wrote to stderr (bytes, lines, `[onAuthenticate]` refusals, stack traces).
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, readFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');
const { ROOT, freePort, portOpen, stopProcess } = require('../bench/relay-stack.cjs');
const { sleep } = require('../bench/stats.cjs');

const children = [];
const tempDirs = [];
function track(proc, name) {
  const entry = { proc, name, exit: null, stderr: '', stderrBytes: 0, stderrLines: 0, authLines: 0, stacks: 0 };
  proc.on('exit', (code, signal) => (entry.exit = { code, signal }));
  proc.stderr?.on('data', (d) => {
    const text = d.toString();
    entry.stderrBytes += d.length;
    entry.stderrLines += (text.match(/\n/g) || []).length;
    entry.authLines += (text.match(/\[onAuthenticate\]/g) || []).length;
    entry.stacks += (text.match(/\n\s+at Receiver\.receiverOnMessage/g) || []).length;
    entry.stderr = (entry.stderr + text).slice(-20_000);
  });
  children.push(entry);
  return entry;
}
/** Waits for a JSON line with `event` on the child's stdout. */
function jsonEvent(entry, event, timeoutMs = 30_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry.name}: no "${event}" in ${timeoutMs} ms; stderr: ${entry.stderr}`)), timeoutMs);
    entry.proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${entry.name} exited (${code}): ${entry.stderr}`))));
    createInterface({ input: entry.proc.stdout }).on('line', (line) => {
      try {
        const msg = JSON.parse(line);
        if (msg.event === event) (clearTimeout(timer), resolve(msg));
      } catch {
        /* not JSON */
      }
    });
  });
}
async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), 'open-floor-fuzz-redis-'));
  tempDirs.push(dir);
  const entry = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'ignore', 'pipe'] }), 'redis');
  const end = Date.now() + 10_000;
  while (!(await portOpen(port))) {
    if (entry.exit || Date.now() > end) throw new Error(`redis-server did not listen: ${entry.stderr}`);
    await sleep(50);
  }
  return { ...entry, url: `redis://127.0.0.1:${port}` };
}
async function startRelay(redisUrl, name, secret) {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'open-floor.cjs'), 'relay', '--redis', redisUrl, '--port', '0', '--address', '127.0.0.1', '--json'], {
    env: { ...process.env, OPEN_FLOOR_RELAY_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = track(proc, name);
  const ready = await jsonEvent(entry, 'ready');
  return Object.assign(entry, { port: ready.port, ws: `ws://127.0.0.1:${ready.port}`, http: `http://127.0.0.1:${ready.port}` });
}
async function startLaptop(relayWs, secret) {
  const dir = mkdtempSync(join(os.tmpdir(), 'open-floor-fuzz-host-'));
  tempDirs.push(dir);
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'open-floor.cjs'), 'serve', '--relay', relayWs, '--session', 'Fuzz', '--port', '0', '--address', '127.0.0.1', '--data', dir, '--json'], {
    env: { ...process.env, OPEN_FLOOR_RELAY_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: ROOT,
  });
  const entry = track(proc, 'laptop');
  const opened = jsonEvent(entry, 'session-open');
  await jsonEvent(entry, 'ready');
  const session = await opened;
  return Object.assign(entry, { code: session.code });
}
function rss(pid) {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return NaN;
  }
}
/** Stops every tracked process, the last started first, and removes the temp dirs. */
async function stopAll() {
  for (const c of children.slice().reverse()) await stopProcess(c.proc);
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

module.exports = { children, startRedis, startRelay, startLaptop, rss, stopAll };
