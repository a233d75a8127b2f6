import type { SessionState } from '../../state.js';
import type { Translate } from '../../i18n/format.js';
import type { FollowUpAuthor, FollowUpOutcome } from './events.js';
import type { CarriedQuestion } from './fold.js';

/** What the minutes say was done about a question after the meeting (issue 19). */
export interface MinutesFollowUp {
  outcome: FollowUpOutcome;
  /** The answer, whom it was referred to, a note on carrying it, or why it is not answered. */
  text: string;
  by: FollowUpAuthor;
  at: number;
  /** It replaced an earlier version of the same outcome (the earlier text stays in the archive). */
  edited: boolean;
  /** The later meeting it was carried into, when one holds it. */
  carriedTo: string | null;
  /** Written at a later meeting (its title), when not at this one. */
  writtenAt: string | null;
}

/** A question carried into this meeting from an earlier one, as the minutes list it. */
export type MinutesCarriedQuestion = Pick<CarriedQuestion, 'fromTitle' | 'fromDate' | 'number' | 'text' | 'name' | 'votes'> & {
  /** The question's id (the same in both meetings' records). */
  id: string;
  followUp: MinutesFollowUp | null;
};

/** The follow-up of a question (this meeting's or one carried into it), if any was written. */
export function questionFollowUp(state: SessionState, questionId: string): MinutesFollowUp | null {
  const written = state.followUp.followUps.get(questionId);
  if (!written) return null;
  const carried = state.followUp.carriedTo.get(questionId);
  const c = written.current;
  return {
    outcome: c.outcome,
    text: c.text,
    by: c.by,
    at: c.at,
    // Edited: an earlier version said the same kind of thing (an answer after "carried" is not an edit).
    edited: written.earlier.some((e) => e.outcome === c.outcome),
    carriedTo: carried?.title ?? null,
    writtenAt: c.writtenIn !== null ? titleOf(state, c.writtenIn) : null,
  };
}

/** The title of a meeting linked to this one by a carried question (the only ones a follow-up names). */
function titleOf(state: SessionState, sessionId: string): string {
  for (const c of state.followUp.carriedTo.values()) if (c.sessionId === sessionId) return c.title;
  for (const c of state.followUp.carriedIn.values()) if (c.fromSessionId === sessionId) return c.fromTitle;
  return '';
}

/** The questions carried in from earlier meetings, in the order they came. */
export function carriedInMinutes(state: SessionState): MinutesCarriedQuestion[] {
  return [...state.followUp.carriedIn.values()].map((c) => ({
    id: c.questionId,
    fromTitle: c.fromTitle,
    fromDate: c.fromDate,
    number: c.number,
    text: c.text,
    name: c.name,
    votes: c.votes,
    followUp: questionFollowUp(state, c.questionId),
  }));
}

/**
 * One line on a follow-up, in the minutes' language: "Answered in writing by the clerk on 12 Dec 2026,
 * 10:04 (edited; the earlier text is in the archive)". The text itself is rendered apart, as plain text.
 */
export function followUpLine(f: MinutesFollowUp, when: (at: number) => string, tr: Translate): string {
  const by = tr(`minutes.fu_by_${f.by}`);
  let line = tr(`minutes.fu_${f.outcome}`, { by, when: when(f.at) });
  if (f.outcome === 'carried' && f.carriedTo) line += ` ${tr('minutes.fu_carriedTo', { title: f.carriedTo })}`;
  if (f.writtenAt !== null) line += ` ${tr('minutes.fu_writtenAt', { title: f.writtenAt })}`;
  if (f.edited) line += ` ${tr('minutes.fu_edited')}`;
  return line;
}
