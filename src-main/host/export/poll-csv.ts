import { isoDateTime } from '../../../src-shared/minutes/format.js';
import type { Minutes } from '../../../src-shared/minutes/model.js';
import { toCsv } from './csv.js';

export const POLL_COLUMNS = [
  'poll_number',
  'question',
  'kind',
  'option_number',
  'option',
  'ballots_for_option',
  'percent_of_ballots',
  'ballots',
  'answers_changed',
  'mean_rating',
  'phones_base',
  'share_answered_percent',
  'opened_at',
  'closed_at',
  'poll_id',
] as const;

/**
 * Poll results as CSV: one row per option of every poll that was opened. Aggregates only (counts,
 * percentages, the mean): no row says how a device answered. Same CSV rules as the other exports
 * (BOM, CRLF, formula prefixes neutralised).
 */
export function renderPollsCsv(m: Minutes): string {
  const tz = m.session.timeZone;
  const when = (at: number | null) => (at === null ? '' : isoDateTime(at, tz));
  const rows = (m.polls ?? []).flatMap((p) =>
    p.options.map((o, i) => [
      p.number,
      p.question,
      p.kind,
      i + 1,
      o.label,
      o.count,
      o.percent,
      p.ballots,
      p.changes,
      p.mean === null ? '' : Number(p.mean.toFixed(2)),
      p.base.phones,
      Math.round(p.shareAnswered * 100),
      when(p.openedAt),
      when(p.closedAt),
      p.id,
    ]),
  );
  return toCsv(POLL_COLUMNS, rows);
}
