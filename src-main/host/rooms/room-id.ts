import { createHmac } from 'node:crypto';

/** A device's room name is derived from the session secret, so nobody can guess another phone's room. */
export function deriveRoomId(sessionSecret: string, deviceId: string): string {
  return createHmac('sha256', sessionSecret).update(deviceId).digest('base64url').slice(0, 24);
}
