import { describe, expect, it } from 'vitest';
import { createControlClient } from '../../src-renderer/ui/control-client';
import * as en from '../../src-shared/i18n/en';
import * as es from '../../src-shared/i18n/es';
import { loadCatalogs } from '../../src-renderer/ui/i18n';

// The renderer's words come from the catalogs: these helpers are checked with the real English ones.
loadCatalogs({ catalogs: { en: { ...en }, es: { ...es } } });

describe('control client', () => {
  it('posts the command with the token and returns the host answer', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const client = createControlClient('tok123', async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ ok: true, value: { questionId: 'q-123456' } }), { status: 200 });
    });
    const result = await client.approve({ questionId: 'q-123456' });
    expect(result).toEqual({ ok: true, value: { questionId: 'q-123456' } });
    expect(calls[0]?.url).toBe('/api/approve');
    expect(calls[0]?.init.method).toBe('POST');
    expect((calls[0]?.init.headers as Record<string, string>)['x-open-floor-token']).toBe('tok123');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ questionId: 'q-123456' });
  });

  it('turns refusals, odd answers and network failures into errors', async () => {
    const refusing = createControlClient('t', async () =>
      new Response(JSON.stringify({ ok: false, error: 'No such question.' }), { status: 400 }),
    );
    expect(await refusing.hide({ questionId: 'q-123456' })).toEqual({ ok: false, error: 'No such question.' });

    const odd = createControlClient('t', async () => new Response('nope', { status: 500, statusText: 'Server Error' }));
    const r = await odd.openSession({});
    expect(r.ok).toBe(false);

    const down = createControlClient('t', async () => {
      throw new TypeError('fetch failed');
    });
    const d = await down.closeSession({});
    expect(!d.ok && d.error).toMatch(/reach the host/);
  });
});
