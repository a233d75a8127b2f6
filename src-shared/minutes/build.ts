import type { LoggedEvent } from '../events.js';
import { MINUTE_MS } from '../limits.js';
import { archiveSession } from './archive.js';
import { fold } from '../fold.js';
import { type SessionState } from '../state.js';
import { isPublic, type QuestionState } from '../features/questions/fold.js';
import { mergeRoot } from '../features/moderation/fold.js';
import { voteCount } from '../features/moderation/views.js';
import { buildPollMinutes } from '../features/polls/minutes.js';
import { minutesWords } from './language.js';
import { buildAgendaMinutes } from '../features/agenda/minutes.js';
import { joinedWithoutCode } from '../features/paper-codes/fold.js';
import { carriedInMinutes, questionFollowUp } from '../features/follow-up/minutes.js';
import { isFollowUpEvent } from '../features/follow-up/events.js';
import { minutesRemoteAttendance, type MinutesRemoteAttendance } from '../features/remote-attendees/minutes.js';
import type { Minutes, MinutesPaperCodes, MinutesQuestion, Participation, TimelineBucket } from './model.js';

/**
 * The minutes of a session as a pure function of its event log. Every format renders this one model.
 *
 * Definitions (the record must say what its numbers mean):
 * - Listed questions are the ones approved and neither hidden nor withdrawn when the minutes are made,
 *   in the order asked. `questionsApproved` counts exactly those.
 * - `questionsAsked` counts every question asked, whatever happened to it afterwards.
 * - `shareAsked` / `shareVoted`: devices that asked at least one question / cast at least one vote
 *   (even one they later withdrew), over devices joined.
 * - `votesCast`: votes standing when the minutes are made, i.e. `vote.cast` events minus
 *   `vote.withdrawn` events, over every question (a vote on a question later hidden was still cast).
 *   Withdrawn votes are changes of mind, not participation twice.
 * - The timeline counts every question asked in the bucket it was asked, and every standing vote in the
 *   bucket it was (last) cast, so its totals equal `questionsAsked` and `votesCast`.
 * - `medianMinutesToAnswer`: over answered listed questions, from asked to answered.
 */
export interface BuildMinutesOptions {
  /** BCP 47 locale the renderers write dates in. */
  locale: string;
  /** When the minutes are made (epoch ms). */
  generatedAt: number;
  /** Length of a timeline bucket; by default chosen so the timeline has at most `MAX_BUCKETS` bars. */
  bucketMinutes?: number;
}

export const MAX_BUCKETS = 24;
const BUCKET_CHOICES = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440];

/** `state`: the log already folded, when the caller has it (publishing folds each meeting once). Read, never changed. */
export function buildMinutes(events: readonly LoggedEvent[], opts: BuildMinutesOptions, state: SessionState = fold(events)): Minutes {

  const listed: QuestionState[] = [...state.questions.values()].filter(isPublic);
  const questions: MinutesQuestion[] = listed.map((q, i) => withFollowUp(toMinutesQuestion(q, i + 1), state));

  let hidden = 0;
  let withdrawn = 0;
  let pending = 0;
  let edited = 0;
  let merged = 0;
  for (const q of state.questions.values()) {
    if (q.original) edited++;
    if (q.mergedInto !== null) {
      merged++;
      continue;
    }
    if (q.moderation === 'hidden') hidden++;
    else if (q.moderation === 'withdrawn') withdrawn++;
    else if (q.moderation === 'pending') pending++;
  }

  const followUp = questions
    .filter((q) => q.outcome === 'open' || q.followUp)
    .sort((a, b) => b.votes - a.votes || a.askedAt - b.askedAt || a.number - b.number);

  return {
    session: archiveSession(state),
    locale: opts.locale,
    generatedAt: opts.generatedAt,
    questions,
    moderation: { hidden, withdrawn, pending, ...(edited ? { edited } : {}), ...(merged ? { merged } : {}), ...withheldComments(state) },
    participation: participation(events, state, questions, opts.bucketMinutes),
    followUp,
    polls: buildPollMinutes(state, minutesWords(opts.locale)),
    log: { events: events.length, finalHash: events.at(-1)?.hash ?? '' },
    ...withAgenda(buildAgendaMinutes(state, new Map(questions.map((q) => [q.id, q.number])), opts.generatedAt)),
    ...withCarriedIn(carriedInMinutes(state)),
  };
}

const withRemoteAttendance = (changes: MinutesRemoteAttendance | undefined): Pick<Participation, 'remoteAttendance'> => (changes ? { remoteAttendance: changes } : {});

const withAgenda = (agenda: Minutes['agenda']): Pick<Minutes, 'agenda'> => (agenda ? { agenda } : {});

/** Written comments from muted phones: counted in the moderation summary, never listed. */
function withheldComments(state: SessionState): { commentsWithheld?: number } {
  const n = [...state.comments.byItem.values()].flat().filter((c) => c.muted).length;
  return n > 0 ? { commentsWithheld: n } : {};
}
const withCarriedIn = (carriedIn: NonNullable<Minutes['carriedIn']>): Pick<Minutes, 'carriedIn'> => (carriedIn.length > 0 ? { carriedIn } : {});

function withFollowUp(q: MinutesQuestion, state: SessionState): MinutesQuestion {
  const followUp = questionFollowUp(state, q.id);
  return followUp ? { ...q, followUp } : q;
}

