import type { LoggedEvent } from '../events.js';
import type { QuestionFollowUp } from '../features/follow-up/fold.js';
import { buildMinutes, median } from '../minutes/build.js';
import type { Minutes } from '../minutes/model.js';
import { fold } from '../fold.js';
import type { SessionState } from '../state.js';

/** How many of the most-voted questions the "top questions answered" measure looks at. */
export const TOP_QUESTIONS = 5;
const DAY_MS = 86_400_000;

/**
 * The dialogue of one meeting, measured (issue 19). Definitions (also in docs/MEASURES.md):
 * - phones: devices joined; peak: most connected at once; inRoom / remote: phones that joined over the
 *   venue's network / through the relay (hybrid meetings, issue 20: `device.joined.via`);
 *   languages: the language each phone's screen was in when it joined (phones from before this was
 *   recorded are not counted);
 * - speakers: speakers who spoke; speakingMinutes: their timed minutes; interpreter: those with one;
 * - writtenComments: written comments on agenda items; pollTurnout: mean share of phones that answered,
 *   over closed or open polls (null without polls);
 * - asked: every question asked; approved: those on the board; answeredOnFloor: answered live;
 *   answeredInWriting: answered with a written reply, during or after the meeting; referred, carried,
 *   notAnswered: the latest follow-up says so; stillOpen: approved, with none of those;
 * - medianDaysToWrittenAnswer: from asked to its first written answer, in days, over questions answered
 *   in writing; topAnswered: of the TOP_QUESTIONS most-voted approved questions, those answered (on the
 *   floor or in writing).
 */
export interface MeetingMeasures {
  sessionId: string;
  title: string;
  /** When the meeting opened (or was created, if it never opened). */
  date: number;
  status: SessionState['status'];
  phones: number;
  peak: number;
  inRoom: number;
  remote: number;
  languages: Record<string, number>;
  speakers: number;
  speakingMinutes: number;
  interpreter: number;
  writtenComments: number;
  pollTurnout: number | null;
  asked: number;
  approved: number;
  answeredOnFloor: number;
  answeredInWriting: number;
  referred: number;
  carried: number;
  notAnswered: number;
  stillOpen: number;
  medianDaysToWrittenAnswer: number | null;
  /** Days from asked to first written answer, one per question answered in writing (for medians across meetings). */
  daysToWrittenAnswer: number[];
  topAnswered: { answered: number; of: number };
}

/** The first written answer of a question (during the meeting, or the earliest "answered" follow-up). */
function firstWrittenAnswerAt(reply: { at: number } | null, written: QuestionFollowUp | undefined): number | null {
  const times = [reply?.at, ...(written ? [...written.earlier, written.current] : []).filter((f) => f.outcome === 'answered').map((f) => f.at)];
  const known = times.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.min(...known) : null;
}

/** What became of a question on the board: one of the measures it counts in. */
type Fate = 'answeredOnFloor' | 'answeredInWriting' | 'referred' | 'carried' | 'notAnswered' | 'stillOpen';
const FATE_OF_OUTCOME = { answered: 'answeredInWriting', referred: 'referred', carried: 'carried', 'not-answered': 'notAnswered' } as const;

/** The latest follow-up decides; without one, a reply written during the meeting is an answer in writing. */
function fateOf(q: Minutes['questions'][number], written: QuestionFollowUp | undefined): Fate {
  if (q.outcome === 'answered-live') return 'answeredOnFloor';
  if (written) return FATE_OF_OUTCOME[written.current.outcome];
  return q.outcome === 'answered-in-writing' ? 'answeredInWriting' : 'stillOpen';
}

