import type { Feature } from '../rules.js';
import { COMMENT_PHONE_RULES } from './decide-phone.js';
import { COMMENT_EVENT_TYPES } from './events.js';
import { applyCommentEvent } from './fold.js';

/** Written comments on agenda items with public comment: for the console and the minutes, never the board. */
export const commentsFeature = {
  name: 'comments',
  events: COMMENT_EVENT_TYPES,
  fold: (state, { body, at, seq }) => applyCommentEvent(state.comments, body, at, seq),
  phone: COMMENT_PHONE_RULES,
} satisfies Feature;
