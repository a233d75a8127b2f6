import type { AskModeration } from '../moderation/events.js';

/** Questions: asked, moderated, put on the floor, answered, voted on. */
export type QuestionEvent =
  | ({
      type: 'question.asked';
      questionId: string;
      deviceId: string;
      requestId: string;
      text: string;
      name: string;
      /** True when pre-moderation was off: the question went straight to the board. */
      approved: boolean;
    } & AskModeration)
  | { type: 'question.approved'; questionId: string }
  | { type: 'question.hidden'; questionId: string }
  | { type: 'question.withdrawn'; questionId: string; deviceId: string; requestId: string }
  | { type: 'floor.set'; questionId: string | null }
  /** Answered live (no reply) or in writing (with the reply text). */
  | { type: 'question.answered'; questionId: string; reply?: string }
  | { type: 'vote.cast'; questionId: string; deviceId: string; requestId: string }
  | { type: 'vote.withdrawn'; questionId: string; deviceId: string; requestId: string };

export const QUESTION_EVENT_TYPES: Record<QuestionEvent['type'], true> = {
  'question.asked': true,
  'question.approved': true,
  'question.hidden': true,
  'question.withdrawn': true,
  'floor.set': true,
  'question.answered': true,
  'vote.cast': true,
  'vote.withdrawn': true,
};
