/** The session's own events: created, opened, closed, settings, devices, attendance. */
export type SessionEvent =
  | {
      type: 'session.created';
      sessionId: string;
      title: string;
      place: string;
      timeZone: string;
      /** Empty when not given. */
      facilitator?: string;
    }
  | { type: 'session.opened' }
  | { type: 'session.closed' }
  | { type: 'settings.changed'; premoderation: boolean }
  /**
   * `paperCode`: the number of the paper code it joined with (issue 9), when it used one. `lang`: the
   * language the phone's screen was in when it joined (issue 19's measures), when it said. `via`: it
   * joined from outside the room, through the relay (issue 20); absent for the venue's network.
   */
  | { type: 'device.joined'; deviceId: string; paperCode?: number; lang?: string; via?: 'relay' }
  /** The most phones connected at once so far (recorded when a new peak is reached). */
  | { type: 'attendance.peak'; connected: number };

export const SESSION_EVENT_TYPES: Record<SessionEvent['type'], true> = {
  'session.created': true,
  'session.opened': true,
  'session.closed': true,
  'settings.changed': true,
  'device.joined': true,
  'attendance.peak': true,
};
