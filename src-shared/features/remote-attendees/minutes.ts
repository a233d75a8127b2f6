import type { RemoteAttendeesState } from './fold.js';

/** When remote participation was closed and opened again; absent when the switch was never used. */
export type MinutesRemoteAttendance = Array<{ at: number; open: boolean }>;

export const minutesRemoteAttendance = (remote: RemoteAttendeesState): MinutesRemoteAttendance | undefined =>
  remote.changes.length > 0 ? remote.changes.map((c) => ({ ...c })) : undefined;
