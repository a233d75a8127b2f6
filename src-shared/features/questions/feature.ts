import type { Feature } from '../rules.js';
import { QUESTION_RULES } from './decide-control.js';
import { QUESTION_PHONE_RULES } from './decide-phone.js';
import { QUESTION_EVENT_TYPES } from './events.js';
import { applyQuestionEvent } from './fold.js';

/** Questions from the room: asked, voted on, approved or hidden, on the floor, answered. */
export const questionsFeature = {
  name: 'questions',
  events: QUESTION_EVENT_TYPES,
  fold: (state, { body, at, seq }) => applyQuestionEvent(state, body, at, seq),
  phone: QUESTION_PHONE_RULES,
  control: QUESTION_RULES,
} satisfies Feature;
