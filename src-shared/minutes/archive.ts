import { MODERATION_EVENT_TYPES } from '../moderation/events.js';
import { AGENDA_EVENT_TYPES } from '../agenda/events.js';
import { z } from 'zod';
import type { EventType, LoggedEvent } from '../events.js';
import { verifyChain } from '../hash-chain.js';
import { fold, type SessionState } from '../state.js';

/**
 * The JSON archive of a session: its whole event log (hidden questions' text included: this is the
 * record, not the public minutes) plus the final hash, so anyone can check nothing was altered.
 * The `session` block is a convenience for readers; it is derived from the log and checked against it.
 */
export const ARCHIVE_FORMAT = 'open-floor-archive';
export const ARCHIVE_VERSION = 1;

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

// Every event type the log knows; a compile error here means a new type must be added.
const EVENT_TYPES: Record<EventType, true> = {
  'session.created': true,
  'session.opened': true,
  'session.closed': true,
  'settings.changed': true,
  'device.joined': true,
  'question.asked': true,
  'question.approved': true,
  'question.hidden': true,
  'question.withdrawn': true,
  'floor.set': true,
  'question.answered': true,
  'attendance.peak': true,
  'paperCodes.required': true,
  'paperCodes.issued': true,
  'vote.cast': true,
  'vote.withdrawn': true,
  ...MODERATION_EVENT_TYPES,
  'poll.created': true,
  'poll.edited': true,
  'poll.visibility': true,
  'poll.opened': true,
  'poll.closed': true,
  'poll.shown': true,
  'poll.hidden': true,
  'ballot.cast': true,
  'ballot.changed': true,
  ...AGENDA_EVENT_TYPES,
};

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal characters');
const eventSchema = z.object({
  seq: z.number().int().positive(),
  at: z.number().finite(),
  actor: z.string().regex(/^(facilitator|host|device:[A-Za-z0-9_-]{1,64})$/, 'is not an actor of the log'),
  // Loose: every field of the body is hashed, so nothing may be dropped or added by parsing.
  body: z.looseObject({
    type: z.string().refine((t) => Object.hasOwn(EVENT_TYPES, t), 'is not an event type of the log'),
  }),
  prevHash: hex64,
  hash: hex64,
});
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
  version: z.literal(ARCHIVE_VERSION, { error: `is not a version this program reads (${ARCHIVE_VERSION})` }),
  session: sessionSchema,
  events: z.array(eventSchema).min(1, 'holds no events'),
  finalHash: hex64,
});

export type ArchiveCheck =
  | { ok: true; events: LoggedEvent[]; finalHash: string; session: ArchiveSession }
  /** `badSeq` names the first event that does not match; null when the file is not an archive at all. */
  | { ok: false; badSeq: number | null; reason: string };

/** Checks an archive's shape, then its hash chain, its final hash and its session block. Never throws. */
export function verifyArchive(json: unknown): ArchiveCheck {
  const parsed = archiveSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return { ok: false, badSeq: null, reason: `not an Open Floor archive: ${where} ${issue?.message ?? 'is malformed'}` };
  }
  const archive = parsed.data;
  const events = archive.events as unknown as LoggedEvent[];
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
