import {
  controlInputs,
  type ControlCommand,
  type ControlOutputs,
  type ControlParsedInput,
  type ControlResult,
} from '../../../src-shared/control.js';
import type { VenueStatus } from '../../../src-shared/venue.js';
import type { FolderSettings } from '../store/folder-settings.js';
import { createModerationHandlers, recordFolderFilter } from '../features/moderation/commands.js';
import { createPollHandlers } from '../features/polls/commands.js';
import type { SessionManager } from './session-manager.js';
import { createAgendaHandlers } from '../features/agenda/commands.js';
import { createPaperCodeHandlers } from '../features/paper-codes/commands.js';

/** Host-level facts the handlers need beyond the session. */
export interface ControlContext {
  sessions: SessionManager;
  setJoinAddress(address: string): string | null;
  venueStatus(): VenueStatus;
  /** The data folder's settings (filter, display) and how to show them on the screens. */
  settings: FolderSettings;
  publishSettings(): void;
}

type Handler<K extends ControlCommand> = (input: ControlParsedInput<K>) => ControlResult<K>;
type Handlers = { [K in ControlCommand]: Handler<K> };

const ok = <K extends ControlCommand>(value: ControlOutputs[K]): ControlResult<K> => ({ ok: true, value });

/** One handler per command of the shared contract; the type makes a missing one a compile error. */
export function createControlHandlers(ctx: ControlContext): Handlers {
  const { sessions } = ctx;
  const moderate =
    <K extends 'approve' | 'hide' | 'markAnswered'>(command: K): Handler<K> =>
    (input) => {
      const r = sessions.command(command, input);
      return r.ok ? ok<K>({ questionId: input.questionId } as ControlOutputs[K]) : r;
    };
  return {
    ...createAgendaHandlers(sessions),
    createSession: (input) => {
      const r = sessions.createSession(input.title, input.place ?? '', input.facilitator ?? '');
      if (r.ok) recordFolderFilter(sessions, ctx.settings);
      return r.ok ? ok({ sessionId: r.sessionId }) : r;
    },
    openSession: (input) => {
      const r = sessions.command('openSession', input);
      return r.ok ? ok({ joinUrl: sessions.joinInfo()?.url ?? '' }) : r;
    },
    closeSession: (input) => {
      const r = sessions.command('closeSession', input);
      return r.ok ? ok({ finalHash: sessions.current?.log.state.lastHash ?? '' }) : r;
    },
    setPremoderation: (input) => {
      const r = sessions.command('setPremoderation', input);
      return r.ok ? ok({ on: input.on }) : r;
    },
    setJoinAddress: (input) => {
      const url = ctx.setJoinAddress(input.address);
      return url === null ? { ok: false, error: 'That address is not one of this laptop’s.' } : ok({ joinUrl: url });
    },
    venueStatus: () => ok(ctx.venueStatus()),
    approve: moderate('approve'),
    hide: moderate('hide'),
    markAnswered: moderate('markAnswered'),
    phonesPerAddress: (input) => {
      if (input.max !== undefined) {
        const saved = ctx.settings.update({ phonesPerAddress: input.max });
        if (!saved.ok) return saved;
        sessions.joinPolicy.setPhonesPerAddress(input.max);
      }
      const id = sessions.current?.row.id;
      return ok({ max: sessions.joinPolicy.phonesPerAddress, crowded: id ? sessions.joinPolicy.crowded(id) : [] });
    },
    setFloor: (input) => {
      const r = sessions.command('setFloor', input);
      return r.ok ? ok({ questionId: input.questionId }) : r;
    },
    ...createModerationHandlers(sessions, ctx.settings, ctx.publishSettings),
    ...createPollHandlers(sessions),
    ...createPaperCodeHandlers(sessions),
  };
}

/** Validates untrusted input for `command` and runs it; every failure is a clear message. */
export function runControl(handlers: Handlers, command: ControlCommand, raw: unknown): ControlResult<ControlCommand> {
  const parsed = controlInputs[command].safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid input.' };
  return (handlers[command] as Handler<ControlCommand>)(parsed.data as ControlParsedInput<ControlCommand>);
}
