import type { PollCommand } from '../../../../src-shared/features/polls/control.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/** The facilitator's poll commands: each decided by its rule (features/polls/decide-control.ts) and recorded. */
export function createPollCommands({ sessions }: CommandsContext): Handlers<PollCommand> {
  return {
    createPoll: (input) => sessions.decide('createPoll', input),
    editPoll: (input) => sessions.decide('editPoll', input),
    openPoll: (input) => sessions.decide('openPoll', input),
    closePoll: (input) => sessions.decide('closePoll', input),
    duplicatePoll: (input) => sessions.decide('duplicatePoll', input),
    setPollVisibility: (input) => sessions.decide('setPollVisibility', input),
    showPoll: (input) => sessions.decide('showPoll', input),
  };
}
