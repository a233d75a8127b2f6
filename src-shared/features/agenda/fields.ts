import { z } from 'zod';
import { LIMITS } from '../../limits.js';
import { charCount, cleanText } from '../../text.js';

/** Typed text of the agenda: cleaned, counted in characters as a person counts them, limited. */
export const limitedText = (max: number, what: string) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => cleanText(s))
    .refine((t) => charCount(t) <= max, { message: `${what} can be at most ${max} characters.` });

export const speakerSubjectSchema = limitedText(LIMITS.speakerSubjectMax, 'A subject').transform((t) => t.replace(/\s+/g, ' '));

export const agendaTitleSchema = limitedText(LIMITS.agendaTitleMax, 'An agenda item’s title').refine((t) => t.length > 0, {
  message: 'Give the agenda item a title.',
});

export const agendaDescriptionSchema = limitedText(LIMITS.agendaDescriptionMax, 'A description');

export const speakingSecondsSchema = z
  .number()
  .int('Speaking time is a whole number of seconds.')
  .min(LIMITS.speakingSecondsMin, `Speaking time is at least ${LIMITS.speakingSecondsMin} seconds.`)
  .max(LIMITS.speakingSecondsMax, `Speaking time is at most ${LIMITS.speakingSecondsMax / 60} minutes.`);

export const maxSpeakersSchema = z
  .number()
  .int()
  .min(1, 'The maximum number of speakers is at least 1.')
  .max(LIMITS.speakersPerItem, `The maximum number of speakers is at most ${LIMITS.speakersPerItem}.`)
  .nullable();
