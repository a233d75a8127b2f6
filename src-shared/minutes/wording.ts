/**
 * What the PDF and DOCX minutes say, as plain strings: one place for wording, labels and the dates and times
 * (in the session's time zone, written in the minutes' locale — the same helpers as the Markdown), so both
 * formats say exactly the same thing. The renderers only decide layout.
 *
 * Every string that comes from attendees or the clerk is passed through `plain()` and always rendered as a
 * plain text run by the renderers (never parsed as markup, links or fields).
 */
import { moderationSummaryLines, questionModerationNote } from '../moderation/minutes.js';
import { formatDate, formatTime } from './format.js';
import type { Minutes, MinutesQuestion } from './model.js';
import { agendaText, type AgendaText } from '../agenda/minutes-text.js';

/**
 * Text safe to put in a PDF text run or a DOCX (XML) run: no C0/C1 control characters (XML 1.0 forbids
 * most of them, and Word refuses a file containing one), no lone surrogates or non-characters. Tabs become
 * spaces; line breaks are kept as "\n" and rendered as line breaks.
 */
export function plain(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** True when most letters of `text` are Hebrew or Arabic: such text is laid out right to left. */
export function isMostlyRtl(text: string): boolean {
  if (!RTL_ANY_REGEX.test(text)) return false;
  const rtl = text.match(RTL_ALL_REGEX)?.length ?? 0;
  const letters = text.match(LETTERS_REGEX)?.length ?? 0;
  return rtl > letters - rtl;
}

const RTL_ANY_REGEX = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const RTL_ALL_REGEX = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LETTERS_REGEX = /[\p{L}\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;

/** Memoized by minute: formatting builds an Intl formatter per call, and the minutes show minutes only. */
function byMinute(format: (at: number) => string): (at: number) => string {
  const cache = new Map<number, string>();
  return (at) => {
    const key = Math.floor(at / 60_000);
    let s = cache.get(key);
    if (s === undefined) {
      s = format(key * 60_000);
      cache.set(key, s);
    }
    return s;
  };
}

export interface QuestionRow {
  number: string;
  text: string;
  /** "Asked by Maria Lopez at 19:05" or "Asked at 19:05" (no name unless the asker gave one). */
  asked: string;
  votes: string;
  /** "Answered live at 19:40", "Answered in writing at …", "Left open (was on the floor at 19:30)", … */
  outcome: string;
  reply: string | null;
}

export interface FollowUpRow {
  rank: string;
  text: string;
  votes: string;
  /** "Question 4 · asked by … at 19:07" */
  detail: string;
}

export interface MinutesText {
  title: string;
  subtitle: string;
  provisional: string | null;
  facts: Array<[string, string]>;
  questionsHeading: string;
  questionsIntro: string;
  questionColumns: { number: string; question: string; votes: string; outcome: string };
  questions: QuestionRow[];
  replyLabel: string;
  moderationHeading: string;
  moderation: string[];
  participationHeading: string;
  participation: Array<[string, string]>;
  chartHeading: string | null;
  chartLegend: { questions: string; votes: string };
  followUpHeading: string;
  followUpIntro: string;
  followUpColumns: { rank: string; question: string; votes: string };
  followUp: FollowUpRow[];
  recordHeading: string;
  record: Array<[string, string]>;
  hashLabel: string;
  hash: string;
  recordNote: string;
  /** Running footer: "Minutes: <title>"; the renderers add "Page n of m". */
  footer: string;
  pageLabel: (page: number, pages: number) => string;
  /** Agenda items, speakers and their numbers; null without an agenda. */
  agenda: AgendaText | null;
  /** Time of day in the session's zone and the minutes' locale (chart labels). */
  time: (at: number) => string;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** The moderation summary (counts only: hidden text is never in the public minutes). */
export function moderationLines(m: Pick<Minutes, 'moderation'>): string[] {
  const lines = [
    `${plural(m.moderation.hidden, 'question was', 'questions were')} hidden by the moderator (their text is not published here; it is kept in the JSON archive of the event log).`,
    `${plural(m.moderation.withdrawn, 'question was', 'questions were')} withdrawn by the asker.`,
  ];
  if (m.moderation.pending > 0) lines.push(`${plural(m.moderation.pending, 'question was', 'questions were')} still waiting for the moderator.`);
  lines.push(...moderationSummaryLines(m.moderation));
  return lines;
}

/** The participation table, label and value, in every format. */
export function participationRows(p: Minutes['participation']): Array<[string, string]> {
  return [
    ['Devices joined', String(p.devicesJoined)],
    ['Most devices connected at once', String(p.peakConnected)],
    ['Share of devices that asked a question', pct(p.shareAsked)],
    ['Share of devices that voted', pct(p.shareVoted)],
    ['Questions asked', String(p.questionsAsked)],
    ['Questions approved', String(p.questionsApproved)],
    ['Answered live', String(p.answeredLive)],
    ['Answered in writing', String(p.answeredInWriting)],
    ['Left open', String(p.questionsOpen)],
    ['Median minutes from asked to answered', p.medianMinutesToAnswer === null ? '–' : p.medianMinutesToAnswer.toFixed(1)],
    ['Votes cast (one per phone, withdrawn not counted)', String(p.votesCast)],
  ];
}

export function outcomeText(q: MinutesQuestion, time: (at: number) => string): string {
  if (q.outcome === 'answered-live') return q.answeredAt !== null ? `Answered live at ${time(q.answeredAt)}` : 'Answered live';
  if (q.outcome === 'answered-in-writing') return q.answeredAt !== null ? `Answered in writing at ${time(q.answeredAt)}` : 'Answered in writing';
  return q.floorAt !== null ? `Left open (was on the floor at ${time(q.floorAt)})` : 'Left open';
}

/** The minutes' wording, shared by the PDF and the DOCX. */
export function minutesText(m: Minutes): MinutesText {
  const { session, locale } = m;
  const tz = session.timeZone;
  const time = byMinute((at) => formatTime(at, locale, tz));
  const date = byMinute((at) => formatDate(at, locale, tz));
  const start = session.openedAt ?? session.createdAt;
  const p = m.participation;
  const title = plain(session.title).trim() || 'Untitled session';

  const facts: Array<[string, string]> = [];
  if (session.place.trim()) facts.push(['Place', plain(session.place)]);
  facts.push(['Date', date(start)]);
  facts.push(['Started', session.openedAt !== null ? time(session.openedAt) : 'not opened']);
  facts.push(['Ended', session.closedAt !== null ? time(session.closedAt) : 'not closed yet']);
  facts.push(['Time zone', plain(tz)]);
  if (session.facilitator.trim()) facts.push(['Facilitator', plain(session.facilitator)]);
  facts.push(['Devices joined', `${p.devicesJoined} (at most ${p.peakConnected} connected at once)`]);

  const questions: QuestionRow[] = m.questions.map((q) => ({
    number: String(q.number),
    text: plain(q.text),
    asked: (q.name.trim() ? `Asked by ${plain(q.name)} at ${time(q.askedAt)}` : `Asked at ${time(q.askedAt)}`) + questionModerationNote(q),
    votes: String(q.votes),
    outcome: outcomeText(q, time),
    reply: q.reply !== null ? plain(q.reply) : null,
  }));

  const moderation = moderationLines(m);
  const participation = participationRows(p);

  const followUp: FollowUpRow[] = m.followUp.map((q, i) => ({
    rank: String(i + 1),
    text: plain(q.text),
    votes: String(q.votes),
    detail: `Question ${q.number} · ${q.name.trim() ? `asked by ${plain(q.name)} ` : 'asked '}at ${time(q.askedAt)}${q.floorAt !== null ? ` · was on the floor at ${time(q.floorAt)}` : ''}`,
  }));

  return {
    title,
    subtitle: 'Minutes of a public session recorded with Open Floor.',
    provisional:
      session.status !== 'closed'
        ? `Provisional: made at ${time(m.generatedAt)} on ${date(m.generatedAt)} while the session was still ${session.status === 'open' ? 'open' : 'in preparation'}. These minutes may change.`
        : null,
    facts,
    questionsHeading: 'Questions',
    questionsIntro:
      questions.length === 0
        ? 'No questions were put on the board.'
        : `${plural(questions.length, 'question was', 'questions were')} approved, listed in the order asked.`,
    questionColumns: { number: 'No.', question: 'Question', votes: 'Votes', outcome: 'Outcome' },
    questions,
    replyLabel: 'Written reply:',
    moderationHeading: 'Moderation',
    moderation,
    participationHeading: 'Participation',
    participation,
    chartHeading: p.timeline.length > 0 ? `Questions and votes over time (${p.bucketMinutes}-minute intervals)` : null,
    chartLegend: { questions: 'Questions asked', votes: 'Votes cast' },
    followUpHeading: 'Follow-up: questions left open',
    followUpIntro:
      m.followUp.length === 0 ? 'Every question on the board was answered.' : 'Ranked by votes, so they can be answered after the meeting.',
    followUpColumns: { rank: 'Rank', question: 'Question', votes: 'Votes' },
    followUp,
    recordHeading: 'Record',
    record: [
      ['Events in the log', String(m.log.events)],
      ['Minutes made', `${date(m.generatedAt)}, ${time(m.generatedAt)}`],
    ],
    hashLabel: 'Final hash (SHA-256)',
    hash: m.log.finalHash.replace(/[^0-9a-fA-F]/g, '').toLowerCase(),
    recordNote:
      'Check the record with "open-floor verify" on the JSON archive of this session: its final hash must match the one above.',
    footer: `Minutes: ${title}${session.status !== 'closed' ? ' (provisional)' : ''}`,
    pageLabel: (page, pages) => `Page ${page} of ${pages}`,
    agenda: agendaText(m, time, plain),
    time,
  };
}
