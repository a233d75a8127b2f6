import type { Minutes } from '../minutes/model.js';
import { formatDuration } from './timer.js';
import type { MinutesAgendaItem, MinutesSpeaker } from './minutes.js';

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

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const minutes = (ms: number) => (ms / 60_000).toFixed(1);

type Clean = (text: string) => string;

function speakerRow(s: MinutesSpeaker, clean: Clean): AgendaSpeakerRow {
  const notes: string[] = [];
  if (s.interpreter) notes.push('With interpreter (double time)');
  if (s.walkIn) notes.push('Walk-in');
  if (s.outcome === 'absent') notes.push('Absent when called');
  if (s.outcome === 'speaking') notes.push('Still speaking when the minutes were made');
  const time =
    s.usedMs === null
      ? `– of ${formatDuration(s.allowedMs)}`
      : `${formatDuration(s.usedMs)} of ${formatDuration(s.allowedMs)}${s.extendedMs > 0 ? ` (+${formatDuration(s.extendedMs)} given)` : ''}`;
  return { order: String(s.order), speaker: clean(s.label), subject: clean(s.subject), time, note: notes.join(' · ') };
}

function itemText(item: MinutesAgendaItem, time: (at: number) => string, clean: Clean): AgendaItemText {
  const facts: Array<[string, string]> = [
    ['Started', item.startedAt !== null ? time(item.startedAt) : 'not taken up'],
    ['Ended', item.endedAt !== null ? time(item.endedAt) : item.startedAt !== null ? 'still current' : '–'],
    ['Public comment', item.publicComment ? `${formatDuration(item.speakingMs)} per speaker` : 'none'],
  ];
  const spoke = item.speakers.filter((s) => s.outcome !== 'absent').length;
  const parts = [
    count(spoke, 'speaker', 'speakers'),
    count(item.devicesSpoke, 'phone', 'phones'),
    `${minutes(item.usedMs)} of ${minutes(item.allowedMs)} speaking minutes used`,
    count(item.questionNumbers.length, 'question', 'questions'),
  ];
  if (item.withdrawn > 0) parts.push(`${item.withdrawn} withdrew`);
  if (item.notCalled > 0) parts.push(`${item.notCalled} signed up but not called`);
  return {
    heading: `${item.number}. ${clean(item.title)}`,
    description: item.description ? clean(item.description) : null,
    facts,
    questions: item.questionNumbers.length > 0 ? `${item.questionNumbers.length === 1 ? 'Question' : 'Questions'} ${item.questionNumbers.join(', ')} (see Questions).` : null,
    speakers: item.speakers.map((s) => speakerRow(s, clean)),
    speakersNote: item.speakers.length === 0 ? (item.publicComment ? 'No one spoke on this item.' : null) : null,
    participation: `Participation: ${parts.join(' · ')}.`,
  };
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** The agenda's wording, or null when the session had no agenda. */
export function agendaText(m: Minutes, time: (at: number) => string, clean: Clean = (t) => t): AgendaText | null {
  const a = m.agenda;
  if (!a) return null;
  return {
    heading: 'Agenda',
    intro: `${count(a.items.length, 'item', 'items')}, in agenda order. Speakers are listed in the order called, with the name they gave or “Speaker N”.`,
    items: a.items.map((i) => itemText(i, time, clean)),
    speakerColumns: { order: 'No.', speaker: 'Speaker', subject: 'Subject', time: 'Time used', note: 'Note' },
    unfiled: a.unfiledQuestionNumbers.length > 0 ? `Asked outside any agenda item: questions ${a.unfiledQuestionNumbers.join(', ')}.` : null,
    totalsHeading: 'Public comment in numbers',
    totals: [
      ['Speakers who spoke', String(a.speakers)],
      ['Walk-in speakers (no phone)', String(a.walkIns)],
      ['Speakers with an interpreter', String(a.interpreter)],
      ['Share of devices whose speaker spoke', pct(a.shareSpoke)],
      ['Speaking minutes used', minutes(a.usedMs)],
      ['Speaking minutes allowed', minutes(a.allowedMs)],
    ],
  };
}
