import { JOIN_API, parseIdentity, parseJoinResponse, storageKey, type JoinIdentity, type RelayRoomAccess } from './join';
import { RELAY_TOKEN_RENEW_BEFORE_MS } from '../../src-shared/relay';
import { postJson } from '../ui/post-json';
import { getLocale, t } from '../ui/i18n';
import type { PaperCodeRefusal } from '../../src-shared/features/paper-codes/format';

export type JoinOutcome = { ok: true; identity: JoinIdentity } | { ok: false; error: string; paperCode?: PaperCodeRefusal };

function readStored(code: string): JoinIdentity | null {
  try {
    return parseIdentity(localStorage.getItem(storageKey(code)));
  } catch {
    return null;
  }
}

function store(code: string, identity: JoinIdentity): void {
  try {
    localStorage.setItem(storageKey(code), JSON.stringify(identity));
  } catch {
    // private mode without storage: this visit still works
  }
}

let early: { code: string; paper: string | null; outcome: Promise<JoinOutcome> } | null = null;

/**
 * Starts joining before anything renders (main.tsx, on a join link), so the request travels while the
 * app starts; the first `join` of the same code takes its answer.
 */
export function joinEarly(code: string, paper: string | null): void {
  early = { code, paper, outcome: joinNow(code, paper) };
}

/**
 * The identity kept for this code, or a new one from the host (POST /api/join), with the paper code
 * from the slip when the meeting asks for one.
 */
export function join(code: string, paper: string | null): Promise<JoinOutcome> {
  if (early?.code === code && early.paper === paper) {
    const { outcome } = early;
    early = null;
    return outcome;
  }
  return joinNow(code, paper);
}

/** POST /api/join, to the laptop on the LAN or through the relay (the same app and path at both). */
async function postJoin(code: string, paper: string | null): Promise<JoinOutcome> {
  // The phone's own language (what the council learns who came), not only the two the screens are in.
  const lang = (navigator.language || getLocale()).split('-')[0]!.toLowerCase();
  const answer = await postJson(JOIN_API, { code, ...(paper ? { paper } : {}), ...(/^[a-z]{2,3}$/.test(lang) ? { lang } : {}) });
  if (!answer.reached) {
    return { ok: false, error: t('phone.unreachable') };
  }
  const result = parseJoinResponse(answer.body, answer.status);
  if (!result.ok) return result;
  const { relayDoc, relayToken, relayTokenTtlMs } = result;
  const relay: RelayRoomAccess | undefined =
    relayDoc && relayToken && relayTokenTtlMs ? { code, doc: relayDoc, token: relayToken, renewAt: Date.now() + Math.max(0, relayTokenTtlMs - RELAY_TOKEN_RENEW_BEFORE_MS) } : undefined;
  const identity: JoinIdentity = {
    sessionId: result.sessionId,
    deviceId: result.deviceId,
    roomId: result.roomId,
    title: result.title,
    ...(relay ? { relay } : {}),
  };
  store(code, identity);
  return { ok: true, identity };
}

async function joinNow(code: string, paper: string | null): Promise<JoinOutcome> {
  const kept = readStored(code);
  if (kept) return { ok: true, identity: kept };
  return postJoin(code, paper);
}

/**
 * A remote phone's room token, renewed: the same join again (its device cookie makes it the same device,
 * the same room), kept for the next visit. Null when the relay or the laptop could not be reached, or the
 * answer is for another room (then the old token is kept and this is tried again later).
 */
export async function renewRelayAccess(identity: JoinIdentity): Promise<RelayRoomAccess | null> {
  if (!identity.relay) return null;
  const renewed = await postJoin(identity.relay.code, null).catch(() => null);
  if (!renewed?.ok || renewed.identity.roomId !== identity.roomId || !renewed.identity.relay) return null;
  return renewed.identity.relay;
}
