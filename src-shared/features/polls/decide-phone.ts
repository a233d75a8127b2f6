import { POLL_REFUSALS } from '../../refusals.js';
import type { PhoneDecision, PhoneRules } from '../rules.js';
import type { PollsState } from './fold.js';
import type { pollRequests } from './phone.js';

/** A phone's ballot (the session is open: the caller checked). The last ballot counts; the same one again is a no-op. */
export function decideBallot(polls: PollsState, deviceId: string, request: { id: string; pollId: string; choices: readonly number[] }): PhoneDecision {
  const p = polls.byId.get(request.pollId);
  if (!p) return { ok: false, reason: POLL_REFUSALS.unknownPoll };
  if (p.status === 'draft') return { ok: false, reason: POLL_REFUSALS.notOpenYet };
  if (p.status === 'closed') return { ok: false, reason: POLL_REFUSALS.closedPoll };
  const choices = request.choices;
  if (choices.length === 0) return { ok: false, reason: POLL_REFUSALS.emptyBallot };
  if (choices.some((c) => c >= p.options.length)) return { ok: false, reason: POLL_REFUSALS.noSuchOption };
  if (new Set(choices).size !== choices.length) return { ok: false, reason: POLL_REFUSALS.sameOptionTwice };
  if (choices.length > p.maxChoices) {
    return { ok: false, reason: p.maxChoices === 1 ? POLL_REFUSALS.onlyOne : POLL_REFUSALS.tooManyChoices(p.maxChoices) };
  }
  const sorted = [...choices].sort((a, b) => a - b);
  const before = p.ballots.get(deviceId);
  if (before && before.length === sorted.length && before.every((c, i) => c === sorted[i])) return { ok: true, events: [] };
  const type = before ? 'ballot.changed' : 'ballot.cast';
  return { ok: true, events: [{ type, pollId: p.id, deviceId, requestId: request.id, choices: sorted }] };
}

export const POLL_PHONE_RULES: PhoneRules<typeof pollRequests> = {
  ballot: ({ state, deviceId }, request) => decideBallot(state.polls, deviceId, request),
};