/** The dialogue part: what became of the questions on the board. */
function dialogue(state: SessionState, minutes: Minutes): Pick<MeetingMeasures, Fate | 'daysToWrittenAnswer' | 'topAnswered'> {
  const counts: Record<Fate, number> = { answeredOnFloor: 0, answeredInWriting: 0, referred: 0, carried: 0, notAnswered: 0, stillOpen: 0 };
  const days: number[] = [];
  const answered = new Set<string>();
  for (const q of minutes.questions) {
    const written = state.followUp.followUps.get(q.id);
    const fate = fateOf(q, written);
    counts[fate]++;
    if (fate === 'answeredOnFloor' || fate === 'answeredInWriting') answered.add(q.id);
    const replyAt = q.outcome === 'answered-in-writing' && q.answeredAt !== null ? { at: q.answeredAt } : null;
    const firstAnswer = fate === 'answeredInWriting' ? firstWrittenAnswerAt(replyAt, written) : null;
    if (firstAnswer !== null) days.push((firstAnswer - q.askedAt) / DAY_MS);
  }
  const top = [...minutes.questions].sort((a, b) => b.votes - a.votes || a.number - b.number).slice(0, TOP_QUESTIONS);
  return { ...counts, daysToWrittenAnswer: days, topAnswered: { answered: top.filter((q) => answered.has(q.id)).length, of: top.length } };
}

/** One meeting's measures, from its log (and its fold and minutes, when the caller made them already). */
export function meetingMeasures(
  events: readonly LoggedEvent[],
  state: SessionState = fold(events),
  minutes: Minutes = buildMinutes(events, { locale: 'en', generatedAt: state.closedAt ?? events.at(-1)?.at ?? 0 }, state),
): MeetingMeasures {
  const languages: Record<string, number> = {};
  for (const e of events) if (e.body.type === 'device.joined' && e.body.lang) languages[e.body.lang] = (languages[e.body.lang] ?? 0) + 1;
  const agenda = minutes.agenda;
  const polls = minutes.polls ?? [];
  const d = dialogue(state, minutes);
  return {
    sessionId: state.id,
    title: state.title,
    date: state.openedAt ?? state.createdAt,
    status: state.status,
    phones: minutes.participation.devicesJoined,
    peak: minutes.participation.peakConnected,
    inRoom: minutes.participation.devicesJoined - (minutes.participation.remoteJoined ?? 0),
    remote: minutes.participation.remoteJoined ?? 0,
    languages,
    speakers: agenda?.speakers ?? 0,
    speakingMinutes: Math.round((agenda?.usedMs ?? 0) / 60_000),
    interpreter: agenda?.interpreter ?? 0,
    writtenComments: state.comments.count,
    pollTurnout: polls.length > 0 ? polls.reduce((s, p) => s + p.shareAnswered, 0) / polls.length : null,
    asked: minutes.participation.questionsAsked,
    approved: minutes.participation.questionsApproved,
    ...d,
    medianDaysToWrittenAnswer: median(d.daysToWrittenAnswer),
  };
}

const SUMMED = ['phones', 'asked', 'approved', 'answeredOnFloor', 'answeredInWriting', 'referred', 'carried', 'notAnswered', 'stillOpen', 'writtenComments', 'speakers'] as const;

/** Totals over meetings (a council's year): counts add up; the median is over every written answer. */
export type MeasuresAcross = Pick<MeetingMeasures, (typeof SUMMED)[number] | 'medianDaysToWrittenAnswer' | 'topAnswered'> & { meetings: number };

export function measuresAcross(meetings: readonly MeetingMeasures[]): MeasuresAcross {
  const sum = Object.fromEntries(SUMMED.map((k) => [k, meetings.reduce((s, m) => s + m[k], 0)])) as Record<(typeof SUMMED)[number], number>;
  return {
    meetings: meetings.length,
    ...sum,
    medianDaysToWrittenAnswer: median(meetings.flatMap((m) => m.daysToWrittenAnswer)),
    topAnswered: { answered: meetings.reduce((s, m) => s + m.topAnswered.answered, 0), of: meetings.reduce((s, m) => s + m.topAnswered.of, 0) },
  };
}
