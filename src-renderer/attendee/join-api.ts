import { JOIN_API, parseIdentity, parseJoinResponse, storageKey, type JoinIdentity } from './join';
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

async function joinNow(code: string, paper: string | null): Promise<JoinOutcome> {
  const kept = readStored(code);
  if (kept) return { ok: true, identity: kept };
  // The phone's own language (what the council learns who came), not only the two the screens are in.
  const lang = (navigator.language || getLocale()).split('-')[0]!.toLowerCase();
  const answer = await postJson(JOIN_API, { code, ...(paper ? { paper } : {}), ...(/^[a-z]{2,3}$/.test(lang) ? { lang } : {}) });
  if (!answer.reached) {
    return { ok: false, error: t('phone.unreachable') };
  }
  const result = parseJoinResponse(answer.body, answer.status);
  if (!result.ok) return result;
  const identity: JoinIdentity = {
    sessionId: result.sessionId,
    deviceId: result.deviceId,
    roomId: result.roomId,
    title: result.title,
  };
  store(code, identity);
  return { ok: true, identity };
}
