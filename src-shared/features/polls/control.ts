import { z } from 'zod';
import { idSchema as id } from '../../fields.js';
import { LIMITS } from '../../limits.js';
import { charCount, cleanText } from '../../text.js';

/** The console's poll commands (the phone's ballot is in phone.ts). */


export const pollKindSchema = z.enum(['single', 'multiple', 'yesno', 'rating']);
export const pollVisibilitySchema = z.enum(['live', 'after-close', 'console']);

const line = (max: number, what: string) =>
  z
    .string()
    .max(max * 4)
    .transform((s) => cleanText(s).replace(/\s+/g, ' '))
    .refine((t) => charCount(t) <= max, { message: `${what} can be at most ${max} characters.` });

const definition = {
  kind: pollKindSchema,
  question: line(LIMITS.pollQuestionMax, 'A poll question').refine((t) => t.length > 0, { message: 'Write the poll’s question.' }),
  /** Ignored for yes/no/abstain and rating (their options are fixed); empty lines are dropped. */
  options: z.array(line(LIMITS.pollOptionMax, 'An option')).max(LIMITS.pollOptionsMax * 2).optional(),
  /** Multiple choice only: how many options one phone may pick (default: all). */
  maxChoices: z.number().int().min(1).max(LIMITS.pollOptionsMax).optional(),
};

export const pollControlInputs = {
  /** `itemId`: the agenda item the poll belongs to (none: the session). */
  createPoll: z.object({ ...definition, visibility: pollVisibilitySchema.optional(), itemId: id.nullable().optional() }),
  editPoll: z.object({ pollId: id, ...definition }),
  openPoll: z.object({ pollId: id }),
  closePoll: z.object({ pollId: id }),
  duplicatePoll: z.object({ pollId: id }),
  setPollVisibility: z.object({ pollId: id, visibility: pollVisibilitySchema }),
  /** null takes the poll down (the Q&A board comes back). */
  showPoll: z.object({ pollId: id.nullable() }),
} as const;

export type PollCommand = keyof typeof pollControlInputs;

export interface PollControlOutputs {
  createPoll: { pollId: string };
  editPoll: { pollId: string };
  openPoll: { pollId: string };
  closePoll: { pollId: string };
  duplicatePoll: { pollId: string };
  setPollVisibility: { pollId: string };
  showPoll: { pollId: string | null };
}
