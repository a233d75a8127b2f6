import type { Translate } from '../../i18n/format.js';
import { escapeMarkdown, escapeMarkdownLine } from '../../minutes/markdown-escape.js';
import { followUpLine, type MinutesCarriedQuestion, type MinutesFollowUp } from './minutes.js';

/** The lines under a follow-up list item: what was done after the meeting, then its text as a quote. */
export function followUpMarkdown(f: MinutesFollowUp | null | undefined, when: (at: number) => string, tr: Translate, indent = '   '): string[] {
  if (!f) return [];
  const lines = ['', `${indent}*${followUpLine(f, when, tr)}*`];
  if (f.text.trim()) lines.push('', `${indent}> ${escapeMarkdown(f.text, `${indent}> `)}`);
  return lines;
}

/** The questions carried in from earlier meetings, with their follow-up; nothing when there are none. */
export function carriedInMarkdown(carried: readonly MinutesCarriedQuestion[] | undefined, date: (at: number) => string, when: (at: number) => string, tr: Translate): string[] {
  if (!carried || carried.length === 0) return [];
  const out = [`## ${tr('minutes.fu_carriedHeading')}`, ''];
  carried.forEach((c, i) => {
    const detail = tr('minutes.fu_carriedDetail', { number: c.number, title: escapeMarkdownLine(c.fromTitle), date: date(c.fromDate) });
    out.push(`${i + 1}. ${escapeMarkdown(c.text, '   ')} (${detail}; ${tr('minutes.votes', { count: c.votes })})`);
    out.push(...(c.followUp ? followUpMarkdown(c.followUp, when, tr) : ['', `   *${tr('minutes.fu_noFollowUp')}*`]));
    out.push('');
  });
  return out;
}
