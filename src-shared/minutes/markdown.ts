import { formatDate, formatTime } from './format.js';
import type { Minutes, MinutesQuestion } from './model.js';
import { questionModerationNote } from '../moderation/minutes.js';
import { agendaMarkdown } from '../agenda/minutes-markdown.js';
import { moderationLines, participationRows, plural } from './wording.js';
import { pollsMarkdown } from '../polls/poll-markdown.js';

/**
 * The minutes as Markdown (CommonMark + GFM). Everything people typed — questions, names, replies, and
 * also the title and place — is untrusted and comes out as inert text, but readable: only what Markdown
 * would interpret is backslash-escaped (CommonMark renders an escaped punctuation mark as itself), so a
 * clerk reading the file sees "reopen, and what will it cost?" and not "reopen\, … cost\?".
 *
 * Escaped anywhere in a line:
 * - `\` `` ` `` `*` `_` `[` `]` `<` `~` `|`: escapes, code, emphasis, links and images (`![` needs `[`),
 *   HTML and autolinks, strikethrough, table cells;
 * - `&` only where it would start an entity (`&amp;`, `&#38;`);
 * - `:` before `//` and `.` between a letter or digit and a letter, so neither GFM nor markdown-it's
 *   linkify turns `http://…`, `www.…` or `example.com` into a link (`3.5` and `end. Next` stay as typed).
 *
 * Escaped only at the start of a line (where they start a block): `#` (heading), `>` (block quote),
 * `-` `+` `=` (list, thematic break, setext underline), and the `.` or `)` after leading digits
 * (ordered list); and a run of `#` ending a line after a space (a heading would drop it).
 *
 * Line breaks inside a text become hard breaks (`\` at the end of the line) followed by the
 * indentation of the surrounding block, so a typed line never starts a block of its own (blank lines
 * and the spaces around each line are dropped: Markdown would drop them too).
 *
 * Unescaping (removing each backslash before punctuation) gives the original text back, unchanged:
 * RTL scripts and emoji are not touched. `test/markdown-escape.test.ts` proves it with a real parser.
 */

