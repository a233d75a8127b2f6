import type { ControlParsedInput } from './control.js';
import { CONTROL_RULES, type RegisteredControlRules } from './features/registry.js';
import type { ControlContext, ControlDecision } from './features/rules.js';

/** Every facilitator command's answer on a closed session. */
export const SESSION_CLOSED_ERROR = 'This session is closed; it can be exported but not changed.';

/** The commands decided by a feature's rules over the session's state (the others are the host's own). */
export type DecidedCommand = keyof RegisteredControlRules;
/** What command `K`'s rule answers once its events are recorded. */
export type RuleAnswer<K extends DecidedCommand> = ReturnType<RegisteredControlRules[K]> extends ControlDecision<infer V> ? V : never;

/** Each command's rule, as the registry holds it: assigning checks that each takes its schema's output. */
const RULES: { [K in DecidedCommand]: (ctx: ControlContext, input: ControlParsedInput<K>) => ControlDecision<RuleAnswer<K>> } = CONTROL_RULES;

/** A facilitator command, decided by the rule of the feature that registered it. Nothing changes a closed session. */
export function decideControl<K extends DecidedCommand>(ctx: ControlContext, command: K, input: ControlParsedInput<K>): ControlDecision<RuleAnswer<K>> {
  if (ctx.state.status === 'closed') return { ok: false, error: SESSION_CLOSED_ERROR };
  return RULES[command](ctx, input);
}
