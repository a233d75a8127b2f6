import type { EventBody } from './events.js';
import { decideBallot } from './features/polls/decide.js';
import type { PhoneRequest } from './requests.js';
import { screenAsk, votedInTree } from './features/moderation/decide-control.js';
import type { SessionState } from './state.js';
import { decideSpeakRequest } from './features/agenda/decide-phone.js';
import { REFUSALS } from './refusals.js';

/**
 * The authority's rules for one phone request, as a pure function of the state. Rate limits are
 * checked by the caller (they depend on time, not on the log).
 */
export type Decision = { ok: true; events: EventBody[]; questionId?: string } | { ok: false; reason: string };

export { REFUSALS };

export function decidePhoneRequest(
  state: SessionState,
  deviceId: string,
  request: PhoneRequest,
  newQuestionId: () => string,
): Decision {
  if (state.status === 'closed') return { ok: false, reason: REFUSALS.closed };
  if (state.status !== 'open') return { ok: false, reason: REFUSALS.notOpen };
  const base = { deviceId, requestId: request.id };
  switch (request.kind) {
    case 'ask': {
      const questionId = newQuestionId();
      return {
        ok: true,
        questionId,
        events: [
          {
            type: 'question.asked',
            questionId,
            ...base,
            text: request.text,
            name: request.name ?? '',
            ...screenAsk(state, deviceId, request.text, request.name ?? ''),
          },
        ],
      };
    }
    case 'vote':
    case 'unvote': {
      const q = state.questions.get(request.questionId);
      if (!q || q.moderation !== 'approved' || q.mergedInto !== null) return { ok: false, reason: REFUSALS.notVotable };
      const has = votedInTree(state, q.id, deviceId);
      // Voting twice, or withdrawing a vote not cast, is accepted as a no-op: the phone's wish already holds.
      if (request.kind === 'vote' && has) return { ok: true, events: [] };
      if (request.kind === 'unvote' && !has) return { ok: true, events: [] };
      return {
        ok: true,
        events: [{ type: request.kind === 'vote' ? 'vote.cast' : 'vote.withdrawn', questionId: q.id, ...base }],
      };
    }
    case 'withdraw': {
      const q = state.questions.get(request.questionId);
      if (!q) return { ok: false, reason: REFUSALS.unknownQuestion };
      if (q.deviceId !== deviceId) return { ok: false, reason: REFUSALS.notYours };
      if (q.moderation === 'withdrawn') return { ok: true, events: [] };
      return { ok: true, events: [{ type: 'question.withdrawn', questionId: q.id, ...base }] };
    }
    case 'ballot':
      return decideBallot(state.polls, deviceId, request);
    case 'speak':
    case 'unspeak':
      return decideSpeakRequest(state, deviceId, request, newQuestionId);
  }
}
