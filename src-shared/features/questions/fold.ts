import type { EventBody } from '../../events.js';
import { askedModeration, mergeTree, type Moderation, type QuestionModeration, type SessionModeration } from '../moderation/fold.js';

/** Questions' part of the folded state. */
export interface QuestionState extends QuestionModeration<QuestionState> {
  id: string;
  seq: number;
  text: string;
  /** Empty when the asker stayed anonymous. */
  name: string;
  deviceId: string;
  /** The phone's request that asked it (so a replayed request finds its question). */
  requestId: string;
  askedAt: number;
  moderation: Moderation;
  answeredAt: number | null;
  /** The written answer, when it was answered in writing rather than live. */
  reply: string | null;
  /** When it was last put on the floor (null if never). */
  floorAt: number | null;
  voters: Set<string>;
}

export interface QuestionsState {
  /** Insertion order is the order asked. */
  questions: Map<string, QuestionState>;
  /** The question on the floor now. */
  floor: string | null;
}

export const emptyQuestions = (): QuestionsState => ({ questions: new Map(), floor: null });

/** Applies a question event (asked, moderated, put on the floor, answered, voted on), in place. */
export function applyQuestionEvent(state: QuestionsState & SessionModeration, body: EventBody, at: number, seq: number): void {
  switch (body.type) {
    case 'question.asked':
      state.questions.set(body.questionId, {
        id: body.questionId,
        seq,
        text: body.text,
        name: body.name,
        deviceId: body.deviceId,
        requestId: body.requestId,
        askedAt: at,
        moderation: body.muted ? 'hidden' : body.approved ? 'approved' : 'pending',
        answeredAt: null,
        reply: null,
        floorAt: null,
        voters: new Set(),
        ...askedModeration(body, state, body.deviceId),
      });
      return;
    case 'question.approved':
      withQuestion(state, body.questionId, (q) => (q.moderation = 'approved'));
      return;
    case 'question.hidden':
    case 'question.withdrawn':
      withQuestion(state, body.questionId, (q) => {
        q.moderation = body.type === 'question.hidden' ? 'hidden' : 'withdrawn';
        if (state.floor === q.id) state.floor = null;
      });
      return;
    case 'floor.set':
      state.floor = body.questionId;
      if (body.questionId) withQuestion(state, body.questionId, (q) => (q.floorAt = at));
      return;
    case 'question.answered':
      withQuestion(state, body.questionId, (q) => {
        q.answeredAt = at;
        q.reply = body.reply ?? null;
        if (state.floor === q.id) state.floor = null;
      });
      return;
    case 'vote.cast':
      withQuestion(state, body.questionId, (q) => q.voters.add(body.deviceId));
      return;
    case 'vote.withdrawn':
      // A withdrawn vote leaves the question and every question merged into it (votes are united by phone).
      withQuestion(state, body.questionId, (q) => mergeTree(q).forEach((x) => x.voters.delete(body.deviceId)));
      return;
    case 'session.closed':
      state.floor = null;
      return;
  }
}

function withQuestion(state: QuestionsState, id: string, fn: (q: QuestionState) => void): void {
  const q = state.questions.get(id);
  if (q) fn(q);
}

/** What a phone calls the state of its own question. */
export type QuestionStatus = 'waiting' | 'on-screen' | 'on-floor' | 'answered' | 'hidden' | 'withdrawn' | 'merged';

export function questionStatus(q: QuestionState, floor: string | null): QuestionStatus {
  if (q.moderation === 'hidden') return 'hidden';
  if (q.moderation === 'withdrawn') return 'withdrawn';
  if (q.mergedInto !== null) return 'merged';
  if (q.answeredAt !== null) return 'answered';
  if (q.moderation === 'pending') return 'waiting';
  return floor === q.id ? 'on-floor' : 'on-screen';
}

export const isPublic = (q: QuestionState): boolean => q.moderation === 'approved' && q.mergedInto === null;
