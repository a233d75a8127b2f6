import type { PaperCodeControlOutputs } from '../../../../src-shared/features/paper-codes/control.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/** The facilitator's paper-code commands: each decided by its rule (features/paper-codes/decide-control.ts) and recorded. */
export function createPaperCodeCommands({ sessions }: CommandsContext): Handlers<keyof PaperCodeControlOutputs> {
  return {
    requirePaperCodes: (input) => sessions.decide('requirePaperCodes', input),
    issuePaperCodes: (input) => sessions.decide('issuePaperCodes', input),
  };
}