function toMinutesQuestion(q: QuestionState, number: number): MinutesQuestion {
  return {
    number,
    id: q.id,
    text: q.text,
    name: q.name,
    askedAt: q.askedAt,
    votes: voteCount(q),
    outcome: q.answeredAt === null ? 'open' : q.reply !== null ? 'answered-in-writing' : 'answered-live',
    answeredAt: q.answeredAt,
    reply: q.reply,
    floorAt: q.floorAt,
    ...(q.original ? { edited: true as const } : {}),
    ...(q.merged.length > 0 ? { merged: q.merged.length } : {}),
  };
}

function participation(
  events: readonly LoggedEvent[],
  state: SessionState,
  questions: readonly MinutesQuestion[],
  bucketOption: number | undefined,
): Participation {
  const devicesJoined = state.devices.size;
  const askers = new Set<string>();
  const voters = new Set<string>();
  const askedTimes: number[] = [];
  /** `${questionId}/${deviceId}` → when the standing vote was cast. */
  const standingVotes = new Map<string, number>();
  let lastAt = 0;
  for (const e of events) {
    const body = e.body;
    // Follow-up written days later says nothing about when the meeting ran.
    if (!isFollowUpEvent(body.type)) lastAt = Math.max(lastAt, e.at);
    switch (body.type) {
      case 'question.asked':
        askers.add(body.deviceId);
        askedTimes.push(e.at);
        break;
      case 'vote.cast':
        voters.add(body.deviceId);
        standingVotes.set(`${body.questionId}/${body.deviceId}`, e.at);
        break;
      case 'vote.withdrawn':
        standingVotes.delete(`${body.questionId}/${body.deviceId}`);
        break;
      default:
        break;
    }
  }
  const share = (n: number) => (devicesJoined === 0 ? 0 : Math.min(1, n / devicesJoined));
  const answered = questions.filter((q) => q.answeredAt !== null);
  // Votes are united by phone across merged duplicates: one standing vote per phone per question kept.
  const united = new Map<string, number>();
  for (const [key, at] of standingVotes) {
    const [questionId = '', deviceId = ''] = key.split('/');
    const q = state.questions.get(questionId);
    const unitedKey = `${q ? mergeRoot(state, q).id : questionId}/${deviceId}`;
    united.set(unitedKey, Math.max(at, united.get(unitedKey) ?? 0));
  }
  const voteTimes = [...united.values()];

  let firstActivity = state.createdAt;
  let lastActivity = state.closedAt ?? lastAt;
  for (const at of [askedTimes, voteTimes].flat()) {
    firstActivity = Math.min(firstActivity, at);
    lastActivity = Math.max(lastActivity, at);
  }
  const start = state.openedAt ?? firstActivity;
  const end = Math.max(lastActivity, start);
  const bucketMinutes = bucketOption && bucketOption > 0 ? bucketOption : chooseBucketMinutes(end - start);
  const timeline = events.length === 0 ? [] : buildTimeline(start, end, bucketMinutes, askedTimes, voteTimes);

  // From outside the room (hybrid meetings): questions asked and standing votes of devices that joined through the relay.
  const remote = state.remoteDevices;
  const fromOutside =
    remote.size > 0
      ? {
          remoteJoined: remote.size,
          remoteAsked: [...state.questions.values()].filter((q) => remote.has(q.deviceId)).length,
          remoteVotes: [...united.keys()].filter((key) => remote.has(key.split('/')[1] ?? '')).length,
        }
      : {};
  return {
    devicesJoined,
    ...fromOutside,
    ...withRemoteAttendance(minutesRemoteAttendance(state.remoteAttendees)),
    peakConnected: state.peakConnected,
    paperCodes: minutesPaperCodes(state),
    shareAsked: share(askers.size),
    shareVoted: share(voters.size),
    questionsAsked: state.questions.size,
    questionsApproved: questions.length,
    answeredLive: questions.filter((q) => q.outcome === 'answered-live').length,
    answeredInWriting: questions.filter((q) => q.outcome === 'answered-in-writing').length,
    questionsOpen: questions.filter((q) => q.outcome === 'open').length,
    medianMinutesToAnswer: median(answered.map((q) => ((q.answeredAt as number) - q.askedAt) / MINUTE_MS)),
    votesCast: united.size,
    bucketMinutes,
    timeline,
  };
}

/** The smallest usual bucket length that keeps the chart within `MAX_BUCKETS` bars. */
export function chooseBucketMinutes(spanMs: number): number {
  for (const m of BUCKET_CHOICES) if (Math.ceil((spanMs + 1) / (m * MINUTE_MS)) <= MAX_BUCKETS) return m;
  return Math.ceil((spanMs + 1) / (MAX_BUCKETS * MINUTE_MS));
}

function buildTimeline(start: number, end: number, bucketMinutes: number, asked: number[], votes: number[]): TimelineBucket[] {
  const size = bucketMinutes * MINUTE_MS;
  // Buckets start on whole multiples of their length (e.g. 19:00, 19:05), so bars read as clock times.
  const first = Math.floor(start / size) * size;
  const count = Math.floor((end - first) / size) + 1;
  const buckets: TimelineBucket[] = Array.from({ length: count }, (_, i) => ({ start: first + i * size, questions: 0, votes: 0 }));
  const index = (at: number) => Math.min(count - 1, Math.max(0, Math.floor((at - first) / size)));
  for (const at of asked) buckets[index(at)]!.questions++;
  for (const at of votes) buckets[index(at)]!.votes++;
  return buckets;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function minutesPaperCodes(state: SessionState): MinutesPaperCodes | null {
  const c = state.paperCodes;
  if (c.issued === 0) return null;
  return { issued: c.issued, used: c.devices.size, joinedWithout: joinedWithoutCode(state), required: c.required, requiredAt: c.requiredAt };
}
