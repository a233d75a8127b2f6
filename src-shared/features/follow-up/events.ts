/**
 * Follow-up after the meeting (issue 19): written answers, referrals, questions carried to a later
 * meeting, and the address where the record is published. These events are appended to a session's log
 * after its close too: the chain goes on, so every later answer is as verifiable as the meeting itself.
 */

/** What became of a question that was not answered on the floor. */
export type FollowUpOutcome = 'answered' | 'referred' | 'carried' | 'not-answered';
/** Who wrote it: a role, never a device or a person's login. */
export type FollowUpAuthor = 'clerk' | 'facilitator';

/** A question as the follow-up knows it (in the console's view, and in a later meeting it is carried into). */
export interface FollowUpQuestionFacts {
  questionId: string;
  /** Its number in its meeting's minutes. */
  number: number;
  text: string;
  /** Empty when the asker stayed anonymous. */
  name: string;
  votes: number;
  askedAt: number;
  /** The agenda item it was filed under; empty when none. */
  itemTitle: string;
}

export type FollowUpEvent =
  /**
   * A written follow-up of a question (this session's, or one carried into it). `text` is the answer,
   * whom it was referred to, a note on carrying it, or why it is not answered. A later event for the same
   * question replaces it; the earlier ones stay in the log. `writtenIn`: the session where it was written,
   * when that is another one (an answer given at a later meeting is recorded in both logs).
   */
  | { type: 'followup.written'; questionId: string; outcome: FollowUpOutcome; text: string; by: FollowUpAuthor; writtenIn?: string }
  /** The question was carried into a later session: the link from the earlier meeting's side. */
  | { type: 'followup.carried'; questionId: string; toSessionId: string; toTitle: string }
  /** A question carried from an earlier meeting: the link from the later meeting's side, with what it asked. */
  | ({
      type: 'followup.carried-in';
      fromSessionId: string;
      fromTitle: string;
      /** When the earlier meeting opened (or was created). */
      fromDate: number;
    } & FollowUpQuestionFacts)
  /** Where the record will be published, and when to look (the clerk's words; empty: not said). */
  | { type: 'publication.set'; url: string; when: string };

export const FOLLOW_UP_EVENT_TYPES: Record<FollowUpEvent['type'], true> = {
  'followup.written': true,
  'followup.carried': true,
  'followup.carried-in': true,
  'publication.set': true,
};

/** Follow-up events come after a session's close and say nothing about when the meeting itself ran. */
export const isFollowUpEvent = (type: string): boolean => Object.hasOwn(FOLLOW_UP_EVENT_TYPES, type);
