import type { Feature } from '../rules.js';
import { SESSION_RULES } from './decide-control.js';
import { SESSION_EVENT_TYPES } from './events.js';
import { applySessionEvent } from './fold.js';

/** The session itself: created, opened, closed, pre-moderation, devices, attendance. */
export const sessionFeature = {
  name: 'session',
  events: SESSION_EVENT_TYPES,
  fold: (state, { body, at }) => applySessionEvent(state, body, at),
  control: SESSION_RULES,
} satisfies Feature;
