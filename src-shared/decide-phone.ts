import { PHONE_RULES } from './features/registry.js';
import type { PhoneContext, PhoneDecision } from './features/rules.js';
import { REFUSALS } from './refusals.js';
import type { PhoneRequest, PhoneRequestKind, PhoneRequests } from './requests.js';
import type { SessionState } from './state.js';

export type { PhoneDecision as Decision };

/** Each request kind's rule, as the registry holds it: assigning checks that every kind has one, typed by its schema. */
const RULES: { [K in PhoneRequestKind]: (ctx: PhoneContext, request: PhoneRequests[K]) => PhoneDecision } = PHONE_RULES;

function decide<K extends PhoneRequestKind>(ctx: PhoneContext, kind: K, request: PhoneRequests[K]): PhoneDecision {
  return RULES[kind](ctx, request);
}

/**
 * The authority's rules for one phone request, as a pure function of the state: the rule of the feature
 * that registered its kind. Rate limits are checked by the caller (they depend on time, not on the log).
 */
export function decidePhoneRequest(state: SessionState, deviceId: string, request: PhoneRequest, newId: () => string): PhoneDecision {
  if (state.status === 'closed') return { ok: false, reason: REFUSALS.closed };
  if (state.status !== 'open') return { ok: false, reason: REFUSALS.notOpen };
  return decide({ state, deviceId, newId }, request.kind, request);
}
