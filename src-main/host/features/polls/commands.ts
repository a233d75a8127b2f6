import type { ControlOutputs, ControlParsedInput, ControlResult } from '../../../../src-shared/control.js';
import { newId } from '../../../../src-shared/ids.js';
import { decidePollCommand } from '../../../../src-shared/features/polls/decide.js';
import { POLL_COMMANDS, type PollCommand } from '../../../../src-shared/features/polls/control.js';
import type { SessionManager } from '../../pipeline/session-manager.js';

type PollHandlers = { [K in PollCommand]: (input: ControlParsedInput<K>) => ControlResult<K> };

/**
 * The facilitator's poll commands: the pure rules (src-shared/features/polls/decide.ts) against the live
 * session, then `LiveSession.record` (commit, then project), like every other command.
 */
export function createPollHandlers(sessions: SessionManager): PollHandlers {
  const run = <K extends PollCommand>(command: K, input: ControlParsedInput<K>): ControlResult<K> => {
    const decision = sessions.decideAndRecord(({ log: { state } }) =>
      decidePollCommand(state.polls, command, input, {
        sessionStatus: state.status,
        connected: sessions.connectedCount(),
        isAgendaItem: (itemId) => state.agenda.items.has(itemId),
        newId,
      }),
    );
    return decision.ok ? { ok: true, value: { pollId: decision.pollId } as ControlOutputs[K] } : decision;
  };
  return Object.fromEntries(POLL_COMMANDS.map((c) => [c, (input: never) => run(c, input)])) as unknown as PollHandlers;
}
