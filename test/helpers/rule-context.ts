import type { ControlContext } from '../../src-shared/features/rules.js';
import type { SessionState } from '../../src-shared/state.js';

let next = 0;

/** What a command's rule reads, around a folded state (as the host's SessionManager gives it). */
export const ruleContext = (state: SessionState, over: Partial<Omit<ControlContext, 'state'>> = {}): ControlContext => ({
  state,
  connected: () => 0,
  newId: () => `rule${String(++next).padStart(4, '0')}id`,
  ...over,
});
