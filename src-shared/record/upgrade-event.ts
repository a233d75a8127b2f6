import { z } from 'zod';
import type { LoggedEvent } from '../events.js';
import { EVENT_TYPES } from '../features/registry.js';
import { RECORD_FORMAT, RecordFormatError, unreadableFormat, type RecordHolder } from './format.js';

/**
 * Every event read from the store or from an archive passes through `upgradeEvent` before the fold and
 * the minutes see it. It checks the envelope (never a blind cast) and returns the event in today's shape.
 * The body it returns is the stored body: the hash covers it, so an upgrade may read it differently but
 * never rewrites what is stored (the chain verifies against the stored bytes).
 */

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal characters');

/** The envelope of a logged event, as stored in every format so far. */
export const storedEventSchema = z.object({
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

/**
 * The upgrade steps, numbered: step N reads an event stored in format N as format N + 1. A step returns a
 * new object and leaves the stored body as it was (same keys, same values) — a changed meaning gets a new
 * event type instead, which a step may not invent. Empty while format 1 is the only format.
 */
export const UPGRADE_STEPS: ReadonlyArray<(event: LoggedEvent) => LoggedEvent> = [];

/** The step list must reach today's format: one step per format before it. */
if (UPGRADE_STEPS.length !== RECORD_FORMAT - 1) throw new Error('UPGRADE_STEPS must have one step per format before RECORD_FORMAT');

/**
 * An event as stored (`format`: the format that wrote it) in today's shape. Throws RecordFormatError for a
 * newer format or an envelope that is not an event of the log (naming the field).
 */
export function upgradeEvent(stored: unknown, format = 1, holder: RecordHolder = 'data folder'): LoggedEvent {
  const newer = unreadableFormat(holder, format);
  if (newer) throw new RecordFormatError(newer);
  const parsed = storedEventSchema.safeParse(stored);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const seq = (stored as { seq?: unknown } | null)?.seq;
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the event';
    throw new RecordFormatError(`Event ${typeof seq === 'number' ? `#${seq}` : '(no number)'} is not an event of the log: ${where} ${issue?.message ?? 'is malformed'}.`);
  }
  // The parsed object keeps every key of the body (loose), so the chain checks against the stored fields.
  let event = parsed.data as unknown as LoggedEvent;
  for (let f = format; f < RECORD_FORMAT; f++) event = UPGRADE_STEPS[f - 1]!(event);
  return event;
}
