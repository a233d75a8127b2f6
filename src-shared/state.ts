import { emptySessionCore, type SessionCore } from './features/session/fold.js';
import { emptyQuestions, type QuestionsState } from './features/questions/fold.js';
import { emptySessionModeration, type SessionModeration } from './features/moderation/fold.js';
import { emptyAgenda, type AgendaState } from './features/agenda/fold.js';
import { emptyPolls, type PollsState } from './features/polls/fold.js';
import { emptyPaperCodes, type PaperCodesState } from './features/paper-codes/fold.js';
import { emptyFollowUp, type FollowUpState } from './features/follow-up/fold.js';
import { emptyComments, type CommentsState } from './features/comments/fold.js';
import { emptyRemoteAttendees, type RemoteAttendeesState } from './features/remote-attendees/fold.js';

/**
 * The state folded from a session's log: each feature's part (its `fold.ts`), one line per feature. The
 * fold itself (`fold.ts` beside this file) runs every registered feature's fold on each event.
 */
export interface SessionState extends SessionCore, QuestionsState, SessionModeration {
  /** Polls (issue 8): features/polls/fold.ts. */
  polls: PollsState;
  /** Agenda items, speakers and the timer: features/agenda/fold.ts. */
  agenda: AgendaState;
  /** Single-use paper codes: features/paper-codes/fold.ts. */
  paperCodes: PaperCodesState;
  /** Written answers, referrals and carried questions after the meeting: features/follow-up/fold.ts. */
  followUp: FollowUpState;
  /** Written comments on agenda items: features/comments/fold.ts. */
  comments: CommentsState;
  /** Whether new phones may join through the relay: features/remote-attendees/fold.ts. */
  remoteAttendees: RemoteAttendeesState;
}

export function emptyState(): SessionState {
  return {
    ...emptySessionCore(),
    ...emptyQuestions(),
    ...emptySessionModeration(),
    polls: emptyPolls(),
    agenda: emptyAgenda(),
    paperCodes: emptyPaperCodes(),
    followUp: emptyFollowUp(),
    comments: emptyComments(),
    remoteAttendees: emptyRemoteAttendees(),
  };
}

