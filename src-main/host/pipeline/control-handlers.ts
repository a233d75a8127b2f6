import { controlInputs, type ControlCommand, type ControlParsedInput, type ControlResult } from '../../../src-shared/control.js';
import type { CommandsContext, Handler, Handlers } from '../features/commands-context.js';
import { createSessionCommands } from '../features/session/commands.js';
import { createQuestionCommands } from '../features/questions/commands.js';
import { createModerationCommands } from '../features/moderation/commands.js';
import { createAgendaCommands } from '../features/agenda/commands.js';
import { createPollCommands } from '../features/polls/commands.js';
import { createPaperCodeCommands } from '../features/paper-codes/commands.js';
import { createFollowUpCommands } from '../features/follow-up/commands.js';
import { createMeasuresCommands } from '../features/measures/commands.js';
import { createRemoteAttendeesCommands } from '../features/remote-attendees/commands.js';

/**
 * One handler per command of the shared contract: every feature's `commands.ts`, one line per feature.
 * The type makes a missing handler a compile error.
 */
export function createControlHandlers(ctx: CommandsContext): Handlers<ControlCommand> {
  return {
    ...createSessionCommands(ctx),
    ...createQuestionCommands(ctx),
    ...createModerationCommands(ctx),
    ...createAgendaCommands(ctx),
    ...createPollCommands(ctx),
    ...createPaperCodeCommands(ctx),
    ...createFollowUpCommands(ctx),
    ...createMeasuresCommands(ctx),
    ...createRemoteAttendeesCommands(ctx),
  };
}

/** Validates untrusted input for `command` and runs it; every failure is a clear message. */
export function runControl(handlers: Handlers<ControlCommand>, command: ControlCommand, raw: unknown): ControlResult<ControlCommand> {
  const parsed = controlInputs[command].safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid input.' };
  return (handlers[command] as Handler<ControlCommand>)(parsed.data as ControlParsedInput<ControlCommand>);
}
