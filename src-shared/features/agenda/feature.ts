import type { Feature } from '../rules.js';
import { AGENDA_RULES } from './decide-control.js';
import { AGENDA_PHONE_RULES } from './decide-phone.js';
import { AGENDA_EVENT_TYPES } from './events.js';
import { applyAgendaEvent } from './fold.js';

/** The agenda: items, the speakers' list of each, the timer (issue 7). */
export const agendaFeature = {
  name: 'agenda',
  events: AGENDA_EVENT_TYPES,
  fold: (state, { body, at }) => applyAgendaEvent(state.agenda, body, at),
  phone: AGENDA_PHONE_RULES,
  control: AGENDA_RULES,
} satisfies Feature;
