import type { ControlParsedInput, ControlResult } from '../../src-shared/control.js';
import { decideIssuePaperCodes, decideRequirePaperCodes, type PaperCodeDecision } from '../../src-shared/paper-codes/decide.js';
import type { LiveSession } from './live-session.js';
import type { SessionManager } from './session-manager.js';

type Handlers = {
  requirePaperCodes(input: ControlParsedInput<'requirePaperCodes'>): ControlResult<'requirePaperCodes'>;
  issuePaperCodes(input: ControlParsedInput<'issuePaperCodes'>): ControlResult<'issuePaperCodes'>;
};

/** The facilitator's paper-code commands: decided by src-shared/paper-codes/decide.ts, recorded in the log. */
export function createPaperCodeHandlers(sessions: SessionManager): Handlers {
  const run = (decide: (live: LiveSession) => PaperCodeDecision): { ok: true; live: LiveSession } | { ok: false; error: string } => {
    const live = sessions.current;
    if (!live) return { ok: false, error: 'There is no session yet. Create one first.' };
    if (live.log.state.status === 'closed') return { ok: false, error: 'This session is closed; it can be exported but not changed.' };
    const decision = decide(live);
    if (!decision.ok) return decision;
    const recorded = live.record('facilitator', decision.events);
    return recorded.ok ? { ok: true, live } : recorded;
  };
  return {
    requirePaperCodes: ({ on }) => {
      const r = run((live) => decideRequirePaperCodes(live.log.state.paperCodes, on));
      return r.ok ? { ok: true, value: { on } } : r;
    },
    issuePaperCodes: ({ count }) => {
      const r = run((live) => decideIssuePaperCodes(live.log.state.paperCodes, count));
      if (!r.ok) return r;
      const last = r.live.log.state.paperCodes.issued;
      return { ok: true, value: { first: last - count + 1, last } };
    },
  };
}
