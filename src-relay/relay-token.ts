import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { RELAY_BOARD_DOC } from '../src-shared/relay.js';

/**
 * Who may open which document on the relay (issue 20). Pure: no I/O, the clock is passed in, so the
 * laptop (which issues) and the relay (which verifies) share this one module and a test can check it alone.
 *
 * One secret per meeting is given to the laptop and to every relay instance (the relay reads it from the
 * environment, see docs/HYBRID.md). Two keys are derived from it, so the secret itself never travels:
 * - the laptop's credential: `laptop.<HMAC(secret, LAPTOP_LABEL)>`; it opens the board, the control doc
 *   and any room;
 * - a phone's token: `phone.<docName>.<expiry>.<HMAC(tokenKey, "phone.<docName>.<expiry>")>` with
 *   tokenKey = HMAC(secret, TOKEN_LABEL). It opens that one room (read-write) and the board (read-only)
 *   until it expires. The relay keeps no list of tokens: the signature is the proof.
 */

const LAPTOP_LABEL = 'open-floor relay laptop v1';
const TOKEN_LABEL = 'open-floor relay phone-token v1';

/** Documents on the relay: the public board, the laptop's own control doc, and the phones' rooms. */
export { RELAY_BOARD_DOC };
export const RELAY_CONTROL_DOC = 'control';
/** A room's name as the host makes it: `room-` and 24 base64url characters (room-id.ts). */
const ROOM_NAME = /^room-[A-Za-z0-9_-]{1,64}$/;
/** How long a phone's token opens its room: a re-join (its cookie gives it the same device) renews it. */
export const PHONE_TOKEN_TTL_MS = 60 * 60 * 1000;
/** A token longer than this is refused before any work is done with it. */
const MAX_TOKEN_CHARS = 512;

export const isRoomDocName = (name: string): boolean => ROOM_NAME.test(name);

const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/** Equal byte strings, compared in constant time (hashed first, so lengths leak nothing either). */
function sameBytes(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The laptop's credential for this secret. */
export const laptopCredential = (secret: string): string => `laptop.${hmac(secret, LAPTOP_LABEL).toString('base64url')}`;

/** A phone's token for one room, valid until `now + ttlMs`. */
export function phoneToken(secret: string, docName: string, now: number, ttlMs = PHONE_TOKEN_TTL_MS): string {
  if (!isRoomDocName(docName)) throw new Error(`not a room name: ${docName}`);
  const body = `phone.${docName}.${(now + ttlMs).toString(36)}`;
  return `${body}.${hmac(hmac(secret, TOKEN_LABEL), body).toString('base64url')}`;
}

/** What a presented token grants on one document. */
export type Access = { ok: true; who: 'laptop' | 'phone'; readOnly: boolean } | { ok: false; reason: string };

const refused = (reason: string): Access => ({ ok: false, reason });

/** The relay's whole authorisation: may `token` open `docName` at `now`, and read-only or not? */
export function checkAccess(secret: string, token: string, docName: string, now: number): Access {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) return refused('bad token');
  if (docName !== RELAY_BOARD_DOC && docName !== RELAY_CONTROL_DOC && !isRoomDocName(docName)) return refused('unknown document');
  if (token.startsWith('laptop.')) {
    return sameBytes(token, laptopCredential(secret)) ? { ok: true, who: 'laptop', readOnly: false } : refused('wrong laptop credential');
  }
  const phone = verifyPhoneToken(secret, token, now);
  if (!phone.ok) return phone;
  if (docName === RELAY_BOARD_DOC) return { ok: true, who: 'phone', readOnly: true };
  if (docName === phone.room) return { ok: true, who: 'phone', readOnly: false };
  return refused('token is for another room');
}

/** The room a phone's token opens, if its signature holds and it has not expired. */
function verifyPhoneToken(secret: string, token: string, now: number): { ok: true; room: string } | { ok: false; reason: string } {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'phone') return { ok: false, reason: 'bad token' };
  const [, room = '', expiry = '', signature = ''] = parts;
  const expected = hmac(hmac(secret, TOKEN_LABEL), `phone.${room}.${expiry}`).toString('base64url');
  if (!sameBytes(signature, expected)) return { ok: false, reason: 'bad signature' };
  const until = parseInt(expiry, 36);
  if (!Number.isFinite(until) || until <= now) return { ok: false, reason: 'token expired' };
  return { ok: true, room };
}
