import { formatDate, formatTime } from './format.js';
import type { Minutes, MinutesQuestion } from './model.js';
import { questionModerationNote } from '../features/moderation/minutes.js';
import { agendaMarkdown } from '../features/agenda/minutes-markdown.js';
import { devicesJoinedText, moderationLines, paperCodesFact, participationRows, remoteAttendanceFact } from './wording.js';
import { minutesWords } from './language.js';
import type { Translate } from '../i18n/format.js';
import { pollsMarkdown } from '../features/polls/minutes-markdown.js';
import { escapeMarkdown, escapeMarkdownLine } from './markdown-escape.js';
import { carriedInMarkdown, followUpMarkdown } from '../features/follow-up/minutes-markdown.js';

/** The minutes as Markdown (CommonMark + GFM); untrusted text goes through `markdown-escape.ts`. */
export function renderMinutesMarkdown(m: Minutes): string {
  const { session, locale } = m;
  const tz = session.timeZone;
  const time = (at: number) => formatTime(at, locale, tz);
  const tr = minutesWords(locale);
  const out: string[] = [];
  const start = session.openedAt ?? session.createdAt;
  const date = (at: number) => formatDate(at, locale, tz);
  const when = (at: number) => `${date(at)}, ${time(at)}`;

  out.push(`# ${escapeMarkdownLine(session.title) || tr('minutes.untitled')}`, '');
  out.push(tr('minutes.subtitle'), '');
  if (session.status !== 'closed') {
    const made = { time: time(m.generatedAt), date: formatDate(m.generatedAt, locale, tz) };
    out.push(`**${tr('minutes.provisionalLabel')}** ${tr(session.status === 'open' ? 'minutes.provisionalOpen' : 'minutes.provisionalDraft', made)}`, '');
  }
  const fact = (label: string, value: string) => `- **${tr(label)}:** ${value}`;
  if (session.place) out.push(fact('minutes.place', escapeMarkdownLine(session.place)));
  out.push(fact('minutes.date', formatDate(start, locale, tz)));
  out.push(fact('minutes.started', session.openedAt !== null ? time(session.openedAt) : tr('minutes.notOpened')));
  out.push(fact('minutes.ended', session.closedAt !== null ? time(session.closedAt) : tr('minutes.notClosed')));
  out.push(fact('minutes.timeZone', escapeMarkdown(tz)));
  if (session.facilitator) out.push(fact('minutes.facilitator', escapeMarkdownLine(session.facilitator)));
  const p = m.participation;
  out.push(fact('minutes.devicesJoined', devicesJoinedText(p, tr)));
  const paper = paperCodesFact(p, time, tr);
  if (paper) out.push(`- **${paper[0]}:** ${paper[1]}`);
  const remote = remoteAttendanceFact(p, time, tr);
  if (remote) out.push(`- **${remote[0]}:** ${remote[1]}`);
  out.push('');

  out.push(...agendaMarkdown(m, time, escapeMarkdownLine));

  out.push(`## ${tr('minutes.questions')}`, '');
  if (m.questions.length === 0) out.push(tr('minutes.noQuestions'), '');
  for (const q of m.questions) out.push(...questionItem(q, time, tr), '');

  out.push(...pollsMarkdown(m.polls ?? [], time, tr));

  out.push(`## ${tr('minutes.moderation')}`, '');
  out.push(...moderationLines(m, tr));
  out.push('');

  out.push(`## ${tr('minutes.participation')}`, '');
  out.push(`| ${tr('minutes.measure')} | ${tr('minutes.value')} |`, '| --- | ---: |');
  const rows = participationRows(p, tr);
  for (const [k, v] of rows) out.push(`| ${k} | ${v} |`);
  out.push('');
  if (p.timeline.length > 0) {
    out.push(`### ${tr('minutes.chartHeading', { minutes: p.bucketMinutes })}`, '');
    const max = Math.max(1, ...p.timeline.map((b) => Math.max(b.questions, b.votes)));
    const bar = (n: number) => '█'.repeat(Math.round((n / max) * 20)) || (n > 0 ? '▏' : '');
    out.push(`| ${tr('minutes.chartFrom')} | ${tr('minutes.questions')} | ${tr('minutes.colVotes')} | ${tr('minutes.chartQV')} |`, '| --- | ---: | ---: | --- |');
    const [q, v] = [tr('minutes.chartQ'), tr('minutes.chartV')];
    for (const b of p.timeline) {
      out.push(`| ${time(b.start)} | ${b.questions} | ${b.votes} | ${q} ${bar(b.questions)} / ${v} ${bar(b.votes)} |`);
    }
    out.push('');
  }

  out.push(`## ${tr('minutes.followUp')}`, '');
  if (m.followUp.length === 0) out.push(tr('minutes.allAnswered'), '');
  else {
    out.push(tr(m.followUp.some((q) => q.followUp) ? 'minutes.fu_intro' : 'minutes.followUpIntro'), '');
    m.followUp.forEach((q, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(q.text, '   ')} (${tr('minutes.followUpItem', { number: q.number, votes: tr('minutes.votes', { count: q.votes }) })})`);
      out.push(...followUpMarkdown(q.followUp, when, tr));
    });
    out.push('');
  }
  out.push(...carriedInMarkdown(m.carriedIn, date, when, tr));

  out.push(`## ${tr('minutes.record')}`, '');
  out.push(fact('minutes.events', String(m.log.events)));
  out.push(fact('minutes.finalHash', `\`${m.log.finalHash.replace(/[^0-9a-f]/g, '')}\``));
  out.push(fact('minutes.minutesMade', `${formatDate(m.generatedAt, locale, tz)}, ${time(m.generatedAt)}`));
  out.push('');
  out.push(`${tr('minutes.verifyNoteBefore')} \`open-floor verify\` ${tr('minutes.verifyNoteAfter')}`);
  out.push('');
  return out.join('\n');
}

function questionItem(q: MinutesQuestion, time: (at: number) => string, tr: Translate): string[] {
  const indent = '   ';
  const lines = [`${q.number}. ${escapeMarkdown(q.text, indent)}`];
  const meta: string[] = [];
  if (q.name) meta.push(tr('minutes.askedByLower', { name: escapeMarkdownLine(q.name) }));
  meta.push(tr('minutes.atTime', { time: time(q.askedAt) }));
  meta.push(tr('minutes.votes', { count: q.votes }));
  lines.push('', `${indent}*${meta.join(' · ')}${questionModerationNote(q, tr)}*`);
  const status =
    q.outcome === 'answered-live'
      ? tr('minutes.answeredLiveAt', { time: time(q.answeredAt as number) })
      : q.outcome === 'answered-in-writing'
        ? tr('minutes.answeredWritingAt', { time: time(q.answeredAt as number) })
        : q.floorAt !== null
          ? tr('minutes.leftOpenFloor', { time: time(q.floorAt) })
          : tr('minutes.leftOpen');
  lines.push('', `${indent}**${status}.**`);
  if (q.reply !== null) lines.push('', `${indent}> **${tr('minutes.writtenReply')}** ${escapeMarkdown(q.reply, `${indent}> `)}`);
  return lines;
}
