import type { ControlParsedInput } from './control.js';
import type { EventBody } from './events.js';
import { decideModeration, MODERATION_COMMANDS, type ModerationCommandName, type ModerationInputs } from './features/moderation/decide-control.js';
import type { SessionState } from './state.js';

/** Facilitator commands that change a session, as pure rules over its state. */
export type ModerationCommand = 'openSession' | 'closeSession' | 'setPremoderation' | 'approve' | 'hide' | 'setFloor' | 'markAnswered' | ModerationCommandName;

const MODERATION_TOOLS: ReadonlySet<string> = new Set(MODERATION_COMMANDS);

export type ControlDecision = { ok: true; events: EventBody[] } | { ok: false; error: string };

/** Every facilitator command's answer on a closed session. */
export const SESSION_CLOSED_ERROR = 'This session is closed; it can be exported but not changed.';

const fail = (error: string): ControlDecision => ({ ok: false, error });
const emit = (...events: EventBody[]): ControlDecision => ({ ok: true, events });

export function decideControl<K extends ModerationCommand>(
  state: SessionState,
  command: K,
  input: ControlParsedInput<K>,
): ControlDecision {
  if (state.status === 'closed') return fail(SESSION_CLOSED_ERROR);
  if (MODERATION_TOOLS.has(command)) return decideModeration(state, command as ModerationCommandName, input as ModerationInputs[ModerationCommandName]);
  const args = input as Record<string, unknown>;
  switch (command) {
    case 'openSession':
      return state.status === 'open' ? emit() : emit({ type: 'session.opened' });
    case 'closeSession':
      return emit({ type: 'session.closed' });
    case 'setPremoderation': {
      const on = args.on as boolean;
      return on === state.premoderation ? emit() : emit({ type: 'settings.changed', premoderation: on });
    }
  }
  const questionId = args.questionId as string | null;
  if (command === 'setFloor' && questionId === null) {
    return state.floor === null ? emit() : emit({ type: 'floor.set', questionId: null });
  }
  const q = questionId ? state.questions.get(questionId) : undefined;
  if (!q) return fail('No such question.');
  if (q.moderation === 'withdrawn') return fail('The asker withdrew this question.');
  switch (command) {
    case 'approve':
      return q.moderation === 'approved' ? emit() : emit({ type: 'question.approved', questionId: q.id });
    case 'hide':
      return q.moderation === 'hidden' ? emit() : emit({ type: 'question.hidden', questionId: q.id });
    case 'setFloor': {
      if (q.moderation !== 'approved') return fail('Approve the question before putting it on the floor.');
      if (q.answeredAt !== null) return fail('This question has already been answered.');
      return state.floor === q.id ? emit() : emit({ type: 'floor.set', questionId: q.id });
    }
    case 'markAnswered': {
      if (q.moderation !== 'approved') return fail('Approve the question before marking it answered.');
      if (q.answeredAt !== null) return emit();
      const reply = typeof args.reply === 'string' && args.reply.length > 0 ? args.reply : undefined;
      return emit({ type: 'question.answered', questionId: q.id, ...(reply ? { reply } : {}) });
    }
  }
  return fail('Unknown command.');
}
