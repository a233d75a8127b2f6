import { z } from 'zod';
import { JOIN_CODE_REGEX, normaliseJoinCode } from './ids.js';
import type { ExportFormat } from './minutes/formats.js';
import type { SessionListing } from './minutes/listing.js';

/**
 * HTTP and WebSocket surfaces of the host.
 *
 * LAN listener (0.0.0.0, phones):      GET /  and  GET /j/:code   the attendee app
 *                                      POST /api/join             JoinRequest → JoinResponse
 *                                      GET  /api/time             { now }: the host's clock (agenda timer)
 *                                      WS   /sync/room-<roomId>   y-websocket protocol, that room only
 *                                      WS   /signal               y-webrtc signaling, issued rooms only
 * Loopback listener (127.0.0.1, token): GET /console/ , /projector/ (token in the `t` query parameter)
 *                                      POST /api/<command>        control contract (header x-open-floor-token)
 *                                      WS   /sync/desk?t= , /sync/board?t= (read-only), /sync/room-<id>?t= (gateway)
 *                                      GET  /export/?t=           the sessions in the data dir (SessionListing[])
 *                                      GET  /export/<sessionId>.<format>?t=   one export, as an attachment
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
} as const;

export const TOKEN_QUERY = 't';

/** Where the console downloads a session's export (a plain link: the token rides in the query). */
/** `?locale=es-ES` on an export: the language (wording) and the date format of the minutes. */
export const LOCALE_QUERY = 'locale';

export const exportHref = (sessionId: string, format: ExportFormat, token: string, locale?: string): string =>
  `${PATHS.export}${encodeURIComponent(sessionId)}.${format}?${TOKEN_QUERY}=${encodeURIComponent(token)}${locale ? `&${LOCALE_QUERY}=${encodeURIComponent(locale)}` : ''}`;

/** Response of `GET /export/`: every session of the data directory, oldest first. */
export type ExportListing = { ok: true; sessions: SessionListing[] } | { ok: false; error: string };

export const joinRequestSchema = z.object({
  code: z
    .string()
    .max(32)
    .transform(normaliseJoinCode)
    .refine((c) => JOIN_CODE_REGEX.test(c), { message: 'That is not a valid code.' }),
});
export type JoinRequest = z.input<typeof joinRequestSchema>;

export type JoinResponse =
  | { ok: true; sessionId: string; deviceId: string; roomId: string; title: string }
  | { ok: false; error: string };

export const joinUrl = (lanOrigin: string, code: string): string => `${lanOrigin}${PATHS.joinPage}${code}`;
