import { z } from 'zod';
import { idSchema as id, nameSchema } from '../../fields.js';
import { LIMITS } from '../../limits.js';
import { charCount, cleanText } from '../../text.js';

export const questionTextSchema = z
  .string()
  .max(LIMITS.questionTextMax * 4)
  .transform(cleanText)
  .refine((t) => charCount(t) >= 1, { message: 'The question is empty.' })
  .refine((t) => charCount(t) <= LIMITS.questionTextMax, {
    message: `A question can be at most ${LIMITS.questionTextMax} characters.`,
  });

/** What a phone may ask about questions: ask one, vote for one (or take the vote back), withdraw its own. */
export const questionRequests = {
  ask: z.object({ kind: z.literal('ask'), id, text: questionTextSchema, name: nameSchema.optional() }),
  vote: z.object({ kind: z.literal('vote'), id, questionId: id }),
  unvote: z.object({ kind: z.literal('unvote'), id, questionId: id }),
  withdraw: z.object({ kind: z.literal('withdraw'), id, questionId: id }),
} as const;
