import type { Minutes } from '../../../src-shared/minutes/model.js';
import type { MinutesText } from '../../../src-shared/minutes/wording.js';
import type { Translate } from '../../../src-shared/i18n/format.js';
import { pollsHeading, pollsNote, pollText } from '../../../src-shared/features/polls/minutes.js';
import { esc, factList, languageLinks, page, table } from './html.js';
import type { MeetingCharts } from './charts.js';

/**
 * One meeting's page: what the minutes say (`MinutesText`, the wording of the PDF and the DOCX), laid out
 * as HTML. Every question is an element `id="q-<questionId>"` (the id in the log), so a link can point at
 * it; mine.js highlights `#mine=<id>,<id>` as "your question". Sections the wording does not have are
 * skipped, like the other renderers do.
 */
export interface MeetingPageInput {
  minutes: Minutes;
  text: MinutesText;
  tr: Translate;
  lang: string;
  /** Every language of the site, in order (the page links to the others). */
  langs: ReadonlyArray<{ lang: string; readIn: string }>;
  index: number;
  charts: MeetingCharts;
}

export function meetingPage(input: MeetingPageInput): string {
  const { text: t, tr } = input;
  const main = [
    headerSection(input),
    agendaSection(t),
    questionsSection(input),
    pollsSection(input),
    participationSection(input),
    followUpSection(input),
    recordSection(input),
  ].join('\n');
  const nav = `<a href="../../${input.index === 0 ? 'index.html' : `index.${input.lang}.html`}">${esc(tr('published.allMeetings'))}</a>${languageLinks('index', input.langs, input.index)}`;
  return page({ lang: input.lang, title: t.title, root: '../../', skip: tr('published.skip'), nav, navLabel: tr('published.navigation'), main, scripts: ['mine.js'] });
}

function headerSection({ text: t }: MeetingPageInput): string {
  return [
    `<h1>${esc(t.title)}</h1>`,
    `<p class="subtitle">${esc(t.subtitle)}</p>`,
    t.provisional ? `<p class="provisional" role="note">${esc(t.provisional)}</p>` : '',
    factList(t.facts),
  ].join('');
}

/** An item's written comments (issue 19), as text: each with who wrote it (or "anonymous") and when. */
function comments(c: NonNullable<MinutesText['agenda']>['items'][number]['comments']): string {
  if (!c) return '';
  return `<h4>${esc(c.heading)}</h4><ol class="comments">${c.rows.map((r) => `<li><p>${esc(r.text)}</p><p class="meta">${esc(r.by)}</p></li>`).join('')}</ol>`;
}

function agendaSection(t: MinutesText): string {
  const a = t.agenda;
  if (!a) return '';
  const items = a.items.map((item) => {
    const speakers =
      item.speakers.length > 0
        ? table(
            [a.speakerColumns.order, a.speakerColumns.speaker, a.speakerColumns.subject, a.speakerColumns.time, a.speakerColumns.note],
            item.speakers.map((s) => [s.order, s.speaker, s.subject, s.time, s.note]),
            undefined,
            false,
          )
        : '';
    return `<section class="item"><h3>${esc(item.heading)}</h3>${item.description ? `<p>${esc(item.description)}</p>` : ''}${factList(item.facts)}${
      item.questions ? `<p>${esc(item.questions)}</p>` : ''
    }${speakers}${item.speakersNote ? `<p class="muted">${esc(item.speakersNote)}</p>` : ''}<p class="muted">${esc(item.participation)}</p>${comments(item.comments)}</section>`;
  });
  return `<section aria-labelledby="agenda"><h2 id="agenda">${esc(a.heading)}</h2><p>${esc(a.intro)}</p>${items.join('')}${
    a.unfiled ? `<p>${esc(a.unfiled)}</p>` : ''
  }<h3>${esc(a.totalsHeading)}</h3>${factList(a.totals)}</section>`;
}

function questionsSection({ minutes: m, text: t, tr }: MeetingPageInput): string {
  const items = t.questions.map((q, i) => {
    const id = m.questions[i]!.id;
    const outcome = m.questions[i]!.outcome;
    const reply = q.reply !== null ? `<p class="reply"><strong>${esc(t.replyLabel)}</strong> ${esc(q.reply)}</p>` : '';
    return `<li id="q-${esc(id)}" class="question ${outcome}" data-id="${esc(id)}"><p class="q-text"><span class="q-number">${esc(q.number)}.</span> ${esc(q.text)}</p><p class="meta">${esc(q.asked)} · <span class="votes">${esc(
      tr('published.votes', { count: Number(q.votes) }),
    )}</span></p><p class="outcome">${esc(q.outcome)}</p>${reply}${written(q)}</li>`;
  });
  return `<section aria-labelledby="questions"><h2 id="questions">${esc(t.questionsHeading)}</h2><p>${esc(t.questionsIntro)}</p>${
    items.length > 0 ? `<ol class="questions" data-mine-label="${esc(tr('published.yourQuestion'))}">${items.join('\n')}</ol>` : ''
  }</section>`;
}

