/**
 * The event log is the truth (DESIGN.md, principle 3). Every accepted action is one of these events;
 * state, board, desk and minutes are all functions of the log. Each feature declares its own events in
 * `features/<name>/events.ts`; this is their union (one line per feature).
 */

import type { SessionEvent } from './features/session/events.js';
import type { QuestionEvent } from './features/questions/events.js';
import type { ModerationEventBody } from './features/moderation/events.js';
import type { AgendaEventBody } from './features/agenda/events.js';
import type { PollEvent } from './features/polls/events.js';
import type { PaperCodeEvent } from './features/paper-codes/events.js';
import type { FollowUpEvent } from './features/follow-up/events.js';
import type { CommentEvent } from './features/comments/events.js';
import type { RemoteAttendeesEvent } from './features/remote-attendees/events.js';

export type Actor = 'facilitator' | 'host' | `device:${string}`;

export type EventBody = SessionEvent | QuestionEvent | ModerationEventBody | AgendaEventBody | PollEvent | PaperCodeEvent | FollowUpEvent | CommentEvent | RemoteAttendeesEvent;

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

/** What the fold reads of a logged event. */
export type FoldedEvent = Pick<LoggedEvent, 'seq' | 'at' | 'body' | 'hash'> & { actor?: Actor };
