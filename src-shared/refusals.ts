/**
 * The reasons a phone is shown when the host refuses a request, in one dependency-free module: the host's
 * rules use them, and the phone maps the English text it receives to its own language (refusalKey).
 */
export const REFUSALS = {
  notOpen: 'The session is not open for questions.',
  closed: 'The session has closed.',
  unknownQuestion: 'That question is not on the board.',
  notYours: 'You can only withdraw your own question.',
  notVotable: 'You can only vote for questions on the board.',
  tooManyQuestions: 'You are asking very fast. Please wait a minute before asking again.',
  tooManyVotes: 'You are voting very fast. Please wait a minute.',
  tooManyRequests: 'This phone has sent too many requests for this session.',
} as const;

export const SPEAK_REFUSALS = {
  unknownItem: 'That agenda item is no longer on the agenda.',
  noPublicComment: 'Public comment is not open on this item.',
  signupClosed: 'Sign-up to speak on this item has closed.',
  alreadySignedUp: 'This phone has already asked to speak on this item.',
  full: 'The list of speakers for this item is full.',
  notSignedUp: 'This phone is not on the list of speakers for this item.',
  alreadyCalled: 'You have already been called to speak, so you can no longer withdraw here.',
  tooManySignUps: 'You are signing up very fast. Please wait a minute.',
  inRoomOnly: 'Asking to speak is for people in the room.',
} as const;

export const COMMENT_REFUSALS = {
  noPublicComment: 'This item does not take public comment, so it takes no written comments.',
  tooMany: 'This phone has already sent the most written comments allowed on this item.',
  tooFast: 'You are sending comments very fast. Please wait a minute.',
} as const;

export const POLL_REFUSALS = {
  unknownPoll: 'That poll does not exist.',
  notOpenYet: 'That poll is not open yet.',
  closedPoll: 'That poll has closed. Your last answer before it closed is the one counted.',
  noSuchOption: 'That answer is not one of the poll’s options.',
  emptyBallot: 'Choose an answer first.',
  sameOptionTwice: 'Each answer can be picked only once.',
  onlyOne: 'This poll takes one answer.',
  tooManyChoices: (k: number) => `You can pick at most ${k} answers in this poll.`,
  tooFast: 'You are answering very fast. Please wait a minute.',
} as const;

/** Why a join is refused, when the phone can say it in its own language. */
export const JOIN_REFUSALS = {
  /** A new phone through the relay while the facilitator has remote attendees off (issue 20). */
  remoteClosed: 'This meeting is not taking remote attendees at the moment.',
} as const;

/** The reason written when a request's rules failed unexpectedly (a bug): it never aborts the batch. */
export const FAILED_REASON = 'The host could not process this request. Please try again.';

const KEYED: ReadonlyArray<[string, Readonly<Record<string, unknown>>]> = [
  ['qa', REFUSALS],
  ['speak', SPEAK_REFUSALS],
  ['poll', POLL_REFUSALS],
  ['comment', COMMENT_REFUSALS],
  ['join', JOIN_REFUSALS],
];
const BY_TEXT = new Map<string, string>();
for (const [group, reasons] of KEYED) {
  for (const [key, text] of Object.entries(reasons)) if (typeof text === 'string') BY_TEXT.set(text, `refusal_${group}_${key}`);
}
BY_TEXT.set(FAILED_REASON, 'refusal_failed');

/** The catalog key (phone namespace) of a refusal the host wrote, or null for one not known here. */
export const refusalKey = (reason: string): string | null => BY_TEXT.get(reason) ?? null;
