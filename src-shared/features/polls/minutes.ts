import type { SessionState } from '../../state.js';
import type { PollKind, PollVisibility } from './events.js';
import type { Translate } from '../../i18n/format.js';
import { minutesWords } from '../../minutes/language.js';

const ENGLISH = minutesWords('en');
import { pollOptionLabels } from './labels.js';
import { ratingMean } from './fold.js';
import { formatMean, percentOf } from './views.js';

/**
 * Polls in the record (issue 8). Definitions:
 * - A poll is listed once it was opened (drafts never run are left out), in the order created.
 * - `ballots`: phones whose last ballot counts; `changes`: ballots replaced by a later one from the
 *   same phone (the log keeps each).
 * - `percent` of an option: its count over ballots, rounded (multiple choice can sum over 100 %).
 * - Participation (`shareAnswered`): ballots over the phones connected when the poll closed; a poll
 *   closed by the session's close (no count recorded) uses the session's peak of phones connected.
 * Aggregates only: nothing here says how a device answered.
 */
export interface MinutesPollOption {
  label: string;
  count: number;
  percent: number;
}

export interface MinutesPoll {
  number: number;
  id: string;
  kind: PollKind;
  question: string;
  options: MinutesPollOption[];
  maxChoices: number;
  visibility: PollVisibility;
  /** The agenda item it belongs to, and that item's title (null: the session). */
  itemId: string | null;
  item: string | null;
  openedAt: number;
  closedAt: number | null;
  ballots: number;
  changes: number;
  mean: number | null;
  /** Phones the share is taken over, and what they are. */
  base: { phones: number; what: 'connected at close' | 'most connected at once' };
  /** ballots / base.phones, 0..1 (0 when the base is 0). */
  shareAnswered: number;
}

/** `tr`: the minutes' language, for the answers the system words (yes/no/abstain). */
export function buildPollMinutes(state: SessionState, tr: Translate = ENGLISH): MinutesPoll[] {
  const out: MinutesPoll[] = [];
  for (const p of state.polls.byId.values()) {
    if (p.openedAt === null) continue;
    const ballots = p.ballots.size;
    const base =
      p.connectedAtClose !== null
        ? { phones: p.connectedAtClose, what: 'connected at close' as const }
        : { phones: state.peakConnected, what: 'most connected at once' as const };
    const labels = pollOptionLabels(p, tr);
    out.push({
      number: out.length + 1,
      id: p.id,
      kind: p.kind,
      question: p.question,
      options: labels.map((label, i) => ({ label, count: p.counts[i] ?? 0, percent: percentOf(p.counts[i] ?? 0, ballots) })),
      maxChoices: p.maxChoices,
      visibility: p.visibility,
      itemId: p.itemId,
      item: p.itemId ? (state.agenda.items.get(p.itemId)?.title ?? null) : null,
      openedAt: p.openedAt,
      closedAt: p.closedAt,
      ballots,
      changes: p.ballotEvents - ballots,
      mean: ratingMean(p),
      base,
      shareAnswered: base.phones === 0 ? 0 : Math.min(1, ballots / Math.max(base.phones, ballots)),
    });
  }
  return out;
}

/** What every format says about one poll: its facts as label/value pairs and its table of options. */
export interface PollText {
  heading: string;
  facts: Array<[string, string]>;
  columns: [string, string, string];
  rows: Array<[string, string, string]>;
}

export function pollText(p: MinutesPoll, time: (at: number) => string, tr: Translate = ENGLISH): PollText {
  const answered = { ballots: p.ballots, phones: p.base.phones, pct: Math.round(p.shareAnswered * 100) };
  const facts: Array<[string, string]> = [
    ...(p.item !== null ? [[tr('minutes.pollItem'), p.item] as [string, string]] : []),
    [tr('minutes.pollKind'), tr(`minutes.kind_${p.kind}`) + (p.kind === 'multiple' ? tr('minutes.upToPerPhone', { max: p.maxChoices }) : '')],
    [tr('minutes.opened'), time(p.openedAt)],
    [tr('minutes.closed'), p.closedAt !== null ? time(p.closedAt) : tr('minutes.stillOpen')],
    [tr('minutes.ballots'), `${p.ballots}${p.changes > 0 ? tr('minutes.changedBeforeClose', { count: p.changes }) : ''}`],
    [tr('minutes.answered'), tr(p.base.what === 'connected at close' ? 'minutes.answeredOfConnected' : 'minutes.answeredOfPeak', answered)],
  ];
  if (p.kind === 'rating') facts.push([tr('minutes.meanRating'), tr('minutes.meanOf5', { mean: formatMean(p.mean) })]);
  facts.push([tr('minutes.resultsShown'), tr(`minutes.visibility_${p.visibility}`)]);
  return {
    heading: tr('minutes.pollHeading', { number: p.number, question: p.question }),
    facts,
    columns: [tr('minutes.option'), tr('minutes.ballots'), tr('minutes.share')],
    rows: p.options.map((o) => [o.label, String(o.count), `${o.percent} %`]),
  };
}

/** The polls section's heading and note in the minutes' language. */
export const pollsHeading = (tr: Translate = ENGLISH): string => tr('minutes.polls');
export const pollsNote = (tr: Translate = ENGLISH): string => tr('minutes.pollsNote');
