/**
 * Poll events (issue 8). They join the log's `EventBody` union in events.ts; the fold of them is in
 * poll-state.ts. A ballot event carries (deviceId, requestId) like every phone-driven event, so the log
 * keeps that pair unique and applies a replayed request once.
 */

export type PollKind = 'single' | 'multiple' | 'yesno' | 'rating';

/** Who sees the counts: everyone live, everyone once closed, or the console only. */
export type PollVisibility = 'live' | 'after-close' | 'console';

/** What a poll asks, as created or edited while a draft. */
export interface PollDefinition {
  kind: PollKind;
  question: string;
  /** The answers a phone can pick, in order (fixed for yes/no/abstain and rating 1–5). */
  options: string[];
  /** How many options one ballot may pick: 1 except for multiple choice (k). */
  maxChoices: number;
}

export type PollEvent =
  | ({
      type: 'poll.created';
      pollId: string;
      visibility: PollVisibility;
      /** The agenda item it belongs to (the current item when created, unless the facilitator picked another); unset: the session's. */
      itemId?: string;
      /** The poll this one was duplicated from (a closed poll is final; running it again is a new poll). */
      duplicateOf?: string;
    } & PollDefinition)
  | ({ type: 'poll.edited'; pollId: string } & PollDefinition)
  | { type: 'poll.visibility'; pollId: string; visibility: PollVisibility }
  | { type: 'poll.opened'; pollId: string }
  /** `connected`: phones connected at the moment it closed (participation = ballots / connected). */
  | { type: 'poll.closed'; pollId: string; connected?: number }
  /** On the projector (one poll at a time: showing one takes down the one before). */
  | { type: 'poll.shown'; pollId: string }
  | { type: 'poll.hidden'; pollId: string }
  /** A phone's first ballot, and each later change (the last one counts; the log keeps every one). */
  | { type: 'ballot.cast'; pollId: string; deviceId: string; requestId: string; choices: number[] }
  | { type: 'ballot.changed'; pollId: string; deviceId: string; requestId: string; choices: number[] };

/**
 * The answers of the fixed kinds are stored as keys and translated wherever they are shown (screens,
 * minutes, CSV), so a Spanish phone reads "Sí / No / Abstención" (issue 17). Logs written before that
 * hold the English words ('Yes', 'No', 'Abstain'): labels are found by kind and position, never by the
 * stored text, so those records read in every language too.
 */
export const YES_NO_OPTIONS = ['yes', 'no', 'abstain'] as const;
export const RATING_OPTIONS = ['1', '2', '3', '4', '5'] as const;

export const POLL_KIND_LABELS: Record<PollKind, string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  yesno: 'Yes / no / abstain',
  rating: 'Rating 1–5',
};

export const VISIBILITY_LABELS: Record<PollVisibility, string> = {
  live: 'Live on the projector',
  'after-close': 'Hidden until closed',
  console: 'Console only',
};

/** Every poll event type (the log's reader accepts exactly the types the features know). */
export const POLL_EVENT_TYPES: Record<PollEvent['type'], true> = {
  'poll.created': true,
  'poll.edited': true,
  'poll.visibility': true,
  'poll.opened': true,
  'poll.closed': true,
  'poll.shown': true,
  'poll.hidden': true,
  'ballot.cast': true,
  'ballot.changed': true,
};
