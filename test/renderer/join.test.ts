import { describe, expect, it } from 'vitest';
import { codeFromPath, isValidCode, parseIdentity, parseJoinResponse, storageKey } from '../../src-renderer/attendee/join';
import { checkAsk } from '../../src-renderer/attendee/validate';
import * as en from '../../src-shared/i18n/en';
import * as es from '../../src-shared/i18n/es';
import { loadCatalogs } from '../../src-renderer/ui/i18n';

// The renderer's words come from the catalogs: these helpers are checked with the real English ones.
loadCatalogs({ catalogs: { en: { ...en }, es: { ...es } } });

describe('phone join helpers', () => {
  it('reads the code from /j/<code>, normalised', () => {
    expect(codeFromPath('/j/abc234')).toBe('ABC234');
    expect(codeFromPath('/j/ABC-234/')).toBe('ABC234');
    expect(codeFromPath('/')).toBeNull();
    expect(codeFromPath('/j/')).toBeNull();
    expect(isValidCode('ABC234')).toBe(true);
    expect(isValidCode('ABC10O')).toBe(false);
    expect(storageKey('ABC234')).toBe('open-floor:join:ABC234');
  });

  it('accepts only a complete stored identity', () => {
    const good = { sessionId: 's', deviceId: 'd', roomId: 'r', title: 'T' };
    expect(parseIdentity(JSON.stringify(good))).toEqual(good);
    expect(parseIdentity(JSON.stringify({ ...good, roomId: '' }))).toBeNull();
    expect(parseIdentity('{not json')).toBeNull();
    expect(parseIdentity(null)).toBeNull();
  });

  it('keeps what opens a remote phone\'s room on the relay, and nothing half of it', () => {
    const base = { ok: true, sessionId: 'sess-1', deviceId: 'dev-1', roomId: 'room1', title: 'Forum' };
    expect(parseJoinResponse({ ...base, relayDoc: 'room-room1', relayToken: 'phone.x', relayTokenTtlMs: 3_600_000 }, 200)).toEqual({ ...base, relayDoc: 'room-room1', relayToken: 'phone.x', relayTokenTtlMs: 3_600_000 });
    expect(parseJoinResponse({ ...base, relayDoc: 'room-room1' }, 200)).toEqual(base);
    const stored = { sessionId: 'sess-1', deviceId: 'dev-1', roomId: 'room1', title: 'Forum' };
    const relay = { code: 'ABC234', doc: 'room-room1', token: 'phone.x', renewAt: 5 };
    expect(parseIdentity(JSON.stringify({ ...stored, relay }))).toEqual({ ...stored, relay });
    expect(parseIdentity(JSON.stringify({ ...stored, relay: { ...relay, token: 7 } }))).toEqual(stored);
  });

  it('passes the host refusal text through and explains odd answers', () => {
    expect(parseJoinResponse({ ok: false, error: 'No open session with that code.' }, 404)).toEqual({
      ok: false,
      error: 'No open session with that code.',
    });
    const odd = parseJoinResponse('<html>', 502);
    expect(odd.ok).toBe(false);
    expect(!odd.ok && odd.error).toContain('502');
  });
});

describe('checkAsk', () => {
  it('applies the host limits', () => {
    expect(checkAsk('   ', '')).toEqual({ ok: false, error: 'Write your question first.' });
    expect(checkAsk('x'.repeat(501), '').ok).toBe(false);
    expect(checkAsk('😀'.repeat(500), '').ok).toBe(true);
    expect(checkAsk('ok?', 'n'.repeat(41)).ok).toBe(false);
    expect(checkAsk(' Why?\r\n ', '  Ana   Lima ')).toEqual({ ok: true, text: 'Why?', name: 'Ana Lima' });
    expect(checkAsk('Why?', '   ')).toEqual({ ok: true, text: 'Why?', name: undefined });
  });
});

describe('dates in the page language', () => {
  it('writes an ISO date the English or the Spanish way (Intl.DateTimeFormat)', async () => {
    const { formatIsoDate, loadCatalogs: load } = await import('../../src-renderer/ui/i18n');
    load({ catalogs: { en: { ...en }, es: { ...es } } }, 'es');
    expect(formatIsoDate('2025-03-01')).toMatch(/^1 mar 2025$/);
    load({ catalogs: { en: { ...en }, es: { ...es } } }, 'en');
    expect(formatIsoDate('2025-03-01')).toBe('Mar 1, 2025');
    expect(formatIsoDate('not a date')).toBe('not a date');
  });
});
