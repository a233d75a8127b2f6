import { JOIN_CODE_REGEX, normaliseJoinCode } from '../../src-shared/ids';
import type { JoinResponse } from '../../src-shared/endpoints';
import { normalisePaperCode, PAPER_CODE_QUERY } from '../../src-shared/features/paper-codes/format';
import { t } from '../ui/i18n';

/** A phone that joined through the relay (issue 20): what opens its room there, and when to renew it. */
export interface RelayRoomAccess {
  /** The join code, for a re-join that renews the token (the device cookie keeps the same device). */
  code: string;
  doc: string;
  token: string;
  /** This phone's clock when to ask for a new token (before the old one runs out). */
  renewAt: number;
}

/** What a phone keeps per join code, so a reload or a second visit joins the same room. */
export interface JoinIdentity {
  sessionId: string;
  deviceId: string;
  roomId: string;
  title: string;
  relay?: RelayRoomAccess;
}

export const JOIN_API = '/api/join';
export const JOIN_PAGE = '/j/';
export const storageKey = (code: string): string => `open-floor:join:${code}`;

/** The join code in a path like `/j/ABC234`, normalised, or null. */
export function codeFromPath(pathname: string): string | null {
  if (!pathname.startsWith(JOIN_PAGE)) return null;
  const code = normaliseJoinCode(decodeURIComponent(pathname.slice(JOIN_PAGE.length)).split('/')[0] ?? '');
  return code === '' ? null : code;
}

/** The paper code a slip's QR put in the link (`?paper=`), if any. */
export function paperCodeFromSearch(search: string): string | null {
  const raw = new URLSearchParams(search).get(PAPER_CODE_QUERY);
  return raw ? normalisePaperCode(raw) : null;
}

export function isValidCode(code: string): boolean {
  return JOIN_CODE_REGEX.test(code);
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function parseRelayAccess(raw: unknown): RelayRoomAccess | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Partial<Record<keyof RelayRoomAccess, unknown>>;
  return str(r.code) && str(r.doc) && str(r.token) && typeof r.renewAt === 'number' ? { code: r.code, doc: r.doc, token: r.token, renewAt: r.renewAt } : undefined;
}

export function parseIdentity(raw: string | null): JoinIdentity | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof JoinIdentity, unknown>>;
    if (str(v.sessionId) && str(v.deviceId) && str(v.roomId) && typeof v.title === 'string') {
      const relay = parseRelayAccess(v.relay);
      return { sessionId: v.sessionId, deviceId: v.deviceId, roomId: v.roomId, title: v.title, ...(relay ? { relay } : {}) };
    }
  } catch {
    // a corrupt entry is the same as none
  }
  return null;
}

export function parseJoinResponse(body: unknown, status: number): JoinResponse {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    if (b.ok === true && str(b.sessionId) && str(b.deviceId) && str(b.roomId) && typeof b.title === 'string') {
      // Through the relay: what opens the room there (absent on the LAN).
      const relay = str(b.relayDoc) && str(b.relayToken) && typeof b.relayTokenTtlMs === 'number' ? { relayDoc: b.relayDoc, relayToken: b.relayToken, relayTokenTtlMs: b.relayTokenTtlMs } : {};
      return { ok: true, sessionId: b.sessionId, deviceId: b.deviceId, roomId: b.roomId, title: b.title, ...relay };
    }
    if (b.ok === false && str(b.error)) {
      const reason = b.paperCode;
      return reason === 'needed' || reason === 'unknown' || reason === 'tooManyTries' ? { ok: false, error: b.error, paperCode: reason } : { ok: false, error: b.error };
    }
  }
  return { ok: false, error: t('phone.joinFailed', { status: String(status) }) };
}
