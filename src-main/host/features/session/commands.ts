import type { SessionControlOutputs } from '../../../../src-shared/features/session/control.js';
import { recordFolderFilter } from '../moderation/commands.js';
import { carryWaitingQuestions } from '../follow-up/carry-questions.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/**
 * The facilitator's commands about the session itself, joining and the venue. Opening, closing and
 * pre-moderation are decided by their rules (features/session/decide-control.ts); the rest are the host's.
 */
export function createSessionCommands(ctx: CommandsContext): Handlers<keyof SessionControlOutputs> {
  const { sessions } = ctx;
  return {
    createSession: (input) => {
      const r = sessions.createSession(input.title, input.place ?? '', input.facilitator ?? '');
      if (r.ok) {
        recordFolderFilter(sessions, ctx.settings);
        carryWaitingQuestions(sessions);
      }
      return r.ok ? { ok: true, value: { sessionId: r.sessionId } } : r;
    },
    openSession: (input) => {
      const r = sessions.decide('openSession', input);
      return r.ok ? { ok: true, value: { joinUrl: sessions.joinInfo()?.url ?? '' } } : r;
    },
    closeSession: (input) => {
      const r = sessions.decide('closeSession', input);
      return r.ok ? { ok: true, value: { finalHash: sessions.current?.log.state.lastHash ?? '' } } : r;
    },
    setPremoderation: (input) => sessions.decide('setPremoderation', input),
    setJoinAddress: (input) => {
      const url = ctx.setJoinAddress(input.address);
      return url === null ? { ok: false, error: 'That address is not one of this laptop’s.' } : { ok: true, value: { joinUrl: url } };
    },
    venueStatus: () => ({ ok: true, value: ctx.venueStatus() }),
    phonesPerAddress: (input) => {
      if (input.max !== undefined) {
        const saved = ctx.settings.update({ phonesPerAddress: input.max });
        if (!saved.ok) return saved;
        sessions.joinPolicy.setPhonesPerAddress(input.max);
      }
      const id = sessions.current?.row.id;
      return { ok: true, value: { max: sessions.joinPolicy.phonesPerAddress, crowded: id ? sessions.joinPolicy.crowded(id) : [] } };
    },
  };
}
