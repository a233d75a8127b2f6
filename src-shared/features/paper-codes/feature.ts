import type { Feature } from '../rules.js';
import { PAPER_CODE_RULES } from './decide-control.js';
import { PAPER_CODE_EVENT_TYPES } from './events.js';
import { applyPaperCodeEvent } from './fold.js';

/** Single-use paper codes for phones without a camera, or a meeting that requires them (issue 9). */
export const paperCodesFeature = {
  name: 'paper-codes',
  events: PAPER_CODE_EVENT_TYPES,
  fold: (state, { body, at }) => applyPaperCodeEvent(state.paperCodes, body, at),
  control: PAPER_CODE_RULES,
} satisfies Feature;
