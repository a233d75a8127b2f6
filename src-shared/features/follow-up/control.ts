import { z } from 'zod';
import { idSchema as id, shortText } from '../../fields.js';
import { LIMITS } from '../../limits.js';
import type { FollowUpView } from './views.js';

/** The clerk's and facilitator's commands after the meeting (issue 19), on any session of the folder. */
export const followUpControlInputs = {
  /** The Follow-up view of a session (reads only). */
  followUpView: z.object({ sessionId: id }),
  writeFollowUp: z.object({
    sessionId: id,
    questionId: id,
    outcome: z.enum(['answered', 'referred', 'carried', 'not-answered']),
    text: shortText(LIMITS.replyTextMax, 'A follow-up'),
    by: z.enum(['clerk', 'facilitator']),
  }),
  /** Where the record will be published (an http or https address) and when to look; empty clears. */
  setPublication: z.object({
    sessionId: id,
    url: z
      .string()
      .max(LIMITS.publicationUrlMax, `An address can be at most ${LIMITS.publicationUrlMax} characters.`)
      .transform((s) => s.trim())
      .refine((s) => s === '' || /^https?:\/\/[^\s<>"']+$/i.test(s), { message: 'Give an address that starts with http:// or https://.' }),
    when: shortText(LIMITS.publicationWhenMax, 'When to look'),
  }),
} as const;

export interface FollowUpControlOutputs {
  followUpView: FollowUpView;
  writeFollowUp: FollowUpView;
  setPublication: { url: string; when: string };
}
