/** WebSocket close codes the host uses on /sync and /signal (RFC 6455 §7.4.1), in one place. */
export const CLOSE_CODES = {
  /** The host is shutting down, or the document was replaced (a new session): reconnect. */
  goingAway: 1001,
  /** A malformed message, a text frame, a flood, a room that is not ours. */
  policy: 1008,
  /** A message over the size limit. */
  tooBig: 1009,
  /** The host cannot store right now (the data folder cannot be written): try again later. */
  tryAgainLater: 1013,
} as const;

