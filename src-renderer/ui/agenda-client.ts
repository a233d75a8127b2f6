import type { AgendaCommand } from '../../src-shared/features/agenda/control';
import type { ControlApi, ControlInput, ControlResult } from '../../src-shared/control';

type Call = <K extends AgendaCommand>(command: K, input: ControlInput<K>) => Promise<ControlResult<K>>;

/** The agenda, speaker and timer commands of the HTTP control client (one line each). */
export function agendaClient(call: Call) {
  return {
    addItem: (input) => call('addItem', input),
    editItem: (input) => call('editItem', input),
    moveItem: (input) => call('moveItem', input),
    removeItem: (input) => call('removeItem', input),
    setCurrentItem: (input) => call('setCurrentItem', input),
    moveQuestion: (input) => call('moveQuestion', input),
    addSpeaker: (input) => call('addSpeaker', input),
    moveSpeaker: (input) => call('moveSpeaker', input),
    callSpeaker: (input) => call('callSpeaker', input),
    endSpeaker: (input) => call('endSpeaker', input),
    setSignup: (input) => call('setSignup', input),
    timer: (input) => call('timer', input),
  } satisfies Pick<ControlApi, AgendaCommand>;
}
