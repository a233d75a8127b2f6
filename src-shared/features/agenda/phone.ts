import { z } from 'zod';
import { idSchema as id, nameSchema } from '../../fields.js';
import { speakerSubjectSchema } from './fields.js';

/** What a phone may send about the agenda: ask to speak on an item (name optional, always), and withdraw before being called. */
export const agendaRequests = {
  speak: z.object({
    kind: z.literal('speak'),
    id,
    itemId: id,
    name: nameSchema.optional(),
    subject: speakerSubjectSchema.optional(),
    interpreter: z.boolean().optional(),
  }),
  unspeak: z.object({ kind: z.literal('unspeak'), id, itemId: id }),
} as const;
