import type { RemoteAttendeesControlOutputs } from '../../../../src-shared/features/remote-attendees/control.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/** Remote attendees on or off: decided by its rule (features/remote-attendees/decide-control.ts) and recorded. */
export function createRemoteAttendeesCommands({ sessions, relayOn }: CommandsContext): Handlers<keyof RemoteAttendeesControlOutputs> {
  return {
    setRemoteAttendees: (input) =>
      relayOn ? sessions.decide('setRemoteAttendees', input) : { ok: false, error: 'This laptop is not running with a relay, so nobody can join from outside the room.' },
  };
}
