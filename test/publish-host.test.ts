import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_TOKEN_HEADER } from '../src-shared/control.js';
import { publishHref, type PublishResponse } from '../src-shared/endpoints.js';
import { startTestHost, type TestHost } from './helpers/host-harness.js';

/** The console's "Publish the record" on the loopback listener: POST only, with the page's token, into <data>/published. */
describe('POST /publish/<id>', () => {
  let t: TestHost;
  let sessionId = '';
  beforeAll(async () => {
    t = await startTestHost();
    await t.openSession('Harbour works');
    sessionId = t.host.currentSession()!.id;
    await t.mustControl('closeSession', {});
  });
  afterAll(() => t.stop());

  const post = (href: string, token?: string, method = 'POST') =>
    fetch(`${t.host.loopbackOrigin}${href}`, { method, headers: token ? { [CONTROL_TOKEN_HEADER]: token } : {} });

  it('writes the meeting into the data folder and says where', async () => {
    const res = await post(publishHref(sessionId, 'es-ES'), t.host.token);
    const body = (await res.json()) as PublishResponse;
    expect(body).toEqual({ ok: true, folder: join(t.dataDir, 'published'), page: join(t.dataDir, 'published', 'meetings', sessionId, 'index.html') });
    expect(readFileSync(join(t.dataDir, 'published', 'meetings', sessionId, 'index.html'), 'utf8')).toContain('<html lang="es">');
    expect(existsSync(join(t.dataDir, 'published', 'verify.js'))).toBe(true);
  });

  it('refuses without the token, a GET, an unknown session and a bad locale', async () => {
    expect((await post(publishHref(sessionId, 'en-GB'))).status).toBe(401);
    expect((await post(publishHref(sessionId, 'en-GB'), t.host.token, 'GET')).status).toBe(405);
    expect((await post(publishHref('NoSuchSession1', 'en-GB'), t.host.token)).status).toBe(404);
    expect((await post(`/publish/${sessionId}?locale=%3Cx%3E`, t.host.token)).status).toBe(400);
  });
});
