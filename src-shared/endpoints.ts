import { z } from 'zod';
import { JOIN_CODE_REGEX, normaliseJoinCode } from './ids.js';
import type { ExportFormat } from './minutes/formats.js';
import type { SessionListing } from './minutes/listing.js';

import { PATHS, TOKEN_QUERY } from './paths.js';
import type { PaperCodeRefusal } from './features/paper-codes/format.js';

export { PATHS, TOKEN_QUERY };

/** Where the console downloads a session's export (a plain link: the token rides in the query). */
/** `?locale=es-ES` on an export: the language (wording) and the date format of the minutes. */
export const LOCALE_QUERY = 'locale';

export const exportHref = (sessionId: string, format: ExportFormat, token: string, locale?: string): string =>
  `${PATHS.export}${encodeURIComponent(sessionId)}.${format}?${TOKEN_QUERY}=${encodeURIComponent(token)}${locale ? `&${LOCALE_QUERY}=${encodeURIComponent(locale)}` : ''}`;

/** `POST /publish/<id>?locale=…`: the meeting published into the data folder's `published/` site. */
export const publishHref = (sessionId: string, locale: string): string =>
  `${PATHS.publish}${encodeURIComponent(sessionId)}?${LOCALE_QUERY}=${encodeURIComponent(locale)}`;

/** Where it was written: the site's folder and the meeting's page in it (paths on this laptop). */
export type PublishResponse = { ok: true; folder: string; page: string } | { ok: false; error: string };

/** Response of `GET /export/`: every session of the data directory, oldest first. */
export type ExportListing = { ok: true; sessions: SessionListing[] } | { ok: false; error: string };

export const joinRequestSchema = z.object({
  code: z
    .string()
    .max(32)
    .transform(normaliseJoinCode)
    .refine((c) => JOIN_CODE_REGEX.test(c), { message: 'That is not a valid code.' }),
  /** The single-use code from a paper slip, when the meeting asks for one (src-shared/paper-codes). */
  paper: z.string().max(32).optional(),
  /** The language the phone's screen is in (a BCP 47 primary tag: "en", "es"), for the meeting's measures. */
  lang: z.string().regex(/^[a-z]{2,3}$/, 'not a language tag').optional(),
});

/**
 * What opens a remote phone's room on the relay (hybrid meetings, issue 20): in a join answered through
 * the relay only. The token's lifetime is given as a duration, so a phone whose clock is off renews in time.
 */
export interface RelayJoinFields {
  relayDoc: string;
  relayToken: string;
  relayTokenTtlMs: number;
}

export type JoinResponse =
  | ({ ok: true; sessionId: string; deviceId: string; roomId: string; title: string } & Partial<RelayJoinFields>)
  | { ok: false; error: string; paperCode?: PaperCodeRefusal };

export const joinUrl = (lanOrigin: string, code: string): string => `${lanOrigin}${PATHS.joinPage}${code}`;
