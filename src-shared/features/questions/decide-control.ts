import { recorded, refused, unchanged, type ControlContext, type ControlDecision, type ControlRules } from '../rules.js';
import type { QuestionState } from './fold.js';
import type { QuestionControlOutputs, questionControlInputs } from './control.js';

type Answer = ControlDecision<{ questionId: string }>;

/** A rule about a question that exists and was not withdrawn. */
const onQuestion =
  (rule: (ctx: ControlContext, q: QuestionState, reply?: string) => Answer) =>
  (ctx: ControlContext, input: { questionId: string; reply?: string }): Answer => {
    const q = ctx.state.questions.get(input.questionId);
    if (!q) return refused('No such question.');
    if (q.moderation === 'withdrawn') return refused('The asker withdrew this question.');
    return rule(ctx, q, input.reply);
  };

export const QUESTION_RULES: ControlRules<typeof questionControlInputs, QuestionControlOutputs> = {
  approve: onQuestion((_ctx, q) =>
    q.moderation === 'approved' ? unchanged({ questionId: q.id }) : recorded({ questionId: q.id }, { type: 'question.approved', questionId: q.id }),
  ),
  hide: onQuestion((_ctx, q) =>
    q.moderation === 'hidden' ? unchanged({ questionId: q.id }) : recorded({ questionId: q.id }, { type: 'question.hidden', questionId: q.id }),
  ),
  setFloor: (ctx, { questionId }) => {
    if (questionId !== null) return putOnFloor(ctx, { questionId });
    return ctx.state.floor === null ? unchanged({ questionId }) : recorded({ questionId }, { type: 'floor.set', questionId: null });
  },
  markAnswered: onQuestion((_ctx, q, reply) => {
    if (q.moderation !== 'approved') return refused('Approve the question before marking it answered.');
    if (q.answeredAt !== null) return unchanged({ questionId: q.id });
    return recorded({ questionId: q.id }, { type: 'question.answered', questionId: q.id, ...(reply ? { reply } : {}) });
  }),
};

const putOnFloor = onQuestion(({ state }, q) => {
  if (q.moderation !== 'approved') return refused('Approve the question before putting it on the floor.');
  if (q.answeredAt !== null) return refused('This question has already been answered.');
  return state.floor === q.id ? unchanged({ questionId: q.id }) : recorded({ questionId: q.id }, { type: 'floor.set', questionId: q.id });
});
