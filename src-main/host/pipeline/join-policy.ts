import { createHmac, timingSafeEqual } from 'node:crypto';
import type { JoinResponse } from '../../../src-shared/endpoints.js';
import { LIMITS, MINUTE_MS } from '../../../src-shared/limits.js';
import type { PaperCodeRefusal } from '../../../src-shared/features/paper-codes/format.js';
import { RateLimiter } from '../../../src-shared/rate-limit.js';

/**
 * Who may join, and as which device. Soft Sybil resistance without accounts:
 * - the same browser joining again gets its own device back: the host gives every new device a token
 *   (a cookie only the host can mint: the device id signed with the session's secret), and a join that
 *   carries a valid token for a device of this session returns that device instead of making a new one;
 * - new devices per network address per session are capped (a venue behind NAT raises it in the console);
 * - the console lists the addresses that have several devices.
 * The laptop itself (127.0.0.1, ::1) is not capped: phones never come from there.
 *
 * Counts are kept in memory: after a restart of the host every address starts again from zero.
 */
export interface JoinContext {
  /** The client's address as the LAN listener saw it. */
  address?: string;
  /** The device token the browser sent back (cookie), if any. */
  token?: string;
  /** The single-use code from a paper slip, as typed, if any. */
  paperCode?: string;
  /** The language the phone's screen is in, if it said (recorded with a new device). */
  lang?: string;
  /** It joins through the relay, from outside the room (recorded with a new device). */
  remote?: boolean;
}

export const DEVICE_COOKIE = 'of_device';
/** How long a browser keeps its device token (a meeting, with room to spare). */
export const DEVICE_COOKIE_MAX_AGE_S = 7 * 24 * 3600;

export const tooManyFromAddress = (max: number): string =>
  `This network address already has ${max} phone${max === 1 ? '' : 's'} in this meeting. ` +
  'If many people share one connection here, ask the facilitator to raise the limit.';

/** What the host says when a paper code is missing or wrong (the phone says it in its own language). */
export const PAPER_CODE_REFUSALS: Record<PaperCodeRefusal, string> = {
  needed: 'This meeting needs the code printed on your paper slip.',
  unknown: 'That is not one of this meeting’s paper codes. Check it and try again.',
  tooManyTries: 'Too many wrong codes from this network address. Wait a minute, then try again.',
};

const isLaptop = (address: string): boolean => address === '127.0.0.1' || address === '::1';

const sign = (secret: string, deviceId: string): string =>
  createHmac('sha256', secret).update(`device:${deviceId}`).digest('base64url').slice(0, 32);

export interface CrowdedAddress {
  address: string;
  phones: number;
}

export class JoinPolicy {
  private maxPerAddress: number = LIMITS.phonesPerAddressDefault;
  /** sessionId → address → devices joined from it. */
  private readonly bySession = new Map<string, Map<string, Set<string>>>();
  /** Wrong paper codes per address: past the limit, the address may not try any code for a while. */
  private readonly wrongPaperCodes = new RateLimiter(LIMITS.paperCodeTriesPerMinutePerAddress, MINUTE_MS);

  get phonesPerAddress(): number {
    return this.maxPerAddress;
  }

  setPhonesPerAddress(n: number): void {
    this.maxPerAddress = Math.max(1, Math.min(LIMITS.phonesPerAddressMax, Math.floor(n)));
  }

  /** The token a new device's browser keeps. */
  tokenFor(secret: string, deviceId: string): string {
    return `${deviceId}.${sign(secret, deviceId)}`;
  }

  /** The device a valid token names, if it belongs to this session (`known`); otherwise null. */
  returningDevice(secret: string, token: string | undefined, known: (deviceId: string) => boolean): string | null {
    if (!token || token.length > 200) return null;
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const deviceId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1));
    const expected = Buffer.from(sign(secret, deviceId));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return known(deviceId) ? deviceId : null;
  }

  /** Null when a new device may join from `address`; otherwise the message for the phone. */
  refusal(sessionId: string, address: string | undefined): string | null {
    if (address === undefined || isLaptop(address)) return null;
    const n = this.bySession.get(sessionId)?.get(address)?.size ?? 0;
    return n >= this.maxPerAddress ? tooManyFromAddress(this.maxPerAddress) : null;
  }

  /** Whether `address` may try a paper code now (it has not typed too many wrong ones lately). */
  mayTryPaperCode(address: string | undefined, now = Date.now()): boolean {
    return address === undefined || this.wrongPaperCodes.allows(address, now);
  }

  wrongPaperCode(address: string | undefined, now = Date.now()): void {
    if (address === undefined) return;
    this.wrongPaperCodes.prune(now);
    this.wrongPaperCodes.take(address, now);
  }

  joined(sessionId: string, address: string | undefined, deviceId: string): void {
    if (address === undefined) return;
    let addresses = this.bySession.get(sessionId);
    if (!addresses) {
      // Only the current session matters: forget the others.
      this.bySession.clear();
      addresses = new Map();
      this.bySession.set(sessionId, addresses);
    }
    const devices = addresses.get(address) ?? new Set<string>();
    devices.add(deviceId);
    addresses.set(address, devices);
  }

  /** Addresses of this session with more than one device, most first. */
  crowded(sessionId: string): CrowdedAddress[] {
    const addresses = this.bySession.get(sessionId);
    if (!addresses) return [];
    return [...addresses]
      .filter(([, d]) => d.size > 1)
      .map(([address, d]) => ({ address, phones: d.size }))
      .sort((a, b) => b.phones - a.phones || a.address.localeCompare(b.address));
  }
}

/** What SessionManager.join answers: the phone's JoinResponse, plus the device token for the cookie. */
export type JoinResult =
  | (Extract<JoinResponse, { ok: true }> & { token: string })
  | (Extract<JoinResponse, { ok: false }> & { tooMany?: true; hostFailure?: true; remoteClosed?: true });

/** A join the host could not record (the data folder cannot be written): the phone's fault it is not. */
export type HostJoinFailure = Extract<JoinResponse, { ok: false }> & { hostFailure: true };

export const paperCodeRefused = (reason: PaperCodeRefusal): JoinResult => ({
  ok: false,
  error: PAPER_CODE_REFUSALS[reason],
  paperCode: reason,
  ...(reason === 'tooManyTries' ? { tooMany: true as const } : {}),
});

/** Reads the device token from a Cookie header. */
export function deviceTokenFromCookie(header: string | undefined): string | undefined {
  if (!header || header.length > 4096) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === DEVICE_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The Set-Cookie value for a device token: only for joining, never readable by page scripts. */
export const deviceCookie = (token: string): string =>
  `${DEVICE_COOKIE}=${token}; Path=/api/join; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict`;
