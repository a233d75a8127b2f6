/**
 * What the PDF and DOCX minutes say, as plain strings: one place for wording, labels and the dates and times
 * (in the session's time zone, written in the minutes' locale — the same helpers as the Markdown), so both
 * formats say exactly the same thing. The renderers only decide layout.
 *
 * Every string that comes from attendees or the clerk is passed through `plain()` and always rendered as a
 * plain text run by the renderers (never parsed as markup, links or fields).
 */
import { moderationSummaryLines, questionModerationNote } from '../features/moderation/minutes.js';
import { formatDate, formatTime } from './format.js';
import type { Minutes, MinutesQuestion } from './model.js';
import { followUpLine, type MinutesFollowUp } from '../features/follow-up/minutes.js';
import { agendaText, type AgendaText } from '../features/agenda/minutes-text.js';
import type { Translate } from '../i18n/format.js';
import { minutesWords } from './language.js';

const ENGLISH = minutesWords('en');

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
  /** What was done after the meeting (issue 19), when something was written: shown under the question. */
  followUp?: { line: string; text: string };
}

export interface FollowUpRow {
  rank: string;
  text: string;
  votes: string;
  /** "Question 4 · asked by … at 19:07" */
  detail: string;
  /** What was done after the meeting: a line ("Answered in writing by the clerk on …") and the text. */
  followUp?: { line: string; text: string };
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
  /** Questions carried in from earlier meetings (issue 19); null when none. */
  carriedIn: { heading: string; rows: FollowUpRow[] } | null;
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
  /** The minutes' fixed wording in their language (for the sections rendered apart, like polls). */
  words: Translate;
  /** Time of day in the session's zone and the minutes' locale (chart labels). */
  time: (at: number) => string;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** The moderation summary (counts only: hidden text is never in the public minutes). */
export function moderationLines(m: Pick<Minutes, 'moderation'>, tr: Translate = ENGLISH): string[] {
  const lines = [tr('minutes.hidden', { count: m.moderation.hidden }), tr('minutes.withdrawn', { count: m.moderation.withdrawn })];
  if (m.moderation.pending > 0) lines.push(tr('minutes.pending', { count: m.moderation.pending }));
  lines.push(...moderationSummaryLines(m.moderation, tr));
  return lines;
}

/** "12 (at most 9 connected at once)", and how many came from outside the room when any did (issue 20). */
export function devicesJoinedText(p: Minutes['participation'], tr: Translate = ENGLISH): string {
  const joined = tr('minutes.devicesJoinedValue', { joined: p.devicesJoined, peak: p.peakConnected });
  return p.remoteJoined ? `${joined}; ${tr('minutes.devicesRemote', { remote: p.remoteJoined, inRoom: p.devicesJoined - p.remoteJoined })}` : joined;
}

/** The participation table, label and value, in every format. */
export function participationRows(p: Minutes['participation'], tr: Translate = ENGLISH): Array<[string, string]> {
  return [
    [tr('minutes.p_devicesJoined'), String(p.devicesJoined)],
    [tr('minutes.p_peak'), String(p.peakConnected)],
    [tr('minutes.p_shareAsked'), pct(p.shareAsked)],
    [tr('minutes.p_shareVoted'), pct(p.shareVoted)],
    [tr('minutes.p_asked'), withOutside(p.questionsAsked, p.remoteAsked, tr)],
    [tr('minutes.p_approved'), String(p.questionsApproved)],
    [tr('minutes.p_answeredLive'), String(p.answeredLive)],
    [tr('minutes.p_answeredWriting'), String(p.answeredInWriting)],
    [tr('minutes.p_open'), String(p.questionsOpen)],
    [tr('minutes.p_median'), p.medianMinutesToAnswer === null ? '–' : p.medianMinutesToAnswer.toFixed(1)],
    [tr('minutes.p_votes'), withOutside(p.votesCast, p.remoteVotes, tr)],
  ];
}

/** "14 (5 from outside the room)" in a hybrid meeting; the number alone otherwise. */
const withOutside = (n: number, remote: number | undefined, tr: Translate): string =>
  remote === undefined ? String(n) : `${n} (${tr('minutes.fromOutside', { n: remote })})`;

/** The minutes' line on remote participation, when the facilitator switched it (issue 20): "Closed at 19:20; opened at 19:35". */
export function remoteAttendanceFact(p: Minutes['participation'], time: (at: number) => string, tr: Translate = ENGLISH): [string, string] | null {
  const changes = p.remoteAttendance;
  if (!changes || changes.length === 0) return null;
  const parts = changes.map((c, i) => {
    const said = tr(c.open ? 'minutes.remoteOpenedAt' : 'minutes.remoteClosedAt', { time: time(c.at) });
    return i === 0 ? said : said.charAt(0).toLocaleLowerCase() + said.slice(1);
  });
  return [tr('minutes.remoteAttendance'), parts.join('; ')];
}

/** The minutes' line on paper codes, when the session printed any: how phones came in, for a binding vote. */
export function paperCodesFact(p: Minutes['participation'], time: (at: number) => string, tr: Translate = ENGLISH): [string, string] | null {
  const c = p.paperCodes;
  if (!c) return null;
  const when =
    c.required && c.requiredAt !== null
      ? tr('minutes.paperCodesRequiredFrom', { time: time(c.requiredAt) })
      : tr(c.requiredAt !== null ? 'minutes.paperCodesRequiredPart' : 'minutes.paperCodesNotRequired');
  return [tr('minutes.paperCodes'), tr('minutes.paperCodesValue', { when, issued: c.issued, used: c.used, without: c.joinedWithout })];
}

export function outcomeText(q: MinutesQuestion, time: (at: number) => string, tr: Translate = ENGLISH): string {
  if (q.outcome === 'answered-live') return q.answeredAt !== null ? tr('minutes.answeredLiveAt', { time: time(q.answeredAt) }) : tr('minutes.answeredLive');
  if (q.outcome === 'answered-in-writing') {
    return q.answeredAt !== null ? tr('minutes.answeredWritingAt', { time: time(q.answeredAt) }) : tr('minutes.answeredWriting');
  }
  return q.floorAt !== null ? tr('minutes.leftOpenFloor', { time: time(q.floorAt) }) : tr('minutes.leftOpen');
}

/** A follow-up as a row's `followUp` part: its line (who, when) and its text; nothing without one. */
function writtenPart(f: MinutesFollowUp | null | undefined, when: (at: number) => string, tr: Translate): { followUp?: { line: string; text: string } } {
  return f ? { followUp: { line: followUpLine(f, when, tr), text: plain(f.text) } } : {};
}

/** The follow-up list and the questions carried in, with what was written after the meeting (issue 19). */
function followUpRows(m: Minutes, date: (at: number) => string, time: (at: number) => string, when: (at: number) => string, tr: Translate): Pick<MinutesText, 'followUp' | 'carriedIn'> {
  const written = (f: MinutesFollowUp | null | undefined) => writtenPart(f, when, tr);
  const followUp: FollowUpRow[] = m.followUp.map((q, i) => ({
    rank: String(i + 1),
    text: plain(q.text),
    votes: String(q.votes),
    detail:
      tr('minutes.followUpDetail', {
        number: q.number,
        asked: q.name.trim() ? tr('minutes.askedLowerByAt', { name: plain(q.name), time: time(q.askedAt) }) : tr('minutes.askedLowerAt', { time: time(q.askedAt) }),
      }) + (q.floorAt !== null ? tr('minutes.wasOnFloor', { time: time(q.floorAt) }) : ''),
    ...written(q.followUp),
  }));
  const carriedIn = m.carriedIn
    ? {
        heading: tr('minutes.fu_carriedHeading'),
        rows: m.carriedIn.map((c, i) => ({
          rank: String(i + 1),
          text: plain(c.text),
          votes: String(c.votes),
          detail: tr('minutes.fu_carriedDetail', { number: c.number, title: plain(c.fromTitle), date: date(c.fromDate) }),
          ...(c.followUp ? written(c.followUp) : { followUp: { line: tr('minutes.fu_noFollowUp'), text: '' } }),
        })),
      }
    : null;
  return { followUp, carriedIn };
}

/** The minutes' wording, shared by the PDF and the DOCX. */
export function minutesText(m: Minutes): MinutesText {
  const { session, locale } = m;
  const tz = session.timeZone;
  const time = byMinute((at) => formatTime(at, locale, tz));
  const date = byMinute((at) => formatDate(at, locale, tz));
  /** Date and time, as the follow-up says when it was written. */
  const when = (at: number) => `${date(at)}, ${time(at)}`;
  const start = session.openedAt ?? session.createdAt;
  const p = m.participation;
  const tr = minutesWords(locale);
  const title = plain(session.title).trim() || tr('minutes.untitled');

  const facts: Array<[string, string]> = [];
  if (session.place.trim()) facts.push([tr('minutes.place'), plain(session.place)]);
  facts.push([tr('minutes.date'), date(start)]);
  facts.push([tr('minutes.started'), session.openedAt !== null ? time(session.openedAt) : tr('minutes.notOpened')]);
  facts.push([tr('minutes.ended'), session.closedAt !== null ? time(session.closedAt) : tr('minutes.notClosed')]);
  facts.push([tr('minutes.timeZone'), plain(tz)]);
  if (session.facilitator.trim()) facts.push([tr('minutes.facilitator'), plain(session.facilitator)]);
  facts.push([tr('minutes.devicesJoined'), devicesJoinedText(p, tr)]);
  const paper = paperCodesFact(p, time, tr);
  if (paper) facts.push(paper);
  const remote = remoteAttendanceFact(p, time, tr);
  if (remote) facts.push(remote);

  const questions: QuestionRow[] = m.questions.map((q) => ({
    number: String(q.number),
    text: plain(q.text),
    asked:
      (q.name.trim() ? tr('minutes.askedBy', { name: plain(q.name), time: time(q.askedAt) }) : tr('minutes.askedAt', { time: time(q.askedAt) })) +
      questionModerationNote(q, tr),
    votes: String(q.votes),
    outcome: outcomeText(q, time, tr),
    reply: q.reply !== null ? plain(q.reply) : null,
    ...writtenPart(q.followUp, when, tr),
  }));

  const moderation = moderationLines(m, tr);
  const participation = participationRows(p, tr);

  const { followUp, carriedIn } = followUpRows(m, date, time, when, tr);

  return {
    title,
    subtitle: tr('minutes.subtitle'),
    provisional:
      session.status !== 'closed'
        ? `${tr('minutes.provisionalLabel')} ${tr(session.status === 'open' ? 'minutes.provisionalOpen' : 'minutes.provisionalDraft', { time: time(m.generatedAt), date: date(m.generatedAt) })} ${tr('minutes.mayChange')}`
        : null,
    facts,
    questionsHeading: tr('minutes.questions'),
    questionsIntro: questions.length === 0 ? tr('minutes.noQuestions') : tr('minutes.approvedInOrder', { count: questions.length }),
    questionColumns: { number: tr('minutes.colNumber'), question: tr('minutes.colQuestion'), votes: tr('minutes.colVotes'), outcome: tr('minutes.colOutcome') },
    questions,
    replyLabel: tr('minutes.writtenReply'),
    moderationHeading: tr('minutes.moderation'),
    moderation,
    participationHeading: tr('minutes.participation'),
    participation,
    chartHeading: p.timeline.length > 0 ? tr('minutes.chartHeading', { minutes: p.bucketMinutes }) : null,
    chartLegend: { questions: tr('minutes.legendQuestions'), votes: tr('minutes.legendVotes') },
    followUpHeading: tr('minutes.followUp'),
    followUpIntro: m.followUp.length === 0 ? tr('minutes.allAnswered') : tr(m.followUp.some((q) => q.followUp) ? 'minutes.fu_intro' : 'minutes.followUpIntro'),
    followUpColumns: { rank: tr('minutes.rank'), question: tr('minutes.colQuestion'), votes: tr('minutes.colVotes') },
    followUp,
    carriedIn,
    recordHeading: tr('minutes.record'),
    record: [
      [tr('minutes.events'), String(m.log.events)],
      [tr('minutes.minutesMade'), when(m.generatedAt)],
    ],
    hashLabel: tr('minutes.finalHash'),
    hash: m.log.finalHash.replace(/[^0-9a-fA-F]/g, '').toLowerCase(),
    recordNote: tr('minutes.verifyNote'),
    footer: tr(session.status !== 'closed' ? 'minutes.footerProvisional' : 'minutes.footer', { title }),
    pageLabel: (page, pages) => tr('minutes.page', { page, pages }),
    agenda: agendaText(m, time, plain),
    words: tr,
    time,
  };
}
