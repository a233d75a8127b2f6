import { z } from 'zod';
import { idSchema as id } from '../../fields.js';
import { LIMITS } from '../../limits.js';

/** What a phone may send about polls: its ballot. */
export const pollRequests = {
/** A phone's answer: the indexes of the options it picks (the host checks them against the poll). */
ballot: z.object({
  kind: z.literal('ballot'),
  id,
  pollId: id,
  choices: z.array(z.number().int().min(0).max(LIMITS.pollOptionsMax * 10)).max(LIMITS.pollOptionsMax * 2),
}),
} as const;
