/**
 * Moderation events (issue 10). Each names every question it changes, so the projections rewrite
 * exactly those (`moderationTouched`).
 */
export type ModerationEventBody =
  /** The moderator's text and name replace the asker's; the asker's stay in `question.asked`. */
  | { type: 'question.edited'; questionId: string; text: string; name: string }
  /** `questionId` (a duplicate) leaves the board; its votes count for `into`, once per phone. */
  | { type: 'question.merged'; questionId: string; into: string }
  /** `questionId` comes back from `from` with its own votes. */
  | { type: 'question.unmerged'; questionId: string; from: string }
  /** The phone's questions are `questionIds` (all it asked); the pending ones are hidden. */
  | { type: 'device.muted'; deviceId: string; questionIds: string[] }
  /** Reverses `device.muted`: questions hidden because of the mute wait for the moderator again. */
  | { type: 'device.unmuted'; deviceId: string; questionIds: string[] }
  /** The profanity filter for this session: on or off, and the facilitator's own words. */
  | { type: 'filter.changed'; on: boolean; words: string[] };

/** What a `question.asked` event may carry for moderation. */
export interface AskModeration {
  /** Words the profanity filter matched in the text or the name: the question waits for a moderator. */
  held?: string[];
  /** The phone was muted when it asked: the question is hidden. */
  muted?: true;
}

/** Questions an event changes besides its `questionId`. */
export function moderationTouched(body: { type: string }): string[] {
  const b = body as Partial<{ into: string; from: string; questionIds: string[] }>;
  if (body.type === 'question.merged' && b.into) return [b.into];
  if (body.type === 'question.unmerged' && b.from) return [b.from];
  if ((body.type === 'device.muted' || body.type === 'device.unmuted') && b.questionIds) return b.questionIds;
  return [];
}

/** Every moderation event type (the archive's reader accepts exactly the types the log knows). */
export const MODERATION_EVENT_TYPES: Record<ModerationEventBody['type'], true> = {
  'question.edited': true,
  'question.merged': true,
  'question.unmerged': true,
  'device.muted': true,
  'device.unmuted': true,
  'filter.changed': true,
};
