import { LIMITS } from '../../limits.js';
import { recorded, refused, unchanged, type ControlRules } from '../rules.js';
import type { paperCodeControlInputs, PaperCodeControlOutputs } from './control.js';

/** The facilitator's paper-code commands, as pure rules over the session's state. */
export const PAPER_CODE_RULES: ControlRules<typeof paperCodeControlInputs, PaperCodeControlOutputs> = {
  /** Never required with no code printed: nobody new could join. */
  requirePaperCodes: ({ state }, { on }) => {
    const codes = state.paperCodes;
    if (on === codes.required) return unchanged({ on });
    if (on && codes.issued === 0) return refused('Print paper codes first: with none printed, no new phone could join.');
    return recorded({ on }, { type: 'paperCodes.required', on });
  },
  /** `count` more codes, numbered after the ones printed before. */
  issuePaperCodes: ({ state }, { count }) => {
    const issued = state.paperCodes.issued;
    const room = LIMITS.paperCodesPerSession - issued;
    if (count > room) {
      return refused(room === 0 ? `All ${LIMITS.paperCodesPerSession} paper codes of this session are printed.` : `At most ${room} more paper codes can be printed in this session.`);
    }
    return recorded({ first: issued + 1, last: issued + count }, { type: 'paperCodes.issued', count });
  },
};
