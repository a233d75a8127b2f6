/** Remote attendees (issue 20, hybrid meetings): whether the meeting takes phones through the relay. */
export type RemoteAttendeesEvent =
  /**
   * From now on new phones may (or, `open: false`, may not) join through the relay. Phones that joined
   * through it before keep their rooms either way.
   */
  { type: 'remoteAttendees.set'; open: boolean };

export const REMOTE_ATTENDEES_EVENT_TYPES: Record<RemoteAttendeesEvent['type'], true> = {
  'remoteAttendees.set': true,
};
