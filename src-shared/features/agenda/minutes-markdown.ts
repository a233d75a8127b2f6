import type { Minutes } from '../../minutes/model.js';
import { agendaText } from './minutes-text.js';
import { minutesWords } from '../../minutes/language.js';
import { escapeMarkdown } from '../../minutes/markdown-escape.js';

/**
 * The agenda section of the Markdown minutes (after the session facts, before the questions). `escape`
 * is the Markdown minutes' escaping of untrusted one-line text, so names, subjects and titles stay inert.
 */
export function agendaMarkdown(m: Minutes, time: (at: number) => string, escape: (text: string) => string): string[] {
  const t = agendaText(m, time);
  if (!t) return [];
  const out: string[] = [`## ${t.heading}`, '', t.intro, ''];
  const c = t.speakerColumns;
  for (const item of t.items) {
    out.push(`### ${escape(item.heading)}`, '');
    if (item.description) out.push(escape(item.description), '');
    for (const [k, v] of item.facts) out.push(`- **${k}:** ${escape(v)}`);
    out.push('');
    if (item.questions) out.push(item.questions, '');
    if (item.speakers.length > 0) {
      out.push(`| ${c.order} | ${c.speaker} | ${c.subject} | ${c.time} | ${c.note} |`, '| ---: | --- | --- | --- | --- |');
      for (const s of item.speakers) out.push(`| ${s.order} | ${escape(s.speaker)} | ${escape(s.subject)} | ${s.time} | ${s.note} |`);
      out.push('');
    }
    if (item.speakersNote) out.push(item.speakersNote, '');
    if (item.comments) {
      out.push(`**${item.comments.heading}**`, '');
      for (const c of item.comments.rows) out.push(`- ${escapeMarkdown(c.text, '  ')} — *${escape(c.by)}*`);
      out.push('');
    }
    out.push(`*${item.participation}*`, '');
  }
  if (t.unfiled) out.push(t.unfiled, '');
  const tr = minutesWords(m.locale);
  out.push(`### ${t.totalsHeading}`, '', `| ${tr('minutes.measure')} | ${tr('minutes.value')} |`, '| --- | ---: |');
  for (const [k, v] of t.totals) out.push(`| ${k} | ${v} |`);
  out.push('');
  return out;
}
