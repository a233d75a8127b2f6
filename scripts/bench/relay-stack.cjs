'use strict';
/**
 * The relay side of a hybrid meeting as real processes, for the hybrid bench (scripts/bench-hybrid.cjs),
 * the relay fuzz, and the relay tests (test/helpers/relay-harness.ts, types in relay-stack.d.cts): Debian's
 * redis-server on a free loopback port with a temp dir (never the system service), `open-floor relay`
 * instances from the built CLI, and a TCP proxy that stands for the load balancer in front of them (round
 * robin; a connection to a dead instance goes to the next) or for the venue's uplink (cut and restored).
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');
const { sleep } = require('./stats.cjs');

const ROOT = join(__dirname, '..', '..');

/** Resolves once `check()` is true (polled every 50 ms); throws "timed out: `what`" after `timeoutMs`. */
const until = async (check, timeoutMs, what) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(50);
  }
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const c = net.createConnection({ port, host: '127.0.0.1' });
    c.once('connect', () => (c.destroy(), resolve(true)));
    c.once('error', () => resolve(false));
  });

function stopProcess(proc, signal = 'SIGTERM', graceMs = 10_000) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => (clearTimeout(t), resolve()));
    proc.kill(signal);
  });
}

/** A redis-server of its own; `port` given to restart one on its old port. */
async function startRedis(port) {
  port ??= await freePort();
  const dir = mkdtempSync(join(os.tmpdir(), 'open-floor-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--maxclients', '1000'], { stdio: 'ignore' });
  const end = Date.now() + 10_000;
  while (!(await portOpen(port))) {
    if (proc.exitCode !== null || Date.now() > end) throw new Error('redis-server did not listen');
    await sleep(50);
  }
  return {
    port,
    pid: proc.pid,
    url: `redis://127.0.0.1:${port}`,
    stop: async (signal) => {
      await stopProcess(proc, signal);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `open-floor relay` as people run it; `port` 0 picks a free one (a restart passes the old one). Ready at
 * its JSON `ready` line. `keepStderr`: how many of the last characters of its stderr to keep (all by
 * default; a bench with thousands of phones keeps a tail).
 */
function startRelay({ redisUrl, secret, port = 0, args = [], nodeArgs = [], keepStderr = Infinity }) {
  const proc = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin', 'open-floor.cjs'), 'relay', '--redis', redisUrl, '--port', String(port), '--address', '127.0.0.1', '--json', ...args], {
    env: { ...process.env, OPEN_FLOOR_RELAY_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr = (stderr + d.toString()).slice(-keepStderr)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not print "ready" in 30 s: ${stderr}`)), 30_000);
    proc.once('exit', (code) => (clearTimeout(timer), reject(new Error(`relay exited (${code}): ${stderr}`))));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      let msg;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.event !== 'ready') return;
      clearTimeout(timer);
      proc.removeAllListeners('exit');
      resolve({ port: msg.port, pid: proc.pid, url: `ws://127.0.0.1:${msg.port}`, proc, stderr: () => stderr, stop: (signal) => stopProcess(proc, signal) });
    });
  });
}

/**
 * A TCP proxy on a free loopback port. `targets()` gives the upstream ports; each new connection goes to
 * the next one in turn (round robin, as a load balancer), and to the one after if that refuses. `cut()`
 * destroys every open connection and refuses new ones until `restore()` (the venue's uplink going down).
 */
async function startTcpProxy(targets) {
  const sockets = new Set();
  let up = true;
  let turn = 0;
  const pipeTo = (inbound, list, attempt) => {
    if (attempt >= list.length) return inbound.destroy();
    const port = list[(turn + attempt) % list.length];
    const outbound = net.createConnection({ port, host: '127.0.0.1' });
    let connected = false;
    outbound.on('error', () => {});
    outbound.once('connect', () => {
      connected = true;
      if (inbound.destroyed || !up) return outbound.destroy();
      for (const s of [inbound, outbound]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      outbound.upstream = port;
      inbound.pipe(outbound).pipe(inbound);
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
      inbound.resume();
    });
    outbound.once('close', (hadError) => {
      if (!connected && !inbound.destroyed) pipeTo(inbound, list, attempt + 1);
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (inbound) => {
    inbound.on('error', () => {});
    if (!up) return inbound.destroy();
    const list = targets();
    turn = (turn + 1) % Math.max(1, list.length);
    pipeTo(inbound, list, 0);
  });
  server.maxConnections = 100_000;
  const port = await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
  return {
    port,
    open: () => sockets.size / 2,
    /** The upstream ports its open connections go to. */
    upstreams: () => new Set([...sockets].map((s) => s.upstream).filter((p) => p !== undefined)),
    cut: () => {
      up = false;
      for (const s of sockets) s.destroy();
    },
    restore: () => (up = true),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * `startTcpProxy` in a child process of its own (this file run with the target ports as arguments). A
 * process may hold 20,000 descriptors on this machine and a proxied connection costs two: the bench runs
 * one balancer process per remote worker, so 10,000 phones fit. Never cut.
 */
async function startTcpProxyProcess(ports) {
  const proc = spawn(process.execPath, [__filename, ...ports.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`balancer process exited (${code})`)));
    proc.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
  });
  proc.removeAllListeners('exit');
  return { port, pid: proc.pid, close: () => stopProcess(proc) };
}

if (require.main === module) {
  const ports = process.argv.slice(2).map(Number);
  void startTcpProxy(() => ports).then((proxy) => process.stdout.write(`${proxy.port}\n`));
}

module.exports = { ROOT, until, freePort, portOpen, startRedis, startRelay, startTcpProxy, startTcpProxyProcess, stopProcess };
