import { recorded, refused, unchanged, type ControlContext, type ControlDecision, type ControlRules } from '../rules.js';
import type { QuestionState } from './fold.js';
import type { QuestionControlOutputs, questionControlInputs } from './control.js';

type Answer = ControlDecision<{ questionId: string }>;

/** A rule about one question, once it is known to exist (moderation's rules use it too). */
export const onQuestion =
  <I extends { questionId: string }, V>(rule: (ctx: ControlContext, q: QuestionState, input: I) => ControlDecision<V>) =>
  (ctx: ControlContext, input: I): ControlDecision<V> => {
    const q = ctx.state.questions.get(input.questionId);
    return q ? rule(ctx, q, input) : refused('No such question.');
  };

/** A rule about a question that exists and was not withdrawn. */
const answerable = <I extends { questionId: string }>(rule: (ctx: ControlContext, q: QuestionState, input: I) => Answer) =>
  onQuestion((ctx, q, input: I) => (q.moderation === 'withdrawn' ? refused('The asker withdrew this question.') : rule(ctx, q, input)));

export const QUESTION_RULES: ControlRules<typeof questionControlInputs, QuestionControlOutputs> = {
  approve: answerable((_ctx, q) =>
    q.moderation === 'approved' ? unchanged({ questionId: q.id }) : recorded({ questionId: q.id }, { type: 'question.approved', questionId: q.id }),
  ),
  hide: answerable((_ctx, q) =>
    q.moderation === 'hidden' ? unchanged({ questionId: q.id }) : recorded({ questionId: q.id }, { type: 'question.hidden', questionId: q.id }),
  ),
  setFloor: (ctx, { questionId }) => {
    if (questionId !== null) return putOnFloor(ctx, { questionId });
    return ctx.state.floor === null ? unchanged({ questionId }) : recorded({ questionId }, { type: 'floor.set', questionId: null });
  },
  markAnswered: answerable((_ctx, q, { reply }: { questionId: string; reply?: string }) => {
    if (q.moderation !== 'approved') return refused('Approve the question before marking it answered.');
    if (q.answeredAt !== null) return unchanged({ questionId: q.id });
    return recorded({ questionId: q.id }, { type: 'question.answered', questionId: q.id, ...(reply ? { reply } : {}) });
  }),
};

const putOnFloor = answerable(({ state }, q) => {
  if (q.moderation !== 'approved') return refused('Approve the question before putting it on the floor.');
  if (q.answeredAt !== null) return refused('This question has already been answered.');
  return state.floor === q.id ? unchanged({ questionId: q.id }) : recorded({ questionId: q.id }, { type: 'floor.set', questionId: q.id });
});
