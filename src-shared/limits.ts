/** Every field and every channel has a limit; these are the numbers, in one place. */
export const LIMITS = {
  questionTextMax: 500,
  nameMax: 40,
  replyTextMax: 2000,
  /** Where the record is published (issue 19), and the clerk's words on when to look. */
  publicationUrlMax: 300,
  publicationWhenMax: 120,
  sessionTitleMax: 120,
  placeMax: 120,
  /** A single message on a room connection (Yjs sync or awareness). */
  roomMessageBytes: 64 * 1024,
  /**
   * Connections one phone room may have at once: the phone, the gateway, and sockets of earlier page loads
   * that went away without closing (the keepalive ends those within 20 s).
   */
  connectionsPerRoom: 8,
  /** Messages one sync connection may send per 10 s before it is closed as a flood. */
  syncMessagesPer10s: 600,
  /** Sync step 1 requests per room connection per 10 s (a phone sends one per connection). */
  syncStep1Per10s: 5,
  /**
   * Updates a room may hold that wait for a missing earlier update, in bytes. A real phone's are its few
   * newest requests, sent before the sync step that carries what they build on (it follows at once); each
   * update that waits is merged with the others again, and that churn left the host's memory fragmented
   * (256 KiB cost +45 MiB of RSS in `npm run fuzz`), so one message's worth.
   */
  pendingUpdateBytesPerRoom: 64 * 1024,
  /** Unsent data a WebSocket may queue before the host closes it (the peer stopped reading). */
  socketBufferedBytes: 4 * 1024 * 1024,
  /**
   * What one phone's room may grow to on the host, in bytes of Yjs updates (1,000 votes with their receipts
   * take about 105 KB, so the 5,000 requests a room may hold fit). Past it the host refuses what the phone
   * sends, with a reason.
   */
  roomStoredBytes: 1024 * 1024,
  /** Requests kept in one phone's room document before the host refuses more. */
  requestsPerRoom: 5_000,
  questionsPerMinute: 5,
  votesPerMinute: 120,
  joinsPerMinutePerAddress: 30,
  /** New devices one network address may add to a session (the console can raise it for venues behind NAT). */
  phonesPerAddressDefault: 4,
  phonesPerAddressMax: 5_000,
  /** Single-use paper codes (issue 9): codes one session may print, codes per print, wrong codes per address per minute. */
  paperCodesPerSession: 5_000,
  paperCodesPerPrint: 1_000,
  paperCodeTriesPerMinutePerAddress: 20,
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
  /** Written comments (issue 19): length, comments one phone may write on one item, and per minute. */
  commentTextMax: 2000,
  commentsPerItemPerPhone: 3,
  commentsPerMinute: 3,
  /** WebRTC peer connections the gateway keeps per room: the phone, and the same phone after a reload. */
  gatewayPeersPerRoom: 2,
  /** Messages one /signal connection may send per 10 s (a connection set-up takes about 20). */
  signalMessagesPer10s: 100,
  /** Messages all /signal connections from one address may send per 10 s. */
  signalMessagesPer10sPerAddress: 300,
  /** LAN HTTP: a whole request (headers and body) must arrive within this; headers within the next. */
  lanRequestTimeoutMs: 10_000,
  lanHeadersTimeoutMs: 5_000,
  lanKeepAliveTimeoutMs: 5_000,
  /** Open TCP connections from one address to the LAN listener (a phone uses about 8). */
  connectionsPerAddress: 100,
  /** Control API request bodies (console → host). */
  controlBodyBytes: 16 * 1024,
} as const;

export const MINUTE_MS = 60_000;
