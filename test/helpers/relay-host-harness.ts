import { Store } from '../../src-main/host/store/store.js';
import { startTestHost, type TestHost } from './host-harness.js';
import { buildCliIfStale, startRedis, startRelay, startUplink, type RedisProcess, type RelayProcess, type Uplink } from './relay-harness.js';

/** A real Redis, one relay process and the host with its link to the relay (through a cuttable uplink if asked). */
export interface RelayHost {
  redis: RedisProcess;
  /** The relay running now (a test that restarts it puts the new one here, so `stop` stops it). */
  relay: RelayProcess;
  /** The venue's uplink between the laptop and the relay, when asked for. */
  uplink: Uplink | null;
  h: TestHost;
  stop(): Promise<void>;
}

export async function startRelayHost(secret: string, { uplink: withUplink = false } = {}): Promise<RelayHost> {
  await buildCliIfStale();
  const redis = await startRedis();
  const relay = await startRelay(redis.url, secret);
  const uplink = withUplink ? await startUplink(relay.port) : null;
  const url = uplink ? `ws://127.0.0.1:${uplink.port}` : relay.url;
  const h = await startTestHost(undefined, { relay: { url, secret, maxRetryDelayMs: 500 } });
  const env: RelayHost = {
    redis,
    relay,
    uplink,
    h,
    stop: async () => {
      await h.stop();
      await uplink?.close();
      await env.relay.stop();
      await redis.stop();
    },
  };
  return env;
}

/** `POST /api/join` on a relay, as a remote phone's browser sends it (its cookie back if given; a paper code if given). */
export async function postJoin(port: number, code: string, headers: Record<string, string> = {}, paper?: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code, ...(paper ? { paper } : {}) }) });
  const body = (await res.json()) as { ok: boolean; deviceId?: string; roomId?: string; relayDoc?: string; relayToken?: string; error?: string; token?: unknown; paperCode?: string };
  return { status: res.status, body, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

/**
 * How many events the live session's log holds besides attendance peaks: remote phones count among
 * "phones connected", so a remote phone that joins or comes back can make a new peak, logged on its own
 * about a second later. A test that counts the events of a request counts these.
 */
export function eventsBesidesPeaks(h: TestHost): number {
  const store = new Store(h.dataDir, { readOnly: true });
  try {
    return store.events(h.host.currentSession()!.id).filter((e) => e.body.type !== 'attendance.peak').length;
  } finally {
    store.close();
  }
}
