import type { Minutes } from '../../../src-shared/minutes/model.js';
import { formatDate } from '../../../src-shared/minutes/format.js';
import type { Translate } from '../../../src-shared/i18n/format.js';
import { esc, languageLinks, page, pageFile, scrollable } from './html.js';

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
}

export function meetingSummary(m: Minutes, title: string): MeetingSummary {
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

export function indexPage({ meetings, tr, locale, langs, index }: IndexPageInput): string {
  const lang = langs[index]!.lang;
  const sorted = [...meetings].sort((a, b) => b.start - a.start || a.id.localeCompare(b.id));
  const cols = ['colDate', 'colMeeting', 'colPlace', 'colAsked', 'colOnFloor', 'colInWriting', 'colOpen'].map((c) => `<th scope="col">${esc(tr(`published.${c}`))}</th>`);
  const rows = sorted.map(
    (s) =>
      `<tr><td>${esc(formatDate(s.start, locale, s.timeZone))}</td><th scope="row"><a href="meetings/${esc(encodeURIComponent(s.id))}/${pageFile('index', lang, index)}">${esc(s.title)}</a></th><td>${esc(
        s.place,
      )}</td><td class="num">${s.asked}</td><td class="num">${s.answeredLive}</td><td class="num">${s.answeredInWriting}</td><td class="num">${s.open}</td></tr>`,
  );
  const list =
    rows.length > 0
      ? scrollable(`<table class="meetings"><thead><tr>${cols.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`, tr('published.siteTitle'))
      : `<p>${esc(tr('published.noMeetings'))}</p>`;
  const main = `<h1>${esc(tr('published.siteTitle'))}</h1><p>${esc(tr('published.siteIntro'))}</p>${list}`;
  return page({ lang, title: tr('published.siteTitle'), root: '', skip: tr('published.skip'), nav: languageLinks('index', langs, index), navLabel: tr('published.navigation'), main });
}
