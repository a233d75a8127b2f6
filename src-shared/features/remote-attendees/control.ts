import { z } from 'zod';

/** The facilitator's switch for remote attendees (joined into control.ts). */
export const remoteAttendeesControlInputs = {
  /** Open or close the meeting to new phones through the relay (refused when the laptop runs without one). */
  setRemoteAttendees: z.object({ open: z.boolean() }),
} as const;

export interface RemoteAttendeesControlOutputs {
  setRemoteAttendees: { open: boolean };
}
