import { describe, expect, it } from 'vitest';
import { checkAccess, laptopCredential, phoneToken, RELAY_BOARD_DOC, RELAY_CONTROL_DOC } from '../src-relay/relay-token.js';

const SECRET = 'meeting-secret-of-tonight';
const ROOM = 'room-AAAAAAAAAAAAAAAAAAAAAAAA';
const OTHER = 'room-BBBBBBBBBBBBBBBBBBBBBBBB';
const NOW = 1_800_000_000_000;

describe('relay tokens (pure)', () => {
  it('the laptop opens the board, the control doc and any room; a wrong secret opens nothing', () => {
    const laptop = laptopCredential(SECRET);
    for (const doc of [RELAY_BOARD_DOC, RELAY_CONTROL_DOC, ROOM, OTHER]) {
      expect(checkAccess(SECRET, laptop, doc, NOW)).toEqual({ ok: true, who: 'laptop', readOnly: false });
      expect(checkAccess(SECRET, laptopCredential('another secret'), doc, NOW).ok).toBe(false);
    }
    expect(checkAccess(SECRET, 'laptop.', ROOM, NOW).ok).toBe(false);
  });

  it('a phone opens its room read-write and the board read-only, nothing else', () => {
    const token = phoneToken(SECRET, ROOM, NOW);
    expect(checkAccess(SECRET, token, ROOM, NOW + 1000)).toEqual({ ok: true, who: 'phone', readOnly: false });
    expect(checkAccess(SECRET, token, RELAY_BOARD_DOC, NOW + 1000)).toEqual({ ok: true, who: 'phone', readOnly: true });
    expect(checkAccess(SECRET, token, OTHER, NOW + 1000)).toEqual({ ok: false, reason: 'token is for another room' });
    expect(checkAccess(SECRET, token, RELAY_CONTROL_DOC, NOW + 1000).ok).toBe(false);
  });

  it('an expired, forged, altered or foreign token is refused', () => {
    const token = phoneToken(SECRET, ROOM, NOW, 60_000);
    expect(checkAccess(SECRET, token, ROOM, NOW + 60_000)).toEqual({ ok: false, reason: 'token expired' });
    expect(checkAccess('other secret', token, ROOM, NOW).ok).toBe(false);
    const [kind, , expiry, sig] = token.split('.');
    // The same signature with another room or a later expiry does not verify.
    expect(checkAccess(SECRET, [kind, OTHER, expiry, sig].join('.'), OTHER, NOW).ok).toBe(false);
    expect(checkAccess(SECRET, [kind, ROOM, (NOW + 10 ** 9).toString(36), sig].join('.'), ROOM, NOW + 120_000).ok).toBe(false);
    for (const junk of ['', 'phone', 'phone.a.b.c.d', 'x'.repeat(10_000), `phone.${ROOM}.zzzz.`, `phone.${ROOM}.-1.AAAA`]) {
      expect(checkAccess(SECRET, junk, ROOM, NOW).ok).toBe(false);
    }
  });

  it('only the relay documents exist: other names are refused even to the laptop', () => {
    for (const doc of ['', 'desk', 'room-', 'room-a/b', 'room-x.y', `room-${'a'.repeat(65)}`]) {
      expect(checkAccess(SECRET, laptopCredential(SECRET), doc, NOW)).toEqual({ ok: false, reason: 'unknown document' });
    }
    expect(() => phoneToken(SECRET, 'desk', NOW)).toThrow();
  });
});
