import { z } from 'zod';
import { idSchema as id, nameSchema } from '../../fields.js';
import { LIMITS } from '../../limits.js';
import { charCount, cleanText } from '../../text.js';

export const commentTextSchema = z
  .string()
  .max(LIMITS.commentTextMax * 4)
  .transform(cleanText)
  .refine((t) => charCount(t) >= 1, { message: 'The comment is empty.' })
  .refine((t) => charCount(t) <= LIMITS.commentTextMax, {
    message: `A written comment can be at most ${LIMITS.commentTextMax} characters.`,
  });

/** What a phone may send: a written comment on an agenda item (name optional). */
export const commentRequests = {
  comment: z.object({ kind: z.literal('comment'), id, itemId: id, text: commentTextSchema, name: nameSchema.optional() }),
} as const;
