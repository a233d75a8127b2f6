import { z } from 'zod';
import { idSchema as id, shortText } from '../../fields.js';
import { LIMITS } from '../../limits.js';

/** The facilitator's commands about questions: approve, hide, put on the floor, mark answered. */
export const questionControlInputs = {
  approve: z.object({ questionId: id }),
  hide: z.object({ questionId: id }),
  setFloor: z.object({ questionId: id.nullable() }),
  /** Without a reply: answered live. With one: answered in writing (the reply goes into the minutes). */
  markAnswered: z.object({
    questionId: id,
    reply: shortText(LIMITS.replyTextMax, 'A written reply').optional(),
  }),
} as const;

export interface QuestionControlOutputs {
  approve: { questionId: string };
  hide: { questionId: string };
  setFloor: { questionId: string | null };
  markAnswered: { questionId: string };
}
