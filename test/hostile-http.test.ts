/** Issue 9, item 6: the LAN HTTP listener under bad paths, slow clients and many connections. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../src-shared/limits';
import { startTestHost, type TestHost } from './helpers/host-harness';

let host: TestHost | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await host?.stop();
  host = undefined;
});

function tcp(h: TestHost, from: string, port = Number(new URL(h.lanOrigin).port)): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, localAddress: from }, () => resolve(s));
    s.on('error', reject);
    s.resume(); // read what the host sends, so its closing is seen
    sockets.push(s);
  });
}

const closedWithin = (s: Socket, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (s.destroyed) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    s.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });

describe('LAN HTTP limits (issue 9, item 6)', () => {
  it('answers 400 to bad percent-encoding and logs nothing', async () => {
    const lines: string[] = [];
    host = await startTestHost(undefined, { log: (l) => lines.push(l) });
    const res = await fetch(`${host.lanOrigin}/%%%`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ok: false, error: 'The address is not valid.' });
    expect(lines).toEqual([]);
  });

  it('a request or upgrade for `//` answers 400 and the host lives (it used to exit)', async () => {
    host = await startTestHost();
    for (const origin of [host.lanOrigin, host.host.loopbackOrigin]) {
      const s = await tcp(host, '127.0.0.10', Number(new URL(origin).port));
      let answer = '';
      s.on('data', (d: Buffer) => (answer += d.toString()));
      s.write('GET // HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await closedWithin(s, 2_000);
      expect(answer).toMatch(/^HTTP\/1.1 400/);
      const u = await tcp(host, '127.0.0.10', Number(new URL(origin).port));
      let upgraded = '';
      u.on('data', (d: Buffer) => (upgraded += d.toString()));
      u.write('GET // HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      await closedWithin(u, 2_000);
      expect(upgraded).toMatch(/^HTTP\/1.1 40[04]/);
    }
    expect((await fetch(`${host.lanOrigin}/api/join`, { method: 'POST', body: '{"code":"ZZZZZZ"}' })).status).toBe(404);
  });

  it('drops a client that sends its headers or body too slowly, within seconds', async () => {
    host = await startTestHost();
    const slowHeaders = await tcp(host, '127.0.0.7');
    slowHeaders.write('GET / HTTP/1.1\r\nHost: x\r\n');
    const slowBody = await tcp(host, '127.0.0.8');
    slowBody.write('POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
    const started = Date.now();
    const [a, b] = await Promise.all([
      closedWithin(slowHeaders, LIMITS.lanRequestTimeoutMs + 3_000),
      closedWithin(slowBody, LIMITS.lanRequestTimeoutMs + 3_000),
    ]);
    expect([a, b]).toEqual([true, true]);
    expect(Date.now() - started).toBeLessThan(LIMITS.lanRequestTimeoutMs + 3_000);
  }, 30_000);

  it(`refuses connection ${LIMITS.connectionsPerAddress + 1} from one address; others still get in`, async () => {
    host = await startTestHost();
    const held = [];
    for (let i = 0; i < LIMITS.connectionsPerAddress; i++) held.push(await tcp(host, '127.0.0.9'));
    const extra = await tcp(host, '127.0.0.9');
    expect(await closedWithin(extra, 2_000)).toBe(true);
    expect(held.every((s) => !s.destroyed)).toBe(true);
    const res = await fetch(`${host.lanOrigin}/api/join`, { method: 'POST', body: '{"code":"ZZZZZZ"}' });
    expect(res.status).toBe(404);
  });
});
