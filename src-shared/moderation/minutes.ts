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
}

/** " · edited by the moderator · 2 similar questions merged into it", or nothing. */
export function questionModerationNote(q: MinutesQuestionModeration): string {
  let note = '';
  if (q.edited) note += ' · edited by the moderator';
  if (q.merged) note += ` · ${q.merged} similar ${q.merged === 1 ? 'question' : 'questions'} merged into it`;
  return note;
}

export function moderationSummaryLines(m: MinutesModerationCounts): string[] {
  const lines: string[] = [];
  if (m.merged) lines.push(`${m.merged} duplicate ${m.merged === 1 ? 'question was' : 'questions were'} merged into another question (votes counted once per phone).`);
  if (m.edited) lines.push(`${m.edited} ${m.edited === 1 ? 'question was' : 'questions were'} edited by the moderator (the public minutes show the edited text; the asker's text is kept in the JSON archive).`);
  return lines;
}
