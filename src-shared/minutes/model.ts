import type { MinutesPoll } from '../features/polls/minutes.js';

/**
 * The minutes of one session as one model: a pure function of the event log (`buildMinutes`) that every
 * format (PDF, DOCX, Markdown, CSV) renders. New sections (agenda items, speakers, polls) are added
 * here as optional fields; renderers that do not know a section yet simply skip it.
 *
 * All times are epoch milliseconds; renderers format them in `session.timeZone` with `locale`.
 */

import type { MinutesModerationCounts, MinutesQuestionModeration } from '../features/moderation/minutes.js';
import type { MinutesAgenda } from '../features/agenda/minutes.js';
import type { MinutesCarriedQuestion, MinutesFollowUp } from '../features/follow-up/minutes.js';
import type { MinutesRemoteAttendance } from '../features/remote-attendees/minutes.js';

export type QuestionOutcome = 'answered-live' | 'answered-in-writing' | 'open';

export interface MinutesQuestion extends MinutesQuestionModeration {
  /** 1-based, in the order asked among the questions shown in the minutes. */
  number: number;
  id: string;
  text: string;
  /** Empty when the asker stayed anonymous: the minutes never name anyone who did not give a name. */
  name: string;
  askedAt: number;
  votes: number;
  outcome: QuestionOutcome;
  answeredAt: number | null;
  /** The written reply, when answered in writing. */
  reply: string | null;
  /** When it was (last) put on the floor, if ever. */
  floorAt: number | null;
  /** What was done about it after the meeting (issue 19), when something was written. */
  followUp?: MinutesFollowUp;
}

export interface TimelineBucket {
  /** Start of the bucket (epoch ms); buckets are `bucketMinutes` long. */
  start: number;
  questions: number;
  votes: number;
}

export interface MinutesPaperCodes {
  issued: number;
  /** Codes that let a device in. */
  used: number;
  /** Devices that joined without a code. */
  joinedWithout: number;
  /** Codes were required at the end; since `requiredAt` (last time they were made required). */
  required: boolean;
  requiredAt: number | null;
}

export interface Participation {
  devicesJoined: number;
  /** Devices that joined through the relay, from outside the room (hybrid meetings); absent when none did. */
  remoteJoined?: number;
  /** Of `questionsAsked` and `votesCast`, those from devices that joined through the relay; absent when none joined so. */
  remoteAsked?: number;
  remoteVotes?: number;
  /** When the facilitator closed and opened remote participation (issue 20); absent when never switched. */
  remoteAttendance?: MinutesRemoteAttendance;
  peakConnected: number;
  /** Shares of joined devices, 0..1 (0 when nobody joined). */
  shareAsked: number;
  shareVoted: number;
  questionsAsked: number;
  questionsApproved: number;
  answeredLive: number;
  answeredInWriting: number;
  questionsOpen: number;
  /** Median minutes from asked to answered, over answered questions; null if none. */
  medianMinutesToAnswer: number | null;
  votesCast: number;
  /** Single-use paper codes (issue 9); null when the session printed none. */
  paperCodes: MinutesPaperCodes | null;
  bucketMinutes: number;
  timeline: TimelineBucket[];
}

export interface Moderation extends MinutesModerationCounts {
  /** Counted in the public minutes; their text appears only in the JSON archive. */
  hidden: number;
  withdrawn: number;
  /** Still waiting for the moderator when the minutes were made. */
  pending: number;
}

export interface Minutes {
  session: {
    id: string;
    title: string;
    place: string;
    facilitator: string;
    timeZone: string;
    status: 'draft' | 'open' | 'closed';
    createdAt: number;
    openedAt: number | null;
    closedAt: number | null;
  };
  /** BCP 47 locale the dates are written in (e.g. "en-GB"). */
  locale: string;
  /** When these minutes were made (a live session's minutes are provisional). */
  generatedAt: number;
  /** Approved questions in the order asked (hidden, withdrawn and pending ones are not listed). */
  questions: MinutesQuestion[];
  moderation: Moderation;
  participation: Participation;
  /** Open questions (and any with a written follow-up), most votes first, so the council can answer them after the meeting. */
  followUp: MinutesQuestion[];
  /** Questions carried into this meeting from earlier ones (absent when none). */
  carriedIn?: MinutesCarriedQuestion[];
  /** Polls that were opened, in the order created (src-shared/features/polls/minutes.ts). */
  polls?: MinutesPoll[];
  log: { events: number; finalHash: string };
  /** Agenda items with their questions, speakers and participation (absent when there was no agenda). */
  agenda?: MinutesAgenda;
}
