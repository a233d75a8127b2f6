import type { Minutes } from '../../minutes/model.js';
import { formatDuration, overtimeSeconds } from './timer.js';
import type { MinutesAgendaItem, MinutesComment, MinutesSpeaker } from './minutes.js';
import type { Translate } from '../../i18n/format.js';
import { minutesWords } from '../../minutes/language.js';

/**
 * What the minutes say about the agenda, as plain strings, shared by the PDF, the DOCX, the Markdown and
 * the console's reader. Attendee text (names, subjects) goes through `clean` (`plain()` for PDF/DOCX); each renderer writes it as inert
 * text (plain runs in PDF/DOCX, escaped in Markdown, React text on screen).
 */
export interface AgendaSpeakerRow {
  order: string;
  speaker: string;
  subject: string;
  /** "3:02 of 6:00", "+0:30 given" when extended; "–" when the timer never ran. */
  time: string;
  note: string;
}

export interface AgendaItemText {
  heading: string;
  description: string | null;
  facts: Array<[string, string]>;
  /** "Questions 2, 5, 7 (see Questions)" or null. */
  questions: string | null;
  speakers: AgendaSpeakerRow[];
  /** "No one spoke on this item." when empty. */
  speakersNote: string | null;
  participation: string;
  /** Written comments (issue 19): "Written comments (2)" and each comment's text and "Ana, 19:42"; null when none. */
  comments: { heading: string; rows: AgendaCommentRow[] } | null;
}

export interface AgendaCommentRow {
  /** The comment as written (it may have several lines). */
  text: string;
  /** The name given, or "anonymous", and when it was received. */
  by: string;
}

export interface AgendaText {
  heading: string;
  intro: string;
  items: AgendaItemText[];
  speakerColumns: { order: string; speaker: string; subject: string; time: string; note: string };
  unfiled: string | null;
  totalsHeading: string;
  totals: Array<[string, string]>;
}

const minutes = (ms: number) => (ms / 60_000).toFixed(1);

type Clean = (text: string) => string;

function speakerRow(s: MinutesSpeaker, clean: Clean, tr: Translate): AgendaSpeakerRow {
  const notes: string[] = [];
  if (s.interpreter) notes.push(tr('minutes.withInterpreter'));
  if (s.walkIn) notes.push(tr('minutes.walkIn'));
  if (s.outcome === 'absent') notes.push(tr('minutes.absentCalled'));
  if (s.outcome === 'speaking') notes.push(tr('minutes.stillSpeaking'));
  const allowed = formatDuration(s.allowedMs);
  const over = s.usedMs === null ? 0 : overtimeSeconds(s.usedMs, s.allowedMs);
  const time =
    s.usedMs === null
      ? tr('minutes.timeOfNone', { allowed })
      : tr('minutes.timeOf', { used: formatDuration(s.usedMs), allowed }) +
        (s.extendedMs > 0 ? tr('minutes.timeGiven', { extra: formatDuration(s.extendedMs) }) : '') +
        (over > 0 ? tr('minutes.overtime', { over: formatDuration(over * 1000) }) : '');
  return { order: String(s.order), speaker: s.name ? clean(s.name) : tr('minutes.speakerN', { n: s.number }), subject: clean(s.subject), time, note: notes.join(' · ') };
}

function commentsText(comments: readonly MinutesComment[], time: (at: number) => string, clean: Clean, tr: Translate): AgendaItemText['comments'] {
  if (comments.length === 0) return null;
  const rows = comments.map((c) => ({ text: clean(c.text), by: tr('minutes.commentBy', { name: c.name ? clean(c.name) : tr('minutes.commentAnonymous'), time: time(c.at) }) }));
  return { heading: tr('minutes.writtenComments', { count: comments.length }), rows };
}

function itemText(item: MinutesAgendaItem, time: (at: number) => string, clean: Clean, tr: Translate): AgendaItemText {
  const facts: Array<[string, string]> = [
    [tr('minutes.started'), item.startedAt !== null ? time(item.startedAt) : tr('minutes.notTakenUp')],
    [tr('minutes.ended'), item.endedAt !== null ? time(item.endedAt) : item.startedAt !== null ? tr('minutes.stillCurrent') : '–'],
    [tr('minutes.publicComment'), item.publicComment ? tr('minutes.perSpeaker', { time: formatDuration(item.speakingMs) }) : tr('minutes.none')],
  ];
  const spoke = item.speakers.filter((s) => s.outcome !== 'absent').length;
  const parts = [
    tr('minutes.speakers', { count: spoke }),
    tr('minutes.phones', { count: item.devicesSpoke }),
    tr('minutes.minutesUsed', { used: minutes(item.usedMs), allowed: minutes(item.allowedMs) }),
    tr('minutes.questionsCount', { count: item.questionNumbers.length }),
  ];
  if (item.withdrawn > 0) parts.push(tr('minutes.withdrew', { count: item.withdrawn }));
  if (item.notCalled > 0) parts.push(tr('minutes.notCalled', { count: item.notCalled }));
  return {
    heading: `${item.number}. ${clean(item.title)}`,
    description: item.description ? clean(item.description) : null,
    facts,
    questions:
      item.questionNumbers.length > 0 ? tr('minutes.itemQuestions', { count: item.questionNumbers.length, numbers: item.questionNumbers.join(', ') }) : null,
    speakers: item.speakers.map((s) => speakerRow(s, clean, tr)),
    speakersNote: item.speakers.length === 0 ? (item.publicComment ? tr('minutes.nobodySpoke') : null) : null,
    participation: tr('minutes.itemParticipation', { parts: parts.join(' · ') }),
    comments: commentsText(item.comments, time, clean, tr),
  };
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** The agenda's wording, or null when the session had no agenda. */
export function agendaText(m: Minutes, time: (at: number) => string, clean: Clean = (t) => t): AgendaText | null {
  const a = m.agenda;
  if (!a) return null;
  const tr = minutesWords(m.locale);
  return {
    heading: tr('minutes.agenda'),
    intro: tr('minutes.agendaIntro', { count: a.items.length }),
    items: a.items.map((i) => itemText(i, time, clean, tr)),
    speakerColumns: {
      order: tr('minutes.colNumber'),
      speaker: tr('minutes.speaker'),
      subject: tr('minutes.subject'),
      time: tr('minutes.timeUsed'),
      note: tr('minutes.note'),
    },
    unfiled: a.unfiledQuestionNumbers.length > 0 ? tr('minutes.unfiled', { numbers: a.unfiledQuestionNumbers.join(', ') }) : null,
    totalsHeading: tr('minutes.totals'),
    totals: [
      [tr('minutes.t_spoke'), String(a.speakers)],
      [tr('minutes.t_walkIns'), String(a.walkIns)],
      [tr('minutes.t_interpreter'), String(a.interpreter)],
      [tr('minutes.t_share'), pct(a.shareSpoke)],
      [tr('minutes.t_used'), minutes(a.usedMs)],
      [tr('minutes.t_allowed'), minutes(a.allowedMs)],
    ],
  };
}
