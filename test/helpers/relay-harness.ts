import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  freePort,
  portOpen,
  ROOT,
  startRedis,
  startRelay as startRelayProcess,
  startTcpProxy,
  stopProcess,
  until,
  type RedisProcess,
  type RelayProcess,
  type TcpProxy,
} from '../../scripts/bench/relay-stack.cjs';

/**
 * Real processes for the relay tests (issue 20): a Debian redis-server on a free loopback port with a temp
 * dir (never the system service), relay instances started with the built CLI as people run it, the uplink
 * hop (all three from scripts/bench/relay-stack.cjs, which the hybrid bench runs too), Caddy in front of
 * the relays, and Hocuspocus clients (the stock provider) over real WebSockets.
 */

const run = promisify(execFile);

const newest = (dir: string): number =>
  Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));

/** Builds the CLI when src-relay or src-main changed since the last build (the test runs what users run). */
export async function buildCliIfStale(): Promise<void> {
  const built = join(ROOT, 'out', 'main', 'cli.js');
  const sources = Math.max(newest(join(ROOT, 'src-relay')), newest(join(ROOT, 'src-main')), newest(join(ROOT, 'src-shared')));
  if (!existsSync(built) || sources > statSync(built).mtimeMs) await run('npx', ['electron-vite', 'build'], { cwd: ROOT });
}

export type { RedisProcess, RelayProcess };
export { startRedis, until };

/** `open-floor relay` as a process; `port` 0 picks a free one (a restart passes the old one). */
export function startRelay(redisUrl: string, secret: string, port = 0, extraArgs: string[] = []): Promise<RelayProcess> {
  return startRelayProcess({ redisUrl, secret, port, args: extraArgs });
}

export type Uplink = Omit<TcpProxy, 'open'>;

/** A TCP hop standing for the venue's uplink between the laptop and the relay, which a test can cut. */
export function startUplink(targetPort: number): Promise<Uplink> {
  return startTcpProxy(() => [targetPort]);
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

