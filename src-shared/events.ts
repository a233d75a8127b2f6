/**
 * The event log is the truth (DESIGN.md, principle 3). Every accepted action is one of these events;
 * state, board, desk and minutes are all functions of the log.
 */

import type { AskModeration, ModerationEventBody } from './features/moderation/events.js';
import type { PollEvent } from './features/polls/events.js';
import type { AgendaEventBody } from './features/agenda/events.js';
import type { PaperCodeEvent } from './features/paper-codes/events.js';

export type Actor = 'facilitator' | 'host' | `device:${string}`;

export type EventBody =
  | {
      type: 'session.created';
      sessionId: string;
      title: string;
      place: string;
      timeZone: string;
      /** Empty when not given. */
      facilitator?: string;
    }
  | { type: 'session.opened' }
  | { type: 'session.closed' }
  | { type: 'settings.changed'; premoderation: boolean }
  /** `paperCode`: the number of the paper code it joined with (issue 9), when it used one. */
  | { type: 'device.joined'; deviceId: string; paperCode?: number }
  | ({
      type: 'question.asked';
      questionId: string;
      deviceId: string;
      requestId: string;
      text: string;
      name: string;
      /** True when pre-moderation was off: the question went straight to the board. */
      approved: boolean;
    } & AskModeration)
  | { type: 'question.approved'; questionId: string }
  | { type: 'question.hidden'; questionId: string }
  | { type: 'question.withdrawn'; questionId: string; deviceId: string; requestId: string }
  | { type: 'floor.set'; questionId: string | null }
  /** Answered live (no reply) or in writing (with the reply text). */
  | { type: 'question.answered'; questionId: string; reply?: string }
  /** The most phones connected at once so far (recorded when a new peak is reached). */
  | { type: 'attendance.peak'; connected: number }
  | { type: 'vote.cast'; questionId: string; deviceId: string; requestId: string }
  | { type: 'vote.withdrawn'; questionId: string; deviceId: string; requestId: string }
  | ModerationEventBody
  /** Polls (issue 8): src-shared/features/polls/events.ts. */
  | PollEvent
  /** Agenda, speakers, timer (issue 7): src-shared/features/agenda/events.ts. */
  | AgendaEventBody
  /** Single-use paper codes (issue 9): src-shared/features/paper-codes/. */
  | PaperCodeEvent;

export type EventType = EventBody['type'];

/** An event as it stands in the log. */
export interface LoggedEvent {
  seq: number;
  at: number;
  actor: Actor;
  body: EventBody;
  prevHash: string;
  hash: string;
}
