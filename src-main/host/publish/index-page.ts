import type { Minutes } from '../../../src-shared/minutes/model.js';
import { measuresAcross, type MeetingMeasures } from '../../../src-shared/measures/dialogue.js';
import { formatDate } from '../../../src-shared/minutes/format.js';
import type { Translate } from '../../../src-shared/i18n/format.js';
import { esc, languageLinks, page, pageFile, scrollable } from './html.js';
import { trendSection } from './trend.js';

/**
 * The site's index: every meeting published into the folder, newest first. Each meeting leaves a small
 * summary beside its page (`meetings/<id>/meeting.json`, public facts only), so publishing one meeting
 * rewrites the index with all of them.
 */
export interface MeetingSummary {
  id: string;
  title: string;
  place: string;
  timeZone: string;
  /** When it opened (or was created, if never opened). */
  start: number;
  asked: number;
  answeredLive: number;
  answeredInWriting: number;
  open: number;
  /** The dialogue measured (docs/MEASURES.md); absent in a summary written before they were. */
  measures?: MeetingMeasures;
}

export function meetingSummary(m: Minutes, title: string, measures?: MeetingMeasures): MeetingSummary {
  const p = m.participation;
  return {
    id: m.session.id,
    title,
    place: m.session.place,
    timeZone: m.session.timeZone,
    start: m.session.openedAt ?? m.session.createdAt,
    asked: p.questionsAsked,
    answeredLive: p.answeredLive,
    answeredInWriting: p.answeredInWriting,
    open: p.questionsOpen,
    ...(measures ? { measures } : {}),
  };
}

export function isMeetingSummary(v: unknown): v is MeetingSummary {
  const s = v as Partial<MeetingSummary> | null;
  return !!s && typeof s.id === 'string' && typeof s.title === 'string' && typeof s.start === 'number' && typeof s.asked === 'number';
}

export interface IndexPageInput {
  meetings: readonly MeetingSummary[];
  tr: Translate;
  locale: string;
  langs: ReadonlyArray<{ lang: string; readIn: string }>;
  index: number;
}

const COLUMNS = ['colDate', 'colMeeting', 'colPlace', 'colAsked', 'colOnFloor', 'colInWriting', 'colReferred', 'colOpen', 'colTop', 'colDays'] as const;
const days = (d: number | null | undefined): string => (d === null || d === undefined ? '–' : d.toFixed(1));
const top = (t: { answered: number; of: number } | undefined): string => (t && t.of > 0 ? `${t.answered} / ${t.of}` : '–');

/** A meeting's numbers in the index's columns (from its measures; a summary from before them says less). */
function numbers(s: MeetingSummary): string[] {
  const m = s.measures;
  return [
    String(s.asked),
    String(s.answeredLive),
    String(m?.answeredInWriting ?? s.answeredInWriting),
    m ? String(m.referred) : '–',
    String(m ? m.stillOpen + m.carried : s.open),
    top(m?.topAnswered),
    days(m?.medianDaysToWrittenAnswer),
  ];
}

/** The row of every meeting together: the council's year (counts add up; the median is over every written answer). */
function totalsRow(meetings: readonly MeetingSummary[], tr: Translate): string {
  const measured = meetings.flatMap((s) => (s.measures ? [s.measures] : []));
  const all = measuresAcross(measured);
  const cells = [
    String(meetings.reduce((n, s) => n + s.asked, 0)),
    String(meetings.reduce((n, s) => n + s.answeredLive, 0)),
    String(all.answeredInWriting),
    String(all.referred),
    String(all.stillOpen + all.carried),
    top(all.topAnswered),
    days(all.medianDaysToWrittenAnswer),
  ];
  return `<tr class="totals"><td></td><th scope="row">${esc(tr('published.allMeetings', { count: meetings.length }))}</th><td></td>${cells.map((c) => `<td class="num">${c}</td>`).join('')}</tr>`;
}

export function indexPage({ meetings, tr, locale, langs, index }: IndexPageInput): string {
  const lang = langs[index]!.lang;
  const sorted = [...meetings].sort((a, b) => b.start - a.start || a.id.localeCompare(b.id));
  const cols = COLUMNS.map((c) => `<th scope="col">${esc(tr(`published.${c}`))}</th>`);
  const rows = sorted.map(
    (s) =>
      `<tr><td>${esc(formatDate(s.start, locale, s.timeZone))}</td><th scope="row"><a href="meetings/${esc(encodeURIComponent(s.id))}/${pageFile('index', lang, index)}">${esc(s.title)}</a></th><td>${esc(
        s.place,
      )}</td>${numbers(s).map((n) => `<td class="num">${n}</td>`).join('')}</tr>`,
  );
  const list =
    rows.length > 0
      ? scrollable(
          `<table class="meetings"><thead><tr>${cols.join('')}</tr></thead><tbody>${rows.join('')}</tbody><tfoot>${totalsRow(sorted, tr)}</tfoot></table>`,
          tr('published.siteTitle'),
        )
      : `<p>${esc(tr('published.noMeetings'))}</p>`;
  const main = `<h1>${esc(tr('published.siteTitle'))}</h1><p>${esc(tr('published.siteIntro'))}</p>${list}${trendSection(sorted, tr, locale)}<p class="muted">${esc(tr('published.measuresNote'))}</p>`;
  return page({ lang, title: tr('published.siteTitle'), root: '', skip: tr('published.skip'), nav: languageLinks('index', langs, index), navLabel: tr('published.navigation'), main });
}
