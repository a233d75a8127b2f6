// Kept free of zod and every other dependency: the phone's first chunk imports it.

/**
 * HTTP and WebSocket surfaces of the host.
 *
 * LAN listener (0.0.0.0, phones):      GET /  and  GET /j/:code   the attendee app
 *                                      POST /api/join             joinRequestSchema → JoinResponse
 *                                      GET  /api/time             { now }: the host's clock (agenda timer)
 *                                      WS   /sync/room-<roomId>   y-websocket protocol, that room only
 *                                      WS   /signal               y-webrtc signaling, issued rooms only
 * Loopback listener (127.0.0.1, token): GET /console/ , /projector/ (token in the `t` query parameter)
 *                                      POST /api/<command>        control contract (header x-open-floor-token)
 *                                      WS   /sync/desk?t= , /sync/board?t= (read-only), /sync/room-<id>?t= (gateway)
 *                                      GET  /export/?t=           the sessions in the data dir (SessionListing[])
 *                                      GET  /export/<sessionId>.<format>?t=   one export, as an attachment
 *                                      POST /publish/<sessionId>?locale=  publish the record into <data>/published (header token)
 */
export const PATHS = {
  join: '/api/join',
  /** GET: the host's clock (`{ now }`), so a phone can correct its own (agenda timer). */
  time: '/api/time',
  sync: '/sync',
  signal: '/signal',
  joinPage: '/j/',
  console: '/console/',
  projector: '/projector/',
  control: '/api/',
  export: '/export/',
  publish: '/publish/',
} as const;

export const TOKEN_QUERY = 't';
