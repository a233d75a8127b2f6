import { z } from 'zod';
import { LIMITS } from '../../limits.js';
import { idSchema as id, nameSchema } from '../../fields.js';
import {
  agendaDescriptionSchema,
  agendaTitleSchema,
  maxSpeakersSchema,
  speakerSubjectSchema,
  speakingSecondsSchema,
} from './fields.js';

const index = z.number().int().min(0).max(10_000);

/** The facilitator's agenda, speaker and timer commands: one zod schema each (joined into control.ts). */
export const agendaControlInputs = {
  addItem: z.object({
    title: agendaTitleSchema,
    description: agendaDescriptionSchema.optional(),
    speakingSeconds: speakingSecondsSchema.optional(),
    publicComment: z.boolean().optional(),
    maxSpeakers: maxSpeakersSchema.optional(),
  }),
  /** Fields left out keep their value. */
  editItem: z.object({
    itemId: id,
    title: agendaTitleSchema.optional(),
    description: agendaDescriptionSchema.optional(),
    speakingSeconds: speakingSecondsSchema.optional(),
    publicComment: z.boolean().optional(),
    maxSpeakers: maxSpeakersSchema.optional(),
  }),
  moveItem: z.object({ itemId: id, index }),
  removeItem: z.object({ itemId: id }),
  setCurrentItem: z.object({ itemId: id.nullable() }),
  moveQuestion: z.object({ questionId: id, itemId: id.nullable() }),
  /** A walk-in speaker (no phone): name and subject as typed, both may be blank. */
  addSpeaker: z.object({
    itemId: id,
    name: nameSchema.optional(),
    subject: speakerSubjectSchema.optional(),
    interpreter: z.boolean().optional(),
  }),
  moveSpeaker: z.object({ speakerId: id, index }),
  /** Without a speaker: the next in line on the current item. */
  callSpeaker: z.object({ speakerId: id.optional() }),
  endSpeaker: z.object({ speakerId: id, as: z.enum(['done', 'absent', 'removed']) }),
  setSignup: z.object({ itemId: id, open: z.boolean() }),
  /**
   * The timer of the speaker on the floor, or a general one (`start` with `seconds`). `toggle` starts,
   * pauses or resumes (the space bar).
   */
  timer: z.object({
    action: z.enum(['start', 'pause', 'resume', 'toggle', 'extend', 'stop', 'reset']),
    seconds: z
      .number()
      .int()
      .min(1, 'A timer runs at least 1 second.')
      .max(LIMITS.speakingSecondsMax * 4, `A timer runs at most ${(LIMITS.speakingSecondsMax * 4) / 60} minutes.`)
      .optional(),
  }),
} as const;

export type AgendaCommand = keyof typeof agendaControlInputs;

export interface AgendaControlOutputs {
  addItem: { itemId: string };
  editItem: { itemId: string };
  moveItem: { itemId: string };
  removeItem: { itemId: string };
  setCurrentItem: { itemId: string | null };
  moveQuestion: { questionId: string };
  addSpeaker: { speakerId: string };
  moveSpeaker: { speakerId: string };
  callSpeaker: { speakerId: string };
  endSpeaker: { speakerId: string };
  setSignup: { itemId: string };
  timer: { action: string };
}
