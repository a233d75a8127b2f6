import type { z } from 'zod';
import { sessionControlInputs, type SessionControlOutputs } from './features/session/control.js';
import { questionControlInputs, type QuestionControlOutputs } from './features/questions/control.js';
import { moderationInputs, type ModerationOutputs } from './features/moderation/control.js';
import { agendaControlInputs, type AgendaControlOutputs } from './features/agenda/control.js';
import { pollControlInputs, type PollControlOutputs } from './features/polls/control.js';
import { paperCodeControlInputs, type PaperCodeControlOutputs } from './features/paper-codes/control.js';
import { followUpControlInputs, type FollowUpControlOutputs } from './features/follow-up/control.js';
import { measuresControlInputs, type MeasuresControlOutputs } from './measures/control.js';
import { remoteAttendeesControlInputs, type RemoteAttendeesControlOutputs } from './features/remote-attendees/control.js';

/**
 * The one contract between the console/projector and the host: every feature's commands
 * (`features/<name>/control.ts`), one line per feature. The HTTP client (headless) and the Electron
 * preload both implement `ControlApi`; the host implements a handler for every command.
 */
export const controlInputs = {
  ...sessionControlInputs,
  ...questionControlInputs,
  ...moderationInputs,
  ...agendaControlInputs,
  ...pollControlInputs,
  ...paperCodeControlInputs,
  ...followUpControlInputs,
  ...measuresControlInputs,
  ...remoteAttendeesControlInputs,
} as const;

export type ControlCommand = keyof typeof controlInputs;
export type ControlInput<K extends ControlCommand> = z.input<(typeof controlInputs)[K]>;
export type ControlParsedInput<K extends ControlCommand> = z.output<(typeof controlInputs)[K]>;

/** What each command answers on success. */
export interface ControlOutputs
  extends SessionControlOutputs,
    QuestionControlOutputs,
    ModerationOutputs,
    AgendaControlOutputs,
    PollControlOutputs,
    PaperCodeControlOutputs,
    FollowUpControlOutputs,
    MeasuresControlOutputs,
    RemoteAttendeesControlOutputs {}

export type ControlResult<K extends ControlCommand> =
  | { ok: true; value: ControlOutputs[K] }
  | { ok: false; error: string };

export type ControlApi = {
  [K in ControlCommand]: (input: ControlInput<K>) => Promise<ControlResult<K>>;
};

export const CONTROL_COMMANDS = Object.keys(controlInputs) as ControlCommand[];

export function isControlCommand(name: string): name is ControlCommand {
  return Object.hasOwn(controlInputs, name);
}

/** Header that carries the per-launch control token. */
export const CONTROL_TOKEN_HEADER = 'x-open-floor-token';
