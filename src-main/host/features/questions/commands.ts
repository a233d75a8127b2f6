import type { QuestionControlOutputs } from '../../../../src-shared/features/questions/control.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/** The facilitator's question commands: each decided by its rule (features/questions/decide-control.ts) and recorded. */
export function createQuestionCommands({ sessions }: CommandsContext): Handlers<keyof QuestionControlOutputs> {
  return {
    approve: (input) => sessions.decide('approve', input),
    hide: (input) => sessions.decide('hide', input),
    setFloor: (input) => sessions.decide('setFloor', input),
    markAnswered: (input) => sessions.decide('markAnswered', input),
  };
}
