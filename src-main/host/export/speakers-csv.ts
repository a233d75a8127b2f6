import { isoDateTime } from '../../../src-shared/minutes/format.js';
import type { Minutes } from '../../../src-shared/minutes/model.js';
import { toCsv } from './csv.js';
import { overtimeSeconds, wholeSeconds } from '../../../src-shared/features/agenda/timer.js';

export const SPEAKER_COLUMNS = [
  'item_number',
  'item',
  'order',
  'speaker',
  'name',
  'subject',
  'interpreter',
  'walk_in',
  'outcome',
  'called_at',
  'seconds_used',
  'seconds_allowed',
  'seconds_extended',
  'seconds_over',
] as const;

/** Whole seconds, rounded down like the minutes and the clocks; empty when the timer never ran. */
const seconds = (ms: number | null): number | string => (ms === null ? '' : wholeSeconds(ms));

/**
 * One row per speaker called, item by item in agenda order, in the order called (the same people as the
 * minutes; no device ids). Empty (header only) for a session without an agenda. Text cells are
 * neutralised against formula injection by `toCsv`.
 */
export function renderSpeakersCsv(m: Minutes): string {
  const tz = m.session.timeZone;
  const rows = (m.agenda?.items ?? []).flatMap((item) =>
    item.speakers.map((s) => [
      item.number,
      item.title,
      s.order,
      s.label,
      s.name,
      s.subject,
      s.interpreter ? 'yes' : 'no',
      s.walkIn ? 'yes' : 'no',
      s.outcome,
      isoDateTime(s.calledAt, tz),
      seconds(s.usedMs),
      seconds(s.allowedMs),
      seconds(s.extendedMs),
      s.usedMs === null ? '' : overtimeSeconds(s.usedMs, s.allowedMs),
    ]),
  );
  return toCsv(SPEAKER_COLUMNS, rows);
}
