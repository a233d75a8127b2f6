import type { ControlParsedInput, ControlResult } from '../../../../src-shared/control.js';
import { decideIssuePaperCodes, decideRequirePaperCodes } from '../../../../src-shared/features/paper-codes/decide-control.js';
import type { SessionManager } from '../../pipeline/session-manager.js';

type Handlers = {
  requirePaperCodes(input: ControlParsedInput<'requirePaperCodes'>): ControlResult<'requirePaperCodes'>;
  issuePaperCodes(input: ControlParsedInput<'issuePaperCodes'>): ControlResult<'issuePaperCodes'>;
};

/** The facilitator's paper-code commands: decided by src-shared/features/paper-codes/decide-control.ts, recorded in the log. */
export function createPaperCodeHandlers(sessions: SessionManager): Handlers {
  return {
    requirePaperCodes: ({ on }) => {
      const r = sessions.decideAndRecord((live) => decideRequirePaperCodes(live.log.state, on));
      return r.ok ? { ok: true, value: { on } } : r;
    },
    issuePaperCodes: ({ count }) => {
      const r = sessions.decideAndRecord((live) => decideIssuePaperCodes(live.log.state, count));
      if (!r.ok) return r;
      const last = sessions.current?.log.state.paperCodes.issued ?? count;
      return { ok: true, value: { first: last - count + 1, last } };
    },
  };
}
