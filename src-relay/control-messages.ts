import { z } from 'zod';

/**
 * What the relay and the laptop say to each other on the control document (stateless messages only).
 *
 * A remote join, forwarded by the relay to the laptop and answered by it (issue 20). The relay takes the
 * phone's `POST /api/join`, publishes it on Redis (any instance may hold the laptop's connection), the
 * instance holding it sends it to the laptop as a Hocuspocus stateless message on the control document,
 * and the laptop's answer comes back the same way. The relay reads nothing in them but `id`.
 */
export const forwardedJoinSchema = z.object({
  type: z.literal('join'),
  /** Random, made by the relay instance that took the request: answers are matched by it. */
  id: z.string().min(8).max(64),
  code: z.string().max(32),
  paper: z.string().max(32).optional(),
  /** The phone's language (checked by the laptop as on the LAN). */
  lang: z.string().max(3).optional(),
  /** The client's address as the relay saw it (from a trusted proxy's header only with --trust-proxy). */
  address: z.string().max(64),
  /** The phone's Cookie header, for its device cookie (the laptop reads it as on the LAN). */
  cookie: z.string().max(4096).optional(),
});
export type ForwardedJoin = z.infer<typeof forwardedJoinSchema>;

export const joinAnswerSchema = z.object({
  type: z.literal('join-answer'),
  id: z.string().min(8).max(64),
  status: z.number().int().min(200).max(599),
  /** The JSON the phone gets: the LAN's join answer plus `relayDoc` and `relayToken`. */
  body: z.record(z.string(), z.unknown()),
  /** A Set-Cookie value for the phone's device cookie, on the relay's origin. */
  setCookie: z.string().max(4096).optional(),
});
export type JoinAnswer = z.infer<typeof joinAnswerSchema>;

/**
 * The last phone connection of `room-<id>` on one relay instance closed. The phone may be on another
 * instance (it moved), so the laptop does not drop the bridge on this alone: after its idle time it asks
 * every instance (`room-query`) and drops the bridge if none answers with a room notice.
 */
export const roomLeftSchema = z.object({ type: z.literal('room-left'), name: z.string().max(80) });

/** The laptop asks every instance whether a phone has this room open (those that have answer with a room notice). */
export const roomQuerySchema = z.object({ type: z.literal('room-query'), name: z.string().max(80) });

/** At most this many room names in one room notice (about 17 KB). */
export const ROOMS_PER_NOTICE = 200;

/**
 * A room notice: phones have these rooms open on some relay instance. One name when a phone opens its room
 * (or answers a `room-query`); up to 200 a message when an instance names every room a phone has open
 * there, as the laptop connects and at its roll call (`room-roll`). The laptop bridges each room that
 * belongs to the live session, so rooms are bridged again after the laptop restarts, without the relay
 * keeping any list.
 */
export const roomsNoticeSchema = z.object({ type: z.literal('rooms'), names: z.array(z.string().max(80)).max(ROOMS_PER_NOTICE) });

/**
 * The laptop's roll call: every instance names all its rooms with a phone (`rooms`). A bridged room no
 * instance names twice running is treated as left (relay-idle.ts): its phone was on an instance that died,
 * or its `room-left` was lost, and it must not be counted as a remote phone until the session ends.
 */
export const roomRollSchema = z.object({ type: z.literal('room-roll') });

/**
 * The laptop's clock, said on every connect and every 30 s, so the relay answers remote phones'
 * `GET /api/time` in the meeting's time (laptop-clock.ts).
 */
export const clockMessageSchema = z.object({ type: z.literal('clock'), now: z.number().finite().positive() });
export type ClockMessage = z.infer<typeof clockMessageSchema>;

/** Everything the relay says to the laptop on the control document: one parse, then by `type`. */
export const toLaptopSchema = z.discriminatedUnion('type', [forwardedJoinSchema, roomsNoticeSchema, roomLeftSchema]);
export type ToLaptop = z.infer<typeof toLaptopSchema>;
/** Everything the laptop says to the relay on the control document. */
export const fromLaptopSchema = z.discriminatedUnion('type', [joinAnswerSchema, roomQuerySchema, roomRollSchema, clockMessageSchema]);
export type FromLaptop = z.infer<typeof fromLaptopSchema>;

/** Parses a message, or null for anything malformed (never throws). */
export function parseMessage<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