function pollsSection({ minutes: m, text: t, charts, tr }: MeetingPageInput): string {
  if (!m.polls || m.polls.length === 0) return '';
  const polls = m.polls.map((poll, i) => {
    const pt = pollText(poll, t.time, t.words);
    const values = pt.rows.map(([label, count, share], n) => `${n + 1}. ${label} ${count} (${share})`).join('; ');
    const file = charts.polls[i];
    const img = file ? `<img src="${esc(file)}" width="600" height="150" alt="${esc(tr('published.pollChartAlt', { values }))}">` : '';
    const rows = pt.rows.map(([label, count, share], n) => [`${n + 1}. ${label}`, count, share]);
    return `<section class="poll"><h3>${esc(pt.heading)}</h3>${factList(pt.facts)}${img}${table(pt.columns, rows)}</section>`;
  });
  return `<section aria-labelledby="polls"><h2 id="polls">${esc(pollsHeading(t.words))}</h2><p class="muted">${esc(pollsNote(t.words))}</p>${polls.join('')}</section>`;
}

function participationSection({ text: t, charts, tr }: MeetingPageInput): string {
  const lines = t.moderation.map((l) => `<li>${esc(l)}</li>`).join('');
  const out = [
    `<section aria-labelledby="moderation"><h2 id="moderation">${esc(t.moderationHeading)}</h2><ul>${lines}</ul></section>`,
    `<section aria-labelledby="participation"><h2 id="participation">${esc(t.participationHeading)}</h2>${factList(t.participation)}`,
  ];
  const c = charts.timeline;
  if (c && t.chartHeading) {
    out.push(`<h3>${esc(t.chartHeading)}</h3>`);
    for (const panel of c.panels) {
      const values = c.labels.map((l, i) => `${l} ${panel.values[i]}`).join(', ');
      out.push(`<figure><figcaption>${esc(panel.title)}</figcaption><img src="${esc(panel.file)}" width="600" height="150" alt="${esc(tr('published.chartAlt', { title: panel.title, values }))}"></figure>`);
    }
    const rows = c.labels.map((l, i) => [l, ...c.panels.map((p) => String(p.values[i] ?? 0))]);
    // Shown, not folded away: it prints, and it is the chart for whoever does not see the picture.
    out.push(table([tr('published.chartTime'), ...c.panels.map((p) => p.title)], rows, tr('published.chartTable')));
  }
  out.push('</section>');
  return out.join('');
}

/** What was done after the meeting, under a follow-up row: its line (who, when) and its text. */
const written = (f: { followUp?: { line: string; text: string } }): string =>
  f.followUp ? `<p class="written"><strong>${esc(f.followUp.line)}</strong>${f.followUp.text ? ` ${esc(f.followUp.text)}` : ''}</p>` : '';

function followUpSection({ minutes: m, text: t }: MeetingPageInput): string {
  const rows = t.followUp.map((f, i) => {
    const id = m.followUp[i]!.id;
    return `<li><a href="#q-${esc(id)}">${esc(f.text)}</a> <span class="meta">${esc(f.votes)} · ${esc(f.detail)}</span>${written(f)}</li>`;
  });
  const carried = t.carriedIn
    ? `<h3>${esc(t.carriedIn.heading)}</h3><ol class="follow-up">${t.carriedIn.rows
        .map((f, i) => `<li id="q-${esc(m.carriedIn![i]!.id)}"><span class="q-text">${esc(f.text)}</span> <span class="meta">${esc(f.votes)} · ${esc(f.detail)}</span>${written(f)}</li>`)
        .join('')}</ol>`
    : '';
  return `<section aria-labelledby="follow-up"><h2 id="follow-up">${esc(t.followUpHeading)}</h2><p>${esc(t.followUpIntro)}</p>${
    rows.length > 0 ? `<ol class="follow-up">${rows.join('')}</ol>` : ''
  }${carried}</section>`;
}

function recordSection({ text: t, tr, lang, index }: MeetingPageInput): string {
  const verify = index === 0 ? 'verify.html' : `verify.${lang}.html`;
  return `<section aria-labelledby="record"><h2 id="record">${esc(t.recordHeading)}</h2>${factList([...t.record, [t.hashLabel, t.hash]])}<p>${esc(
    tr('published.recordIntro'),
  )}</p><ul><li><a href="${verify}">${esc(tr('published.verifyLink'))}</a></li><li><a href="record.json">${esc(tr('published.recordFile'))}</a></li></ul></section>`;
}
