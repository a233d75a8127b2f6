import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAPER_CODE_REFUSALS } from '../src-main/host/pipeline/join-policy.js';
import { joinFrom } from './helpers/join-from.js';
import { printed } from './helpers/paper-slips.js';
import { postJoin, startRelayHost, type RelayHost } from './helpers/relay-host-harness.js';
import { until } from './helpers/relay-harness.js';

/**
 * Binding votes in a hybrid meeting (issue 20): a phone at home joins under the same paper-code rule as one
 * in the hall. A real relay on a real Redis, the host linked to it, the codes read back from the printed PDF.
 */

const SECRET = 'relay-paper-codes-secret-0123';
let env: RelayHost;

beforeAll(async () => {
  env = await startRelayHost(SECRET);
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

describe('paper codes through the relay', () => {
  it('a remote phone needs a printed code; one code is one phone, at home or in the hall; its cookie brings it back', async () => {
    const { h, relay } = env;
    const code = await h.openSession('Binding vote on the budget', false);
    await until(() => h.host.relay!.connected(), 5000, 'laptop on the relay');
    await h.mustControl('issuePaperCodes', { count: 3 });
    await h.mustControl('requirePaperCodes', { on: true });
    const { codes } = await printed(h);
    expect(codes).toHaveLength(3);

    const none = await postJoin(relay.port, code);
    expect(none).toMatchObject({ status: 403, body: { ok: false, paperCode: 'needed', error: PAPER_CODE_REFUSALS.needed } });
    expect((await postJoin(relay.port, code, {}, 'AAAA-BBBB')).body).toMatchObject({ paperCode: 'unknown' });

    const home = await postJoin(relay.port, code, {}, codes[0]);
    expect(home.status).toBe(200);
    expect(home.body.relayToken).toMatch(/^phone\./);
    // The same slip used again in the hall is the same phone: one code, one vote.
    const hall = await joinFrom(h, code, '127.0.1.7', undefined, codes[0]);
    expect(hall.body.deviceId).toBe(home.body.deviceId);
    // Back at home with its cookie: no code needed, the same device.
    const back = await postJoin(relay.port, code, { cookie: home.cookie! });
    expect(back).toMatchObject({ status: 200, body: { deviceId: home.body.deviceId } });
    // Another slip at home is another phone.
    const second = await postJoin(relay.port, code, {}, codes[1]);
    expect(second.status).toBe(200);
    expect(second.body.deviceId).not.toBe(home.body.deviceId);
  }, 60_000);
});
