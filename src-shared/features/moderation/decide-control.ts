import type { moderationInputs, ModerationOutputs } from './control.js';
import { recorded, refused, unchanged, type ControlContext, type ControlDecision, type ControlRules } from '../rules.js';
import { onQuestion } from '../questions/decide-control.js';

/**
 * The rules of moderation, as pure functions of the state: what the facilitator may do to a question
 * or a phone. Each returns events or a refusal in plain words.
 */
export const MODERATION_REFUSALS = {
  noQuestion: 'No such question.',
  withdrawn: 'The asker withdrew this question.',
  isMerged: 'This question is merged into another one. Unmerge it first.',
  notMerged: 'This question is not merged into another one.',
  sameQuestion: 'A question cannot be merged into itself.',
  keepNotOnBoard: 'The question to keep must be on the board.',
  keepMerged: 'The question to keep is itself merged into another one.',
  dupOnFloor: 'Take the question off the floor before merging it.',
  dupAnswered: 'This question has been answered; it cannot be merged.',
  emptyText: 'The edited question is empty.',
} as const;

/** The commands decided on the session: every moderation command but `setDisplay` (a folder setting). */
type Decided = Omit<typeof moderationInputs, 'setDisplay'>;

/** The filter as it would be with `on` and `words`, recorded only if it changes. */
function filterRule<V>(ctx: ControlContext, on: boolean, words: readonly string[], value: V): ControlDecision<V> {
  const { filter } = ctx.state;
  const same = on === filter.on && words.length === filter.words.length && words.every((w, i) => w === filter.words[i]);
  return same ? unchanged(value) : recorded(value, { type: 'filter.changed', on, words: [...words] });
}

/** Mute or unmute the phone that asked `q` (the console knows questions, not devices). */
const muteRule = (mute: boolean) =>
  onQuestion(({ state }, q) => {
    const value = { questionId: q.id };
    if (state.muted.has(q.deviceId) === mute) return unchanged(value);
    const questionIds = [...state.questions.values()].filter((x) => x.deviceId === q.deviceId).map((x) => x.id);
    return recorded(value, { type: mute ? 'device.muted' : 'device.unmuted', deviceId: q.deviceId, questionIds });
  });

export const MODERATION_RULES: ControlRules<Decided, ModerationOutputs> = {
  editQuestion: onQuestion((_ctx, q, { text, name }) => {
    const value = { questionId: q.id };
    if (q.moderation === 'withdrawn') return refused(MODERATION_REFUSALS.withdrawn);
    if (q.mergedInto !== null) return refused(MODERATION_REFUSALS.isMerged);
    if (text.trim().length === 0) return refused(MODERATION_REFUSALS.emptyText);
    const newName = name ?? q.name;
    if (text === q.text && newName === q.name) return unchanged(value);
    return recorded(value, { type: 'question.edited', questionId: q.id, text, name: newName });
  }),
  mergeQuestion: onQuestion(({ state }, q, { into }) => {
    const keep = state.questions.get(into);
    if (!keep) return refused(MODERATION_REFUSALS.noQuestion);
    if (keep.id === q.id) return refused(MODERATION_REFUSALS.sameQuestion);
    if (q.mergedInto === keep.id) return unchanged({ questionId: q.id });
    if (q.moderation === 'withdrawn' || keep.moderation === 'withdrawn') return refused(MODERATION_REFUSALS.withdrawn);
    if (q.mergedInto !== null) return refused(MODERATION_REFUSALS.isMerged);
    if (keep.mergedInto !== null) return refused(MODERATION_REFUSALS.keepMerged);
    if (keep.moderation !== 'approved') return refused(MODERATION_REFUSALS.keepNotOnBoard);
    if (state.floor === q.id) return refused(MODERATION_REFUSALS.dupOnFloor);
    if (q.answeredAt !== null) return refused(MODERATION_REFUSALS.dupAnswered);
    // keep is not merged anywhere, so it cannot be inside q's tree: no cycle can form.
    return recorded({ questionId: q.id }, { type: 'question.merged', questionId: q.id, into: keep.id });
  }),
  unmergeQuestion: onQuestion((_ctx, q) => {
    if (q.mergedInto === null) return refused(MODERATION_REFUSALS.notMerged);
    return recorded({ questionId: q.id }, { type: 'question.unmerged', questionId: q.id, from: q.mergedInto });
  }),
  muteAsker: muteRule(true),
  unmuteAsker: muteRule(false),
  setProfanityFilter: (ctx, { on }) => filterRule(ctx, on, ctx.state.filter.words, { on }),
  setCustomWords: (ctx, { words }) => filterRule(ctx, ctx.state.filter.on, words, { words }),
};
