import type { SessionState } from '../../state.js';
import type { AskModeration } from './events.js';
import { matcherFor } from './profanity.js';
import { mergeTree } from './fold.js';

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
