import type { Feature } from '../rules.js';
import { POLL_RULES } from './decide-control.js';
import { POLL_PHONE_RULES } from './decide-phone.js';
import { POLL_EVENT_TYPES } from './events.js';
import { applyPollEvent } from './fold.js';

/** Polls: single, multiple choice, yes/no/abstain, rating (issue 8). */
export const pollsFeature = {
  name: 'polls',
  events: POLL_EVENT_TYPES,
  fold: (state, { body, at, seq }) => applyPollEvent(state.polls, body, at, seq),
  phone: POLL_PHONE_RULES,
  control: POLL_RULES,
} satisfies Feature;
