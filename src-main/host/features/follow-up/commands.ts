import type { FollowUpControlOutputs } from '../../../../src-shared/features/follow-up/control.js';
import { decideFollowUp } from '../../../../src-shared/features/follow-up/decide-follow-up.js';
import { followUpView } from '../../../../src-shared/features/follow-up/views.js';
import type { CommandsContext, Handlers } from '../commands-context.js';
import { carryWaitingQuestions } from './carry-questions.js';

const noSession = (sessionId: string) => ({ ok: false as const, error: `No session with id “${sessionId}” in this data folder.` });

/**
 * Follow-up after the meeting (issue 19), on any session of the folder: the view, a written answer (also
 * written in the other meeting's log when the question was carried between two), where the record is published.
 */
export function createFollowUpCommands(ctx: CommandsContext): Handlers<keyof FollowUpControlOutputs> {
  const { sessions } = ctx;
  return {
    followUpView: ({ sessionId }) => {
      const state = sessions.sessionState(sessionId);
      return state ? { ok: true, value: followUpView(state) } : noSession(sessionId);
    },
    writeFollowUp: ({ sessionId, ...input }) => {
      const state = sessions.sessionState(sessionId);
      if (!state) return noSession(sessionId);
      const decision = decideFollowUp(state, input);
      if (!decision.ok) return decision;
      const linked = decision.linkedSessionId ? [{ sessionId: decision.linkedSessionId, events: decision.linkedEvents }] : [];
      const recorded = sessions.recordAcross([{ sessionId, events: decision.events }, ...linked]);
      if (!recorded.ok) return recorded;
      if (input.outcome === 'carried') carryWaitingQuestions(sessions);
      return { ok: true, value: followUpView(sessions.sessionState(sessionId)!) };
    },
    setPublication: ({ sessionId, url, when }) => {
      const state = sessions.sessionState(sessionId);
      if (!state) return noSession(sessionId);
      const now = state.followUp.publication;
      if ((now?.url ?? '') === url && (now?.when ?? '') === when) return { ok: true, value: { url, when } };
      const recorded = sessions.recordAcross([{ sessionId, events: [{ type: 'publication.set', url, when }] }]);
      return recorded.ok ? { ok: true, value: { url, when } } : recorded;
    },
  };
}
