import { formatDate } from '../../../src-shared/minutes/format.js';
import type { Translate } from '../../../src-shared/i18n/format.js';
import { QUESTION_COLOR, renderChartPng } from '../export/chart.js';
import { esc } from './html.js';
import type { MeetingMeasures } from '../../../src-shared/measures/dialogue.js';

/** What the trend reads of a meeting's summary (index-page.ts). */
interface MeetingSummary {
  id: string;
  title: string;
  timeZone: string;
  start: number;
  measures?: Pick<MeetingMeasures, 'approved' | 'answeredOnFloor' | 'answeredInWriting'>;
}

/** The trend across meetings on the index: the share of questions on the board answered, on the floor or in writing. */
export const TREND_FILE = 'trend-answered.png';

interface TrendPoint {
  summary: MeetingSummary;
  /** 0–100. */
  share: number;
}

/** Oldest first; meetings with no question on the board (or no measures) say nothing about the trend. */
function trendPoints(meetings: readonly MeetingSummary[]): TrendPoint[] {
  return [...meetings]
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
    .flatMap((summary) => {
      const m = summary.measures;
      if (!m || m.approved === 0) return [];
      return [{ summary, share: Math.round((100 * (m.answeredOnFloor + m.answeredInWriting)) / m.approved) }];
    });
}

/** The chart as a PNG (bars numbered 1, 2, … as the list under it), or null with fewer than two meetings. */
export function trendPng(meetings: readonly MeetingSummary[]): Uint8Array | null {
  const points = trendPoints(meetings);
  if (points.length < 2) return null;
  const every = Math.ceil(points.length / 12);
  return renderChartPng(
    { title: '', color: QUESTION_COLOR, values: points.map((p) => p.share), max: 100 },
    points.map((_, i) => String(i + 1)),
    points.map((_, i) => i % every === 0 || i === points.length - 1),
  );
}

/** The trend's section: the picture, and the same numbers as a list (its text equivalent). */
export function trendSection(meetings: readonly MeetingSummary[], tr: Translate, locale: string): string {
  const points = trendPoints(meetings);
  if (points.length < 2) return '';
  const items = points.map((p) => `<li>${esc(formatDate(p.summary.start, locale, p.summary.timeZone))}, ${esc(p.summary.title)}: ${p.share} %</li>`);
  const values = points.map((p, i) => `${i + 1}: ${p.share} %`).join(', ');
  return `<section aria-labelledby="trend"><h2 id="trend">${esc(tr('published.trendHeading'))}</h2><p>${esc(tr('published.trendIntro'))}</p><figure><img src="${TREND_FILE}" width="600" height="150" alt="${esc(
    tr('published.trendAlt', { values }),
  )}"><figcaption><ol class="trend">${items.join('')}</ol></figcaption></figure></section>`;
}
