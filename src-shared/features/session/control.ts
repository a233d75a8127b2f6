import { z } from 'zod';
import { shortText } from '../../fields.js';
import { LIMITS } from '../../limits.js';
import type { VenueStatus } from '../../venue.js';

/** The facilitator's commands about the session itself, its joining and its venue. */
export const sessionControlInputs = {
  createSession: z.object({
    title: shortText(LIMITS.sessionTitleMax, 'The title').refine((t) => t.length > 0, {
      message: 'Give the session a title.',
    }),
    place: shortText(LIMITS.placeMax, 'The place').optional(),
    facilitator: shortText(LIMITS.nameMax, 'The facilitator’s name').optional(),
  }),
  openSession: z.object({}),
  closeSession: z.object({}),
  setPremoderation: z.object({ on: z.boolean() }),
  setJoinAddress: z.object({ address: z.string().max(64) }),
  /** Venue readiness: addresses, the phone test, whether phones arrive, transport health. Reads only. */
  venueStatus: z.object({}),
  /**
   * New phones one network address may add to the session (venues behind NAT raise it). Without `max`,
   * only reads the setting and the addresses with several phones.
   */
  phonesPerAddress: z.object({
    max: z.number().int().min(1, 'Allow at least one phone per address.').max(LIMITS.phonesPerAddressMax, `At most ${LIMITS.phonesPerAddressMax}.`).optional(),
  }),
} as const;

export interface SessionControlOutputs {
  createSession: { sessionId: string };
  openSession: { joinUrl: string };
  closeSession: { finalHash: string };
  setPremoderation: { on: boolean };
  setJoinAddress: { joinUrl: string };
  venueStatus: VenueStatus;
  phonesPerAddress: { max: number; crowded: Array<{ address: string; phones: number }> };
}
