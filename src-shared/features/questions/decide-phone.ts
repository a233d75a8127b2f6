import { REFUSALS } from '../../refusals.js';
import { screenAsk, votedInTree } from '../moderation/decide-phone.js';
import type { PhoneContext, PhoneDecision, PhoneRules } from '../rules.js';
import type { questionRequests } from './phone.js';

/** A vote or its withdrawal. Voting twice, or withdrawing a vote not cast, is a no-op: the phone's wish already holds. */
function decideVote({ state, deviceId }: PhoneContext, request: { kind: 'vote' | 'unvote'; id: string; questionId: string }): PhoneDecision {
  const q = state.questions.get(request.questionId);
  if (!q || q.moderation !== 'approved' || q.mergedInto !== null) return { ok: false, reason: REFUSALS.notVotable };
  const has = votedInTree(state, q.id, deviceId);
  if ((request.kind === 'vote') === has) return { ok: true, events: [] };
  const type = request.kind === 'vote' ? 'vote.cast' : 'vote.withdrawn';
  return { ok: true, events: [{ type, questionId: q.id, deviceId, requestId: request.id }] };
}

/** The rules of a phone's question requests. */
export const QUESTION_PHONE_RULES: PhoneRules<typeof questionRequests> = {
  ask: ({ state, deviceId, newId }, request) => {
    const questionId = newId();
    const name = request.name ?? '';
    return {
      ok: true,
      questionId,
      events: [{ type: 'question.asked', questionId, deviceId, requestId: request.id, text: request.text, name, ...screenAsk(state, deviceId, request.text, name) }],
    };
  },
  vote: decideVote,
  unvote: decideVote,
  withdraw: ({ state, deviceId }, request) => {
    const q = state.questions.get(request.questionId);
    if (!q) return { ok: false, reason: REFUSALS.unknownQuestion };
    if (q.deviceId !== deviceId) return { ok: false, reason: REFUSALS.notYours };
    if (q.moderation === 'withdrawn') return { ok: true, events: [] };
    return { ok: true, events: [{ type: 'question.withdrawn', questionId: q.id, deviceId, requestId: request.id }] };
  },
};
