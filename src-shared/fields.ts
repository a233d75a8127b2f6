import { z } from 'zod';
import { ID_REGEX } from './ids.js';
import { LIMITS } from './limits.js';
import { charCount, cleanText } from './text.js';

/** Fields that several features' schemas share. */

export const idSchema = z.string().regex(ID_REGEX, 'not a valid id');

/** A person's name as typed (an asker's, a speaker's): one line, at most `LIMITS.nameMax` characters. */
export const nameSchema = z
  .string()
  .max(LIMITS.nameMax * 4)
  .transform((s) => cleanText(s).replace(/\s+/g, ' '))
  .refine((t) => charCount(t) <= LIMITS.nameMax, {
    message: `A name can be at most ${LIMITS.nameMax} characters.`,
  });

/** One line of text of at most `max` characters; `what` names it in the error. */
export const shortText = (max: number, what: string) =>
  z
    .string()
    .max(max * 4)
    .transform(cleanText)
    .refine((t) => charCount(t) <= max, { message: `${what} can be at most ${max} characters.` });
