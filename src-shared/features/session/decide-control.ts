import { recorded, unchanged, type ControlRules } from '../rules.js';
import type { sessionControlInputs } from './control.js';

/** The commands decided on the session's state (the others are the host's: creating, joining, the venue). */
type Decided = Pick<typeof sessionControlInputs, 'openSession' | 'closeSession' | 'setPremoderation'>;
/** What the rules answer; the host completes it (the join link, the final hash) once recorded. */
interface Answers {
  openSession: null;
  closeSession: null;
  setPremoderation: { on: boolean };
}

export const SESSION_RULES: ControlRules<Decided, Answers> = {
  openSession: ({ state }) => (state.status === 'open' ? unchanged(null) : recorded(null, { type: 'session.opened' })),
  closeSession: () => recorded(null, { type: 'session.closed' }),
  setPremoderation: ({ state }, { on }) => (on === state.premoderation ? unchanged({ on }) : recorded({ on }, { type: 'settings.changed', premoderation: on })),
};
