import { recorded, unchanged, type ControlRules } from '../rules.js';
import type { remoteAttendeesControlInputs, RemoteAttendeesControlOutputs } from './control.js';

/** The switch as a pure rule: recorded only when it changes something. */
export const REMOTE_ATTENDEES_RULES: ControlRules<typeof remoteAttendeesControlInputs, RemoteAttendeesControlOutputs> = {
  setRemoteAttendees: ({ state }, { open }) =>
    open === state.remoteAttendees.open ? unchanged({ open }) : recorded({ open }, { type: 'remoteAttendees.set', open }),
};
