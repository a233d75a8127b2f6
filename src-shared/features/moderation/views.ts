import type { SessionState } from '../../state.js';
import type { QuestionState } from '../questions/fold.js';
import { mergeRoot, unitedVoters } from './fold.js';

/** What the board (projector, phones) shows of a question's moderation: only that it was edited. */
export interface BoardModeration {
  /** The moderator edited the text or the name (the public sees the edited one only). */
  edited?: true;
}

/** What the console shows of a question's moderation. */
export interface DeskModeration {
  /** The asker's text and name, if a moderator edited them. */
  original: { text: string; name: string } | null;
  /** The question it was merged into (it is off the board meanwhile). */
  mergedInto: string | null;
  /** How many questions were merged into this one. */
  mergedCount: number;
  /** Words the profanity filter matched when it was asked. */
  held: string[];
  /** The asking phone is muted. */
  askerMuted: boolean;
}

/** Votes that count for a question: once per phone over it and every question merged into it. */
export const voteCount = (q: QuestionState): number => unitedVoters(q).size;

export const boardModeration = (q: QuestionState): BoardModeration => (q.original ? { edited: true } : {});

export const deskModeration = (q: QuestionState): DeskModeration => ({
  original: q.original,
  mergedInto: q.mergedInto,
  mergedCount: q.merged.length,
  held: q.held,
  askerMuted: q.askerMuted,
});

/** What the asker's phone shows of its own question's moderation (in `mine`). */
export interface MyQuestionModeration {
  /** A moderator edited it; the text shown is the edited one. */
  edited?: true;
  /** It was merged into this question (its text as on the board). */
  mergedInto?: string;
  /** This many questions were merged into it. */
  mergedCount?: number;
}

export function myQuestionModeration(state: SessionState, q: QuestionState): MyQuestionModeration {
  const out: MyQuestionModeration = {};
  if (q.original) out.edited = true;
  if (q.mergedInto !== null) out.mergedInto = mergeRoot(state, q).text;
  if (q.merged.length > 0) out.mergedCount = q.merged.length;
  return out;
}
