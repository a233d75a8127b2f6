import { AGENDA_COMMANDS, type AgendaCommand } from '../../../../src-shared/features/agenda/control.js';
import { decideAgendaControl } from '../../../../src-shared/features/agenda/decide-control.js';
import type { ControlOutputs, ControlParsedInput, ControlResult } from '../../../../src-shared/control.js';
import { newId } from '../../../../src-shared/ids.js';
import type { SessionManager } from '../../pipeline/session-manager.js';

type Handler<K extends AgendaCommand> = (input: ControlParsedInput<K>) => ControlResult<K>;
type Handlers = { [K in AgendaCommand]: Handler<K> };

/** What each agenda command answers: the id it concerns, under the name its output type gives it. */
function output<K extends AgendaCommand>(command: K, input: ControlParsedInput<K>, id: string | null): ControlOutputs[K] {
  const i = input as Record<string, unknown>;
  switch (command) {
    case 'addSpeaker':
    case 'moveSpeaker':
    case 'callSpeaker':
    case 'endSpeaker':
      return { speakerId: id ?? '' } as ControlOutputs[K];
    case 'moveQuestion':
      return { questionId: i.questionId } as ControlOutputs[K];
    case 'setCurrentItem':
      return { itemId: id } as ControlOutputs[K];
    case 'timer':
      return { action: i.action } as ControlOutputs[K];
    default:
      return { itemId: id ?? '' } as ControlOutputs[K];
  }
}

/**
 * The facilitator's agenda, speaker and timer commands: decided by the pure rules of
 * src-shared/features/agenda/decide-control.ts against the live session, recorded through `LiveSession.record`.
 */
export function createAgendaHandlers(sessions: SessionManager): Handlers {
  const handler =
    <K extends AgendaCommand>(command: K): Handler<K> =>
    (input) => {
      const decision = sessions.decideAndRecord((live) => decideAgendaControl(live.log.state, command, input, newId));
      return decision.ok ? { ok: true, value: output(command, input, decision.id) } : decision;
    };
  return Object.fromEntries(AGENDA_COMMANDS.map((c) => [c, handler(c)])) as Handlers;
}
