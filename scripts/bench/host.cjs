'use strict';
/**
 * The host under test, started as a user starts it: `node bin/open-floor.cjs serve --json --port 0
 * --address 127.0.0.1 --data <tmp>`, readiness from its `ready` line. Also reads its RSS and CPU time
 * from /proc, and calls the control API on the loopback origin.
 */
const { spawn, execFileSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { createInterface } = require('node:readline');

const ROOT = join(__dirname, '..', '..');

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
} catch {
  /* keep 100 */
}

class BenchHost {
  /**
   * `root`: the checkout whose build to run (default this one; the phone bench compares with a baseline).
   * `args`: more `serve` arguments (e.g. `--relay URL`), `env`: more environment (the relay secret).
   */
  constructor({ profileDir, root = ROOT, args = [], env = {}, nodeArgs = [] } = {}) {
    this.root = root;
    this.nodeArgs = nodeArgs;
    this.args = args;
    this.env = env;
    this.dataDir = mkdtempSync(join(tmpdir(), 'open-floor-bench-'));
    this.profileDir = profileDir;
    this.stderr = '';
    this.stderrLines = 0;
    this.child = null;
  }

  async start() {
    const nodeArgs = [...(this.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${this.profileDir}`] : []), ...this.nodeArgs];
    const child = spawn(
      process.execPath,
      [...nodeArgs, join(this.root, 'bin/open-floor.cjs'), 'serve', '--json', '--port', '0', '--address', '127.0.0.1', '--data', this.dataDir, ...this.args],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: this.root, env: { ...process.env, ...this.env } },
    );
    this.child = child;
    this.exit = null;
    child.on('exit', (code, signal) => (this.exit = { code, signal }));
    child.stderr.on('data', (d) => {
      const text = d.toString();
      if (process.env.BENCH_HOST_STDERR) require('node:fs').appendFileSync(process.env.BENCH_HOST_STDERR, text);
      this.stderrLines += (text.match(/\n/g) || []).length;
      // Keep the tail only: a flood can make the host log a lot.
      this.stderr = (this.stderr + text).slice(-20_000);
    });
    const ready = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host did not print "ready" in 30 s; stderr: ${this.stderr}`)), 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`host exited (${code}) before ready: ${this.stderr}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        let msg;
        try {
          msg = JSON.parse(line);
        } catch {
          return;
        }
        if (msg.event === 'ready') {
          clearTimeout(timer);
          resolve(msg);
        }
      });
    });
    const consoleUrl = new URL(ready.consoleUrl);
    this.token = consoleUrl.searchParams.get('t');
    this.loopbackOrigin = consoleUrl.origin;
    this.lanOrigin = ready.lanOrigin;
    this.pid = child.pid;
    return this;
  }

  async control(command, input) {
    const res = await fetch(`${this.loopbackOrigin}/api/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-open-floor-token': this.token },
      body: JSON.stringify(input),
    });
    const body = await res.json();
    if (!body.ok) throw new Error(`${command}: ${body.error}`);
    return body.value;
  }

  /** VmRSS in bytes and utime+stime in ms, from /proc/<pid>. */
  sample() {
    return procSample(this.pid);
  }

  /**
   * SIGTERM (the CLI closes the host and exits, so a --cpu-prof profile gets written), SIGKILL after 15 s.
   * The data folder is removed unless `keepData` (the soak reads the store after the host stopped).
   */
  async stop({ keepData = false } = {}) {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    if (!keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** VmRSS/VmHWM in bytes and utime+stime in ms of any process, from /proc/<pid>. */
function procSample(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  const hwmKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may contain spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return { rss: rssKb * 1024, hwm: hwmKb * 1024, cpuMs: ((utime + stime) * 1000) / clkTck, userMs: (utime * 1000) / clkTck, sysMs: (stime * 1000) / clkTck };
}

/** Samples the host every 250 ms; `peak()` gives the highest RSS since the last reset. */
function sampler(host) {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, host.sample().rss);
    } catch {
      /* host gone */
    }
  }, 250);
  return {
    peak: () => peak,
    reset: () => (peak = 0),
    stop: () => clearInterval(timer),
  };
}

module.exports = { BenchHost, sampler, procSample };
