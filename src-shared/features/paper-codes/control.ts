import { z } from 'zod';
import { LIMITS } from '../../limits.js';

/** The facilitator's paper-code commands (joined into control.ts). */
export const paperCodeControlInputs = {
  requirePaperCodes: z.object({ on: z.boolean() }),
  issuePaperCodes: z.object({
    count: z
      .number()
      .int()
      .min(1, 'Print at least one code.')
      .max(LIMITS.paperCodesPerPrint, `At most ${LIMITS.paperCodesPerPrint} codes at a time.`),
  }),
} as const;

export interface PaperCodeControlOutputs {
  requirePaperCodes: { on: boolean };
  /** The numbers of the codes just printed (first to last, inclusive). */
  issuePaperCodes: { first: number; last: number };
}
