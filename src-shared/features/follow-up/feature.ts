import type { Feature } from '../rules.js';
import { FOLLOW_UP_EVENT_TYPES } from './events.js';
import { applyFollowUpEvent } from './fold.js';

/**
 * Follow-up after the meeting (issue 19). Its commands are not in the registry's `control` rules: those
 * refuse a closed session (`decideControl`), and follow-up is written mostly after the close, on any
 * session of the folder. The host runs `FOLLOW_UP_RULES` (decide-follow-up.ts) on the session named.
 */
export const followUpFeature = {
  name: 'follow-up',
  events: FOLLOW_UP_EVENT_TYPES,
  fold: (state, { body, at }) => applyFollowUpEvent(state.followUp, body, at),
} satisfies Feature;
