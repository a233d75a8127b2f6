import type { z } from 'zod';
import type { EventBody } from '../../events.js';
import type { moderationInputs } from './control.js';
import type { SessionState } from '../../state.js';
import type { AskModeration } from './events.js';
import { matcherFor } from './profanity.js';
import { mergeTree } from './fold.js';

/**
 * The rules of moderation, as pure functions of the state: what the facilitator may do to a question
 * or a phone, and how a new question is screened. Each returns events or a refusal in plain words.
 */
export type ModerationDecision = { ok: true; events: EventBody[] } | { ok: false; error: string };

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

const fail = (error: string): ModerationDecision => ({ ok: false, error });
const emit = (...events: EventBody[]): ModerationDecision => ({ ok: true, events });

/** The commands decided here: every moderation command but `setDisplay` (a folder setting, not a session's). */
export type ModerationCommandName = Exclude<keyof typeof moderationInputs, 'setDisplay'>;
export type ModerationInputs = { [K in ModerationCommandName]: z.output<(typeof moderationInputs)[K]> };
export const MODERATION_COMMANDS: readonly ModerationCommandName[] = [
  'editQuestion',
  'mergeQuestion',
  'unmergeQuestion',
  'muteAsker',
  'unmuteAsker',
  'setProfanityFilter',
  'setCustomWords',
];

export function decideModeration<K extends ModerationCommandName>(state: SessionState, command: K, input: ModerationInputs[K]): ModerationDecision {
  const args = input as Partial<ModerationInputs[ModerationCommandName]> & Record<string, unknown>;
  if (command === 'setProfanityFilter' || command === 'setCustomWords') {
    const on = command === 'setProfanityFilter' ? (input as ModerationInputs['setProfanityFilter']).on : state.filter.on;
    const words = command === 'setCustomWords' ? (input as ModerationInputs['setCustomWords']).words : state.filter.words;
    const same = on === state.filter.on && words.length === state.filter.words.length && words.every((w, i) => w === state.filter.words[i]);
    return same ? emit() : emit({ type: 'filter.changed', on, words: [...words] });
  }
  const q = state.questions.get(String(args.questionId));
  if (!q) return fail(MODERATION_REFUSALS.noQuestion);
  switch (command) {
    case 'editQuestion': {
      const { text, name } = input as ModerationInputs['editQuestion'];
      if (q.moderation === 'withdrawn') return fail(MODERATION_REFUSALS.withdrawn);
      if (q.mergedInto !== null) return fail(MODERATION_REFUSALS.isMerged);
      if (text.trim().length === 0) return fail(MODERATION_REFUSALS.emptyText);
      const newName = name ?? q.name;
      if (text === q.text && newName === q.name) return emit();
      return emit({ type: 'question.edited', questionId: q.id, text, name: newName });
    }
    case 'mergeQuestion': {
      const keep = state.questions.get((input as ModerationInputs['mergeQuestion']).into);
      if (!keep) return fail(MODERATION_REFUSALS.noQuestion);
      if (keep.id === q.id) return fail(MODERATION_REFUSALS.sameQuestion);
      if (q.mergedInto === keep.id) return emit();
      if (q.moderation === 'withdrawn' || keep.moderation === 'withdrawn') return fail(MODERATION_REFUSALS.withdrawn);
      if (q.mergedInto !== null) return fail(MODERATION_REFUSALS.isMerged);
      if (keep.mergedInto !== null) return fail(MODERATION_REFUSALS.keepMerged);
      if (keep.moderation !== 'approved') return fail(MODERATION_REFUSALS.keepNotOnBoard);
      if (state.floor === q.id) return fail(MODERATION_REFUSALS.dupOnFloor);
      if (q.answeredAt !== null) return fail(MODERATION_REFUSALS.dupAnswered);
      // keep is not merged anywhere, so it cannot be inside q's tree: no cycle can form.
      return emit({ type: 'question.merged', questionId: q.id, into: keep.id });
    }
    case 'unmergeQuestion':
      if (q.mergedInto === null) return fail(MODERATION_REFUSALS.notMerged);
      return emit({ type: 'question.unmerged', questionId: q.id, from: q.mergedInto });
    case 'muteAsker':
    case 'unmuteAsker': {
      const mute = command === 'muteAsker';
      if (state.muted.has(q.deviceId) === mute) return emit();
      const questionIds = [...state.questions.values()].filter((x) => x.deviceId === q.deviceId).map((x) => x.id);
      return emit({ type: mute ? 'device.muted' : 'device.unmuted', deviceId: q.deviceId, questionIds });
    }
  }
  return fail('Unknown command.');
}

/**
 * How a new question is screened: a muted phone's question is hidden; a match of the profanity filter
 * (text or name) holds it for a moderator even when pre-moderation is off; otherwise pre-moderation
 * decides. Nothing is ever dropped.
 */
export function screenAsk(state: SessionState, deviceId: string, text: string, name: string): AskModeration & { approved: boolean } {
  if (state.muted.has(deviceId)) return { approved: false, muted: true };
  if (state.filter.on) {
    const matcher = matcherFor(state.filter.words);
    const held = [...new Set([...matcher.matches(text), ...matcher.matches(name)])];
    if (held.length > 0) return { approved: false, held };
  }
  return { approved: !state.premoderation };
}

/** Questions whose votes a phone's vote on `questionId` stands for (the question and those merged into it). */
export function votedInTree(state: SessionState, questionId: string, deviceId: string): boolean {
  const q = state.questions.get(questionId);
  return q !== undefined && mergeTree(q).some((x) => x.voters.has(deviceId));
}