const INLINE_SPECIAL_REGEX = /[\\`*_[\]<~|]|&(?=#?[A-Za-z0-9]+;)|:(?=\/\/)|(?<=[\p{L}\p{N}])\.(?=\p{L})/gu;

function escapeLine(line: string): string {
  const inline = line.replace(INLINE_SPECIAL_REGEX, (c) => `\\${c}`);
  // Block starts: a leading #, >, -, +, = or the marker of an ordered list ("1." / "1)"); and a
  // closing run of # at the end of a line, which a heading would drop ("Vote #" must keep its "#").
  return inline
    .replace(/^[#>\-+=]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(\s)(#+)$/, '$1\\$2');
}

/** Escapes untrusted text for a Markdown paragraph; `indent` continues a multi-line text in its block. */
export function escapeMarkdown(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(escapeLine)
    .join(`\\\n${indent}`);
}

/** Escapes untrusted text that must stay on one line (headings, names, list fields). */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' '));
}

/** Inverse of `escapeMarkdown` for one line (tests and round-trip checks). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\\n\s*/g, '\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}


export function renderMinutesMarkdown(m: Minutes): string {
  const { session, locale } = m;
  const tz = session.timeZone;
  const time = (at: number) => formatTime(at, locale, tz);
  const out: string[] = [];
  const start = session.openedAt ?? session.createdAt;

  out.push(`# ${escapeMarkdownLine(session.title) || 'Untitled session'}`, '');
  out.push('Minutes of a public session recorded with Open Floor.', '');
  if (session.status !== 'closed') {
    out.push(
      `**Provisional:** made at ${time(m.generatedAt)} on ${formatDate(m.generatedAt, locale, tz)} while the session was still ${session.status === 'open' ? 'open' : 'in preparation'}.`,
      '',
    );
  }
  if (session.place) out.push(`- **Place:** ${escapeMarkdownLine(session.place)}`);
  out.push(`- **Date:** ${formatDate(start, locale, tz)}`);
  out.push(`- **Started:** ${session.openedAt !== null ? time(session.openedAt) : 'not opened'}`);
  out.push(`- **Ended:** ${session.closedAt !== null ? time(session.closedAt) : 'not closed yet'}`);
  out.push(`- **Time zone:** ${escapeMarkdown(tz)}`);
  if (session.facilitator) out.push(`- **Facilitator:** ${escapeMarkdownLine(session.facilitator)}`);
  const p = m.participation;
  out.push(`- **Devices joined:** ${p.devicesJoined} (at most ${p.peakConnected} connected at once)`);
  out.push('');

  out.push(...agendaMarkdown(m, time, escapeMarkdownLine));

  out.push('## Questions', '');
  if (m.questions.length === 0) out.push('No questions were put on the board.', '');
  for (const q of m.questions) out.push(...questionItem(q, time), '');

  out.push(...pollsMarkdown(m.polls ?? [], time));

  out.push('## Moderation', '');
  out.push(...moderationLines(m));
  out.push('');

  out.push('## Participation', '');
  out.push('| Measure | Value |', '| --- | ---: |');
  const rows = participationRows(p);
  for (const [k, v] of rows) out.push(`| ${k} | ${v} |`);
  out.push('');
  if (p.timeline.length > 0) {
    out.push(`### Questions and votes over time (${p.bucketMinutes}-minute intervals)`, '');
    const max = Math.max(1, ...p.timeline.map((b) => Math.max(b.questions, b.votes)));
    const bar = (n: number) => '█'.repeat(Math.round((n / max) * 20)) || (n > 0 ? '▏' : '');
    out.push('| From | Questions | Votes | Chart (Q / V) |', '| --- | ---: | ---: | --- |');
    for (const b of p.timeline) {
      out.push(`| ${time(b.start)} | ${b.questions} | ${b.votes} | Q ${bar(b.questions)} / V ${bar(b.votes)} |`);
    }
    out.push('');
  }

  out.push('## Follow-up: questions left open', '');
  if (m.followUp.length === 0) out.push('Every question on the board was answered.', '');
  else {
    out.push('Ranked by votes, so they can be answered after the meeting.', '');
    m.followUp.forEach((q, i) => {
      out.push(`${i + 1}. ${escapeMarkdown(q.text, '   ')} (question ${q.number}, ${plural(q.votes, 'vote', 'votes')})`);
    });
    out.push('');
  }

  out.push('## Record', '');
  out.push(`- **Events in the log:** ${m.log.events}`);
  out.push(`- **Final hash (SHA-256):** \`${m.log.finalHash.replace(/[^0-9a-f]/g, '')}\``);
  out.push(`- **Minutes made:** ${formatDate(m.generatedAt, locale, tz)}, ${time(m.generatedAt)}`);
  out.push('');
  out.push('Check the record with `open-floor verify` on the JSON archive of this session: its final hash must match the one above.');
  out.push('');
  return out.join('\n');
}

function questionItem(q: MinutesQuestion, time: (at: number) => string): string[] {
  const indent = '   ';
  const lines = [`${q.number}. ${escapeMarkdown(q.text, indent)}`];
  const meta: string[] = [];
  if (q.name) meta.push(`asked by ${escapeMarkdownLine(q.name)}`);
  meta.push(`at ${time(q.askedAt)}`);
  meta.push(plural(q.votes, 'vote', 'votes'));
  lines.push('', `${indent}*${meta.join(' · ')}${questionModerationNote(q)}*`);
  const status =
    q.outcome === 'answered-live'
      ? `Answered live at ${time(q.answeredAt as number)}.`
      : q.outcome === 'answered-in-writing'
        ? `Answered in writing at ${time(q.answeredAt as number)}.`
        : q.floorAt !== null
          ? `Left open (was on the floor at ${time(q.floorAt)}).`
          : 'Left open.';
  lines.push('', `${indent}**${status}**`);
  if (q.reply !== null) lines.push('', `${indent}> **Written reply:** ${escapeMarkdown(q.reply, `${indent}> `)}`);
  return lines;
}
