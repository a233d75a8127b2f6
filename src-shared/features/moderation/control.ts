import { z } from 'zod';
import { DISPLAY_SCHEMA } from '../../display.js';
import { ID_REGEX } from '../../ids.js';
import { nameSchema } from '../../fields.js';
import { questionTextSchema } from '../questions/phone.js';
import { charCount, cleanText } from '../../text.js';

/** Facilitator commands of issue 10 (moderation tools, filter, projector display); spread into `controlInputs`. */

const id = z.string().regex(ID_REGEX);

export const CUSTOM_WORDS_MAX = 200;
export const CUSTOM_WORD_MAX_CHARS = 40;

const customWord = z
  .string()
  .max(CUSTOM_WORD_MAX_CHARS * 4)
  .transform((w) => cleanText(w).replace(/\s+/g, ' '))
  .refine((w) => charCount(w) <= CUSTOM_WORD_MAX_CHARS, { message: `A filtered word can be at most ${CUSTOM_WORD_MAX_CHARS} characters.` });

export const moderationInputs = {
  /** Fix a typo or remove personal data; the asker's text stays in the log. */
  editQuestion: z.object({ questionId: id, text: questionTextSchema, name: nameSchema.optional() }),
  /** `questionId` is the duplicate; `into` is the question kept. */
  mergeQuestion: z.object({ questionId: id, into: id }),
  unmergeQuestion: z.object({ questionId: id }),
  /** Mute (or unmute) the phone that asked `questionId`: the console knows questions, not devices. */
  muteAsker: z.object({ questionId: id }),
  unmuteAsker: z.object({ questionId: id }),
  setProfanityFilter: z.object({ on: z.boolean() }),
  /** The facilitator's own words, added to the shipped lists (kept in the data folder). */
  setCustomWords: z.object({
    words: z
      .array(customWord)
      .max(CUSTOM_WORDS_MAX, { message: `At most ${CUSTOM_WORDS_MAX} words.` })
      .transform((ws) => [...new Set(ws.filter((w) => w.length > 0))]),
  }),
  /** How the projector looks (remembered per data folder). */
  setDisplay: DISPLAY_SCHEMA,
} as const;

export interface ModerationOutputs {
  editQuestion: { questionId: string };
  mergeQuestion: { questionId: string };
  unmergeQuestion: { questionId: string };
  muteAsker: { questionId: string };
  unmuteAsker: { questionId: string };
  setProfanityFilter: { on: boolean };
  setCustomWords: { words: string[] };
  setDisplay: z.output<typeof DISPLAY_SCHEMA>;
}

