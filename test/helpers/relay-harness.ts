import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/**
 * Real processes for the relay tests (issue 20): a Debian redis-server on a free loopback port with a temp
 * dir (never the system service), relay instances started with the built CLI as people run it, and
 * Hocuspocus clients (the stock provider) over real WebSockets.
 */

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

const newest = (dir: string): number =>
  Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));

/** Builds the CLI when src-relay or src-main changed since the last build (the test runs what users run). */
export async function buildCliIfStale(): Promise<void> {
  const built = join(ROOT, 'out', 'main', 'cli.js');
  const sources = Math.max(newest(join(ROOT, 'src-relay')), newest(join(ROOT, 'src-main')), newest(join(ROOT, 'src-shared')));
  if (!existsSync(built) || sources > statSync(built).mtimeMs) await run('npx', ['electron-vite', 'build'], { cwd: ROOT });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const until = async (check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });

export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A redis-server of its own (a restart passes the old `port`). */
export async function startRedis(port?: number): Promise<RedisProcess> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-redis-'));
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  await until(() => portOpen(port), 10_000, 'redis-server listening');
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await stopProcess(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}

export interface RelayProcess {
  port: number;
  pid: number;
  url: string;
  /** What the relay wrote to stderr (its refusals). */
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `open-floor relay` as a process; `port` 0 picks a free one (a restart passes the old one). */
export function startRelay(redisUrl: string, secret: string, port = 0, extraArgs: string[] = []): Promise<RelayProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'open-floor.cjs'), 'relay', '--redis', redisUrl, '--port', String(port), '--address', '127.0.0.1', '--json', ...extraArgs], {
    env: { ...process.env, OPEN_FLOOR_RELAY_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    proc.once('exit', (code) => reject(new Error(`relay exited (${code}): ${err}`)));
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"ready"'));
      if (!line) return;
      const port = (JSON.parse(line) as { port: number }).port;
      proc.removeAllListeners('exit');
      resolve({ port, pid: proc.pid ?? 0, url: `ws://127.0.0.1:${port}`, stderr: () => err, stop: (signal) => stopProcess(proc, signal) });
    });
  });
}

export interface Uplink {
  port: number;
  /** The venue's internet goes: open connections are cut and new ones refused. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** A TCP hop standing for the venue's uplink between the laptop and the relay, which a test can cut. */
export async function startUplink(targetPort: number): Promise<Uplink> {
  const sockets = new Set<Socket>();
  let up = true;
  const server = createServer((inbound) => {
    if (!up) return inbound.destroy();
    const outbound = createConnection({ port: targetPort, host: '127.0.0.1' });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
  return {
    port,
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

export interface CaddyProcess {
  /** wss://localhost:PORT */
  url: string;
  port: number;
  /** Caddy's local CA root (PEM), to trust its certificate. */
  ca: string;
  stop(): Promise<void>;
}

/**
 * Debian's Caddy in front of relay instances, as docs/HYBRID.md recommends: TLS from its own local CA, one
 * address for every instance, the first healthy instance taking the traffic (health check /healthz), and
 * X-Forwarded-For set for --trust-proxy.
 */
export async function startCaddy(upstreamPorts: number[]): Promise<CaddyProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-caddy-'));
  const upstreams = upstreamPorts.map((p) => `127.0.0.1:${p}`).join(' ');
  const config = `{
	admin off
	auto_https disable_redirects
	skip_install_trust
	storage file_system ${dir}/data
}
https://localhost:${port} {
	bind 127.0.0.1 [::1]
	tls internal
	reverse_proxy ${upstreams} {
		lb_policy first
		lb_try_duration 5s
		lb_try_interval 100ms
		health_uri /healthz
		health_interval 500ms
		fail_duration 10s
	}
}
`;
  writeFileSync(join(dir, 'Caddyfile'), config);
  const proc = spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg-data'), XDG_CONFIG_HOME: join(dir, 'xdg-config') },
    stdio: 'ignore',
  });
  const root = join(dir, 'data', 'pki', 'authorities', 'local', 'root.crt');
  await until(async () => existsSync(root) && (await portOpen(port)), 20_000, 'caddy listening with its certificate');
  return {
    url: `wss://localhost:${port}`,
    port,
    ca: readFileSync(root, 'utf8'),
    stop: async () => {
      await stopProcess(proc);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A client of one document on a relay: the stock Hocuspocus provider, as a remote phone or the laptop uses it. */
export class RelayClient {
  readonly doc = new Y.Doc();
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  denied: string | null = null;
  authenticated = false;
  readOnly = false;

  private readonly sharedSocket: boolean;

  constructor(url: string, name: string, token: string, socket?: HocuspocusProviderWebsocket, ca?: string) {
    this.sharedSocket = socket !== undefined;
    const Polyfill = ca
      ? class extends WebSocket {
          constructor(address: string) {
            super(address, { ca });
          }
        }
      : WebSocket;
    this.socket = socket ?? new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: Polyfill, delay: 100, minDelay: 100, maxDelay: 500 });
    // A phone sends no awareness (the relay closes a phone that does on the board), but reads others', as the app does.
    const awareness = new Awareness(this.doc);
    if (token.startsWith('phone.')) awareness.setLocalState(null);
    this.provider = new HocuspocusProvider({
      name,
      document: this.doc,
      awareness,
      token,
      websocketProvider: this.socket,
      onAuthenticationFailed: ({ reason }) => (this.denied = reason),
      onAuthenticated: ({ scope }) => {
        this.authenticated = true;
        this.readOnly = scope === 'readonly';
      },
    });
    // As the app: a phone's provider sends no awareness at all, not even an echo of what it received.
    if (token.startsWith('phone.')) awareness.off('update', this.provider.boundAwarenessUpdateHandler);
    this.provider.attach();
  }

  synced(timeoutMs = 5000): Promise<void> {
    return until(() => this.provider.isSynced, timeoutMs, `${this.provider.configuration.name} synced`);
  }

  /** Resolves once the relay answered the authentication (either way). */
  answered(timeoutMs = 5000): Promise<void> {
    return until(() => this.authenticated || this.denied !== null, timeoutMs, `${this.provider.configuration.name} answered`);
  }

  destroy(): void {
    this.provider.destroy();
    if (!this.sharedSocket) this.socket.destroy();
    this.doc.destroy();
  }
}

export { until };
