import type { ControlOutputs, ControlParsedInput, ControlResult } from '../../src-shared/control.js';
import { newId } from '../../src-shared/ids.js';
import { decidePollCommand } from '../../src-shared/polls/poll-decide.js';
import { POLL_COMMANDS, type PollCommand } from '../../src-shared/polls/poll-inputs.js';
import type { SessionManager } from './session-manager.js';

type PollHandlers = { [K in PollCommand]: (input: ControlParsedInput<K>) => ControlResult<K> };

/**
 * The facilitator's poll commands: the pure rules (src-shared/polls/poll-decide.ts) against the live
 * session, then `LiveSession.record` (commit, then project), like every other command.
 */
export function createPollHandlers(sessions: SessionManager): PollHandlers {
  const run = <K extends PollCommand>(command: K, input: ControlParsedInput<K>): ControlResult<K> => {
    const live = sessions.current;
    if (!live) return { ok: false, error: 'There is no session yet. Create one first.' };
    const state = live.log.state;
    const decision = decidePollCommand(state.polls, command, input, {
      sessionStatus: state.status,
      connected: sessions.connectedCount(),
      isAgendaItem: (itemId) => state.agenda.items.has(itemId),
      newId,
    });
    if (!decision.ok) return decision;
    const recorded = live.record('facilitator', decision.events);
    if (!recorded.ok) return recorded;
    return { ok: true, value: { pollId: decision.pollId } as ControlOutputs[K] };
  };
  return Object.fromEntries(POLL_COMMANDS.map((c) => [c, (input: never) => run(c, input)])) as unknown as PollHandlers;
}
