import { JOIN_CODE_REGEX, normaliseJoinCode } from '../../src-shared/ids';
import type { JoinResponse } from '../../src-shared/endpoints';
import { normalisePaperCode, PAPER_CODE_QUERY } from '../../src-shared/features/paper-codes/format';
import { t } from '../ui/i18n';

/** What a phone keeps per join code, so a reload or a second visit joins the same room. */
export interface JoinIdentity {
  sessionId: string;
  deviceId: string;
  roomId: string;
  title: string;
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

export function parseIdentity(raw: string | null): JoinIdentity | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof JoinIdentity, unknown>>;
    if (str(v.sessionId) && str(v.deviceId) && str(v.roomId) && typeof v.title === 'string') {
      return { sessionId: v.sessionId, deviceId: v.deviceId, roomId: v.roomId, title: v.title };
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
      return { ok: true, sessionId: b.sessionId, deviceId: b.deviceId, roomId: b.roomId, title: b.title };
    }
    if (b.ok === false && str(b.error)) {
      const reason = b.paperCode;
      return reason === 'needed' || reason === 'unknown' || reason === 'tooManyTries' ? { ok: false, error: b.error, paperCode: reason } : { ok: false, error: b.error };
    }
  }
  return { ok: false, error: t('phone.joinFailed', { status: String(status) }) };
}
