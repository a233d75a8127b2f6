import { escapeMarkdown, escapeMarkdownLine } from '../../minutes/markdown-escape.js';
import { pollsHeading, pollsNote, pollText, type MinutesPoll } from './minutes.js';
import type { Translate } from '../../i18n/format.js';
import { minutesWords } from '../../minutes/language.js';

/** The polls section of the Markdown minutes (nothing when the session ran no poll). */
export function pollsMarkdown(polls: readonly MinutesPoll[], time: (at: number) => string, tr: Translate = minutesWords('en')): string[] {
  if (polls.length === 0) return [];
  const out = [`## ${pollsHeading(tr)}`, '', escapeMarkdown(pollsNote(tr)), ''];
  for (const p of polls) {
    const t = pollText(p, time, tr);
    out.push(`### ${escapeMarkdownLine(t.heading)}`, '');
    for (const [k, v] of t.facts) out.push(`- **${k}:** ${escapeMarkdownLine(v)}`);
    out.push('');
    const max = Math.max(1, ...p.options.map((o) => o.count));
    out.push(`| ${t.columns.join(' | ')} | ${tr('minutes.chart')} |`, '| --- | ---: | ---: | --- |');
    t.rows.forEach(([label, count, share], i) => {
      const bar = '█'.repeat(Math.round(((p.options[i]?.count ?? 0) / max) * 20));
      out.push(`| ${escapeMarkdownLine(label)} | ${count} | ${share} | ${bar} |`);
    });
    out.push('');
  }
  return out;
}
