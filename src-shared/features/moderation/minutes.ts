import type { Translate } from '../../i18n/format.js';
import { minutesWords } from '../../minutes/language.js';

const ENGLISH = minutesWords('en');

/**
 * What the minutes say about moderation (issue 10). Public files show the edited text only (the asker's
 * text stays in the JSON archive) and say that it was edited; a merged duplicate is not listed on its
 * own: the question kept says how many were merged into it, and its votes count each phone once.
 */
export interface MinutesQuestionModeration {
  /** A moderator edited the text or the name. */
  edited?: true;
  /** How many duplicates were merged into it. */
  merged?: number;
}

export interface MinutesModerationCounts {
  /** Questions edited by a moderator (listed or not). */
  edited?: number;
  /** Duplicates merged into another question (not listed on their own). */
  merged?: number;
  /** Written comments from muted phones (kept in the archive, not listed). */
  commentsWithheld?: number;
}

/** " · edited by the moderator · 2 similar questions merged into it", or nothing. */
export function questionModerationNote(q: MinutesQuestionModeration, tr: Translate = ENGLISH): string {
  let note = '';
  if (q.edited) note += tr('minutes.editedNote');
  if (q.merged) note += tr('minutes.mergedNote', { count: q.merged });
  return note;
}

export function moderationSummaryLines(m: MinutesModerationCounts, tr: Translate = ENGLISH): string[] {
  const lines: string[] = [];
  if (m.merged) lines.push(tr('minutes.mergedSummary', { count: m.merged }));
  if (m.edited) lines.push(tr('minutes.editedSummary', { count: m.edited }));
  if (m.commentsWithheld) lines.push(tr('minutes.commentsWithheld', { count: m.commentsWithheld }));
  return lines;
}
