import type { AgendaCommand } from '../../../../src-shared/features/agenda/control.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/** The facilitator's agenda, speaker and timer commands: each decided by its rule (features/agenda/decide-control.ts) and recorded. */
export function createAgendaCommands({ sessions }: CommandsContext): Handlers<AgendaCommand> {
  return {
    addItem: (input) => sessions.decide('addItem', input),
    editItem: (input) => sessions.decide('editItem', input),
    moveItem: (input) => sessions.decide('moveItem', input),
    removeItem: (input) => sessions.decide('removeItem', input),
    setCurrentItem: (input) => sessions.decide('setCurrentItem', input),
    moveQuestion: (input) => sessions.decide('moveQuestion', input),
    addSpeaker: (input) => sessions.decide('addSpeaker', input),
    moveSpeaker: (input) => sessions.decide('moveSpeaker', input),
    callSpeaker: (input) => sessions.decide('callSpeaker', input),
    endSpeaker: (input) => sessions.decide('endSpeaker', input),
    setSignup: (input) => sessions.decide('setSignup', input),
    timer: (input) => sessions.decide('timer', input),
  };
}
