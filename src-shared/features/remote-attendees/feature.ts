import type { Feature } from '../rules.js';
import { REMOTE_ATTENDEES_RULES } from './decide-control.js';
import { REMOTE_ATTENDEES_EVENT_TYPES } from './events.js';
import { applyRemoteAttendeesEvent } from './fold.js';

/** Remote attendees through the relay, on or off (issue 20, hybrid meetings). */
export const remoteAttendeesFeature = {
  name: 'remote-attendees',
  events: REMOTE_ATTENDEES_EVENT_TYPES,
  fold: (state, { body, at }) => applyRemoteAttendeesEvent(state.remoteAttendees, body, at),
  control: REMOTE_ATTENDEES_RULES,
} satisfies Feature;
