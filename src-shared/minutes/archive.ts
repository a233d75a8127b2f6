import { z } from 'zod';
import type { LoggedEvent } from '../events.js';
import { verifyChain } from '../hash-chain.js';
import { newerFormatMessage, RECORD_FORMAT } from '../record/format.js';
import { storedEventSchema, upgradeEvent } from '../record/upgrade-event.js';
import { fold } from '../fold.js';
import { type SessionState } from '../state.js';

/**
 * The JSON archive of a session: its whole event log (hidden questions' text included: this is the
 * record, not the public minutes) plus the final hash, so anyone can check nothing was altered.
 * The `session` block is a convenience for readers; it is derived from the log and checked against it.
 */
export const ARCHIVE_FORMAT = 'open-floor-archive';
/**
 * The record format the archive was written in (src-shared/record/format.ts). Every archive so far says
 * 1; one from a newer Open Floor is refused with a message that says to update, before anything else.
 */
export const ARCHIVE_VERSION = RECORD_FORMAT;

export interface ArchiveSession {
  id: string;
  title: string;
  place: string;
  facilitator: string;
  timeZone: string;
  status: SessionState['status'];
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
}

export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  exportedAt: number;
  session: ArchiveSession;
  events: LoggedEvent[];
  finalHash: string;
}

export function archiveSession(state: SessionState): ArchiveSession {
  return {
    id: state.id,
    title: state.title,
    place: state.place,
    facilitator: state.facilitator,
    timeZone: state.timeZone,
    status: state.status,
    createdAt: state.createdAt,
    openedAt: state.openedAt,
    closedAt: state.closedAt,
  };
}

export function buildArchive(events: readonly LoggedEvent[], exportedAt: number): Archive {
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt,
    session: archiveSession(fold(events)),
    events: [...events],
    finalHash: events.at(-1)?.hash ?? '',
  };
}

/** Pretty-printed, one key per line: a changed byte is easy to find by eye, and diffs stay readable. */
export function renderArchiveJson(events: readonly LoggedEvent[], exportedAt: number): string {
  return `${JSON.stringify(buildArchive(events, exportedAt), null, 2)}\n`;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal characters');
const sessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  place: z.string(),
  facilitator: z.string(),
  timeZone: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  createdAt: z.number(),
  openedAt: z.number().nullable(),
  closedAt: z.number().nullable(),
});
const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT, { error: `is not “${ARCHIVE_FORMAT}”` }),
  version: z.number().int().min(1).max(ARCHIVE_VERSION),
  session: sessionSchema,
  events: z.array(storedEventSchema).min(1, 'holds no events'),
  finalHash: hex64,
});

export type ArchiveCheck =
  | { ok: true; events: LoggedEvent[]; finalHash: string; session: ArchiveSession }
  /** `badSeq` names the first event that does not match; null when the file is not an archive at all. */
  | { ok: false; badSeq: number | null; reason: string };

/** Checks an archive's shape, then its hash chain, its final hash and its session block. Never throws. */
export function verifyArchive(json: unknown): ArchiveCheck {
  const newer = newerArchive(json);
  if (newer) return { ok: false, badSeq: null, reason: newer };
  const parsed = archiveSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return { ok: false, badSeq: null, reason: `not an Open Floor archive: ${where} ${issue?.message ?? 'is malformed'}` };
  }
  const archive = parsed.data;
  const events = archive.events.map((e) => upgradeEvent(e, archive.version, 'archive'));
  const chain = verifyChain(events);
  if (!chain.ok) return { ok: false, badSeq: chain.badSeq, reason: chain.reason };
  const last = events[events.length - 1]!;
  if (archive.finalHash !== chain.finalHash) {
    return { ok: false, badSeq: last.seq, reason: 'the final hash written in the archive is not the hash of its last event' };
  }
  if (events[0]!.body.type !== 'session.created') {
    return { ok: false, badSeq: events[0]!.seq, reason: 'the log does not start with the creation of a session' };
  }
  const derived = archiveSession(fold(events));
  for (const key of Object.keys(derived) as Array<keyof ArchiveSession>) {
    if (derived[key] !== archive.session[key]) {
      return { ok: false, badSeq: 1, reason: `the session's ${key} in the archive header does not match the log` };
    }
  }
  return { ok: true, events, finalHash: chain.finalHash, session: derived };
}

/** The message for an archive of ours written in a newer record format; null for any other file. */
function newerArchive(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== ARCHIVE_FORMAT || typeof version !== 'number' || !(version > ARCHIVE_VERSION)) return null;
  return newerFormatMessage('archive', version);
}
