import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRequest, roomParts } from '../src-shared/docs/room-doc.js';
import { startTestHost, type TestHost } from './helpers/host-harness.js';
import { eventsBesidesPeaks } from './helpers/relay-host-harness.js';
import {
  buildCliIfStale,
  RelayClient,
  startCaddy,
  startRedis,
  startRelay,
  until,
  type CaddyProcess,
  type RedisProcess,
  type RelayProcess,
} from './helpers/relay-harness.js';

/**
 * The deployment of docs/HYBRID.md on loopback: Debian's Caddy with TLS (its local CA) in front of two relay
 * instances on one Redis, the laptop and a remote phone reaching them only through Caddy. Then the instance
 * both are on is killed: Caddy sends them to the other one.
 */

const SECRET = 'relay-tls-test-secret-012345';

let redis: RedisProcess;
let relays: RelayProcess[] = [];
let caddy: CaddyProcess;
let h: TestHost;
const clients: RelayClient[] = [];

/** `POST /api/join` over HTTPS, trusting Caddy's CA. */
function httpsJoin(port: number, code: string, ca: string): Promise<{ status: number; body: { relayDoc?: string; relayToken?: string; deviceId?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path: '/api/join', method: 'POST', ca, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { relayDoc?: string; relayToken?: string } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}

beforeAll(async () => {
  await buildCliIfStale();
  redis = await startRedis();
  relays = [await startRelay(redis.url, SECRET, 0, ['--trust-proxy']), await startRelay(redis.url, SECRET, 0, ['--trust-proxy'])];
  caddy = await startCaddy(relays.map((r) => r.port));
  h = await startTestHost(undefined, { relay: { url: caddy.url, secret: SECRET, ca: caddy.ca, maxRetryDelayMs: 500 } });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.stop();
  await caddy?.stop();
  await Promise.all(relays.map((r) => r.stop()));
  await redis?.stop();
});

describe('relays behind Caddy (TLS), as deployed', () => {
  it('a phone joins and asks over TLS; the instance it and the laptop are on dies, both move to the other, nothing lost or doubled', async () => {
    const code = await h.openSession('Town hall, hybrid over TLS');
    await until(() => h.host.relay!.connected(), 10_000, 'laptop on the relay through Caddy');
    const joined = await httpsJoin(caddy.port, code, caddy.ca);
    expect(joined.status).toBe(200);
    const phone = new RelayClient(caddy.url, joined.body.relayDoc!, joined.body.relayToken!, undefined, caddy.ca);
    clients.push(phone);
    await phone.synced();
    appendRequest(phone.doc, { kind: 'ask', id: 'tls-ask-1', text: 'Asked over TLS' });
    await until(() => roomParts(phone.doc).receipts.get('tls-ask-1') !== undefined, 5000, 'first receipt');
    expect(roomParts(phone.doc).receipts.get('tls-ask-1')).toMatchObject({ ok: true });

    // Caddy sends everything to the first healthy instance: the laptop and the phone are both on it.
    const before = eventsBesidesPeaks(h);
    const t0 = Date.now();
    await relays[0]!.stop('SIGKILL');
    appendRequest(phone.doc, { kind: 'ask', id: 'tls-ask-2', text: 'Asked while the first relay instance died' });
    await until(() => roomParts(phone.doc).receipts.get('tls-ask-2') !== undefined, 15_000, 'receipt through the other instance');
    const moved = Date.now() - t0;
    expect(roomParts(phone.doc).receipts.get('tls-ask-2')).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 1000));
    expect(eventsBesidesPeaks(h)).toBe(before + 1);
    expect(h.host.relay!.connected()).toBe(true);
    console.log(`[relay tls] instance killed: the phone's request answered through the other instance ${moved} ms later`);
  });
});
