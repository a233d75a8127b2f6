import type { EventBody } from '../../events.js';
import type { SessionState } from '../../state.js';
import { isPublic } from '../questions/fold.js';
import type { FollowUpAuthor, FollowUpOutcome } from './events.js';

export interface FollowUpInput {
  questionId: string;
  outcome: FollowUpOutcome;
  text: string;
  by: FollowUpAuthor;
}

/**
 * A written follow-up decided on the state of the session it is written in: the events for that log,
 * and, when the question is carried between two meetings, the session whose log records it too (the
 * same words, marked with where they were written), so each meeting's record is complete on its own.
 */
export type FollowUpDecision =
  | { ok: true; events: EventBody[]; linkedSessionId: string | null; linkedEvents: EventBody[] }
  | { ok: false; error: string };

export const FOLLOW_UP_REFUSALS = {
  noQuestion: 'That question is not in this meeting’s follow-up list.',
  notClosed: 'Write follow-up once the meeting has closed. During the meeting, mark the question answered with a written reply.',
  needsText: {
    answered: 'Write the answer.',
    referred: 'Say whom it was referred to (a department or a person).',
    'not-answered': 'Say why it will not be answered.',
  },
  carriedAgain: 'This question was carried from an earlier meeting: answer it, refer it, or say why it will not be answered.',
  alreadyCarried: (title: string) => `This question was already carried to “${title}”; answer it there or here.`,
} as const;

/** Decides one written follow-up on `state` (the session `sessionId`'s). */
export function decideFollowUp(state: SessionState, input: FollowUpInput): FollowUpDecision {
  const { questionId, outcome, text, by } = input;
  const q = state.questions.get(questionId);
  const carriedIn = state.followUp.carriedIn.get(questionId);
  const own = q !== undefined && isPublic(q) && !(q.answeredAt !== null && q.reply === null);
  if (!own && !carriedIn) return { ok: false, error: FOLLOW_UP_REFUSALS.noQuestion };
  if (own && state.status !== 'closed') return { ok: false, error: FOLLOW_UP_REFUSALS.notClosed };
  if (outcome !== 'carried' && text.trim() === '') return { ok: false, error: FOLLOW_UP_REFUSALS.needsText[outcome] };
  const carriedTo = state.followUp.carriedTo.get(questionId);
  if (outcome === 'carried') {
    if (carriedIn) return { ok: false, error: FOLLOW_UP_REFUSALS.carriedAgain };
    if (carriedTo) return { ok: false, error: FOLLOW_UP_REFUSALS.alreadyCarried(carriedTo.title) };
  }
  const current = state.followUp.followUps.get(questionId)?.current;
  if (current && current.outcome === outcome && current.text === text && current.by === by) {
    return { ok: true, events: [], linkedSessionId: null, linkedEvents: [] };
  }
  const event: EventBody = { type: 'followup.written', questionId, outcome, text, by };
  const linkedSessionId = carriedIn?.fromSessionId ?? carriedTo?.sessionId ?? null;
  return { ok: true, events: [event], linkedSessionId, linkedEvents: linkedSessionId ? [{ ...event, writtenIn: state.id }] : [] };
}
