/** Issue 9, item 5: one phone, one device. Real host, real HTTP from distinct loopback addresses. */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../src-shared/limits';
import { tooManyFromAddress } from '../src-main/host/pipeline/join-policy';
import type { TestPhone} from './helpers/host-harness';
import { startTestHost, type TestHost } from './helpers/host-harness';
import { rawClient } from './helpers/hostile';
import { joinFrom, voteFromEach } from './helpers/join-from';

let host: TestHost | undefined;
const phones: TestPhone[] = [];
afterEach(async () => {
  for (const p of phones.splice(0)) p.destroy();
  await host?.stop();
  host = undefined;
});

describe('one phone, one device (issue 9, item 5)', () => {
  it('the same browser joining again gets its own device back, and its vote counts once', async () => {
    host = await startTestHost();
    const code = await host.openSession('Rejoin', false);
    const first = await joinFrom(host, code, '127.0.0.2');
    expect(first.status).toBe(200);
    expect(first.cookie).toMatch(/^of_device=/);
    expect(first.body.token).toBeUndefined(); // the token travels only as an HttpOnly cookie
    const again = [];
    for (let i = 0; i < 12; i++) again.push(await joinFrom(host, code, '127.0.0.2', first.cookie));
    expect(new Set(again.map((j) => j.body.deviceId))).toEqual(new Set([first.body.deviceId]));
    expect(new Set(again.map((j) => j.body.roomId))).toEqual(new Set([first.body.roomId]));

    // Every "device" it was given votes: one vote counts.
    const asker = await host.phone(code);
    const asked = asker.send({ kind: 'ask', text: 'Count me once' });
    const qid = ((await asker.until(() => asker.receipt(asked))) as { questionId: string }).questionId;
    await voteFromEach(host, [first.body.roomId!, ...again.map((j) => j.body.roomId!)], qid, phones);
    await asker.until(() => asker.board().questions.find((q) => q.id === qid)?.votes === 1);
  });

  it('a forged or foreign token is a new device, not somebody else’s', async () => {
    host = await startTestHost();
    const code = await host.openSession('Forged', false);
    const victim = await joinFrom(host, code, '127.0.0.3');
    const forged = `of_device=${victim.body.deviceId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    const j = await joinFrom(host, code, '127.0.0.4', forged);
    expect(j.status).toBe(200);
    expect(j.body.deviceId).not.toBe(victim.body.deviceId);
  });

  it(`caps new devices per address at ${LIMITS.phonesPerAddressDefault} with a clear message; other addresses join`, async () => {
    host = await startTestHost();
    const code = await host.openSession('Per address', false);
    const results = [];
    for (let i = 0; i <= LIMITS.phonesPerAddressDefault; i++) results.push(await joinFrom(host, code, '127.0.0.5'));
    expect(results.slice(0, -1).every((r) => r.status === 200)).toBe(true);
    expect(results.at(-1)).toMatchObject({ status: 429, body: { ok: false, error: tooManyFromAddress(LIMITS.phonesPerAddressDefault) } });
    expect((await joinFrom(host, code, '127.0.0.6')).status).toBe(200);
    // A browser that already has a device still gets it back.
    expect((await joinFrom(host, code, '127.0.0.5', results[0]!.cookie)).body.deviceId).toBe(results[0]!.body.deviceId);
  });
});

describe('the console setting for venues behind NAT (issue 9, item 5)', () => {
  it('raises the cap and lists the addresses with several phones', async () => {
    host = await startTestHost();
    const code = await host.openSession('NAT', false);
    for (let i = 0; i < LIMITS.phonesPerAddressDefault; i++) await joinFrom(host, code, '127.0.0.7');
    expect((await joinFrom(host, code, '127.0.0.7')).status).toBe(429);
    expect(await host.control('phonesPerAddress', { max: 0 })).toEqual({ ok: false, error: 'Allow at least one phone per address.' });
    expect(await host.control('phonesPerAddress', { max: 50 })).toEqual({
      ok: true,
      value: { max: 50, crowded: [{ address: '127.0.0.7', phones: LIMITS.phonesPerAddressDefault }] },
    });
    expect((await joinFrom(host, code, '127.0.0.7')).status).toBe(200);
    expect(await host.control('phonesPerAddress', {})).toMatchObject({ ok: true, value: { crowded: [{ address: '127.0.0.7', phones: 5 }] } });
    // The venue's setting is the data folder's: it is still 50 after a restart (it was 4 again before).
    const dataDir = host.dataDir;
    await host.stop(false);
    host = await startTestHost(dataDir);
    expect(await host.control('phonesPerAddress', {})).toMatchObject({ ok: true, value: { max: 50 } });
    // The phones behind that address need their connections too: 120 are more than the default 100.
    const port = Number(new URL(host.lanOrigin).port);
    const sockets = await Promise.all(
      Array.from({ length: 120 }, () => new Promise<Socket>((resolve) => {
        const s = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.7' }, () => resolve(s));
      })),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(sockets.filter((s) => s.destroyed)).toHaveLength(0);
    sockets.forEach((s) => s.destroy());
    // And their WebRTC signaling: 360 messages in 10 s from the address are more than the default 300.
    const signal = await Promise.all([0, 1, 2, 3].map(() => rawClient(`${host!.lanOrigin.replace('http', 'ws')}/signal`, '127.0.0.7')));
    for (const c of signal) for (let i = 0; i < 90; i++) c.json({ type: 'ping' });
    await Promise.all(signal.map((c) => c.until((m) => (c.messages.length >= 90 ? m : undefined))));
    expect(signal.filter((c) => c.isClosed())).toHaveLength(0);
    signal.forEach((c) => c.ws.terminate());
  });
});
