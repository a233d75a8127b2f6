/** Every field and every channel has a limit; these are the numbers, in one place. */
export const LIMITS = {
  questionTextMax: 500,
  nameMax: 40,
  replyTextMax: 2000,
  sessionTitleMax: 120,
  placeMax: 120,
  /** A single message on a room connection (Yjs sync or awareness). */
  roomMessageBytes: 64 * 1024,
  /** Requests kept in one phone's room document before the host refuses more. */
  requestsPerRoom: 5_000,
  questionsPerMinute: 5,
  votesPerMinute: 120,
  joinsPerMinutePerAddress: 30,
  /** Signaling messages (y-webrtc) are small: offers, answers and ICE candidates. */
  signalMessageBytes: 64 * 1024,
  signalPeersPerRoom: 2,
  /** Polls (issue 8): question and option lengths, options per poll, polls per session, ballots per phone. */
  pollQuestionMax: 200,
  pollOptionMax: 80,
  pollOptionsMin: 2,
  pollOptionsMax: 10,
  pollsPerSession: 50,
  ballotsPerMinute: 20,
  /** Agenda and public comment (issue 7). */
  agendaTitleMax: 120,
  agendaDescriptionMax: 500,
  speakerSubjectMax: 120,
  agendaItemsPerSession: 100,
  /** Host-wide ceiling of speakers per item; an item may set a lower maximum. */
  speakersPerItem: 500,
  speakingSecondsMin: 10,
  speakingSecondsMax: 60 * 60,
  speakingSecondsDefault: 180,
  timerExtendMs: 30_000,
  signupsPerMinute: 6,
  /** Control API request bodies (console → host). */
  controlBodyBytes: 16 * 1024,
} as const;

export const MINUTE_MS = 60_000;
