import type { RemoteAttendeesEvent } from './events.js';

/**
 * Whether the meeting takes remote attendees. Without a `remoteAttendees.set` it does (the default when
 * the laptop runs with a relay; without one nobody can join remotely whatever this says).
 */
export interface RemoteAttendeesState {
  open: boolean;
  /** Every switch, in order (the minutes say when remote participation was opened and closed). */
  changes: Array<{ at: number; open: boolean }>;
}

export const emptyRemoteAttendees = (): RemoteAttendeesState => ({ open: true, changes: [] });

export function applyRemoteAttendeesEvent(remote: RemoteAttendeesState, body: RemoteAttendeesEvent | { type: string }, at: number): void {
  const e = body as RemoteAttendeesEvent;
  if (e.type !== 'remoteAttendees.set') return;
  remote.open = e.open;
  remote.changes.push({ at, open: e.open });
}
