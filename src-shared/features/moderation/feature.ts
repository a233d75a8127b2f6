import type { Feature } from '../rules.js';
import { MODERATION_RULES } from './decide-control.js';
import { MODERATION_EVENT_TYPES } from './events.js';
import { applyModerationEvent } from './fold.js';

/** Moderation: edits, merges, muted phones, the profanity filter (issue 10). */
export const moderationFeature = {
  name: 'moderation',
  events: MODERATION_EVENT_TYPES,
  fold: (state, { body, at }) => applyModerationEvent(state, body, at),
  control: MODERATION_RULES,
} satisfies Feature;
