import type { EventBody } from '../../events.js';

export type SessionStatus = 'draft' | 'open' | 'closed';

/** The session's own part of the folded state. */
export interface SessionCore {
  id: string;
  title: string;
  place: string;
  timeZone: string;
  facilitator: string;
  status: SessionStatus;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  premoderation: boolean;
  devices: Set<string>;
  /** Devices that joined through the relay (hybrid meetings, issue 20): the rest joined in the room. */
  remoteDevices: Set<string>;
  peakConnected: number;
  lastSeq: number;
  lastHash: string;
}

export const emptySessionCore = (): SessionCore => ({
  id: '',
  title: '',
  place: '',
  timeZone: 'UTC',
  facilitator: '',
  status: 'draft',
  createdAt: 0,
  openedAt: null,
  closedAt: null,
  premoderation: true,
  devices: new Set(),
  remoteDevices: new Set(),
  peakConnected: 0,
  lastSeq: 0,
  lastHash: '',
});

/** The session's own events: created, opened, closed, settings, devices, attendance. (Which requests the log holds is asked of the store: SessionLog.earlierAnswer.) */
export function applySessionEvent(state: SessionCore, body: EventBody, at: number): void {
  switch (body.type) {
    case 'session.created':
      state.id = body.sessionId;
      state.title = body.title;
      state.place = body.place;
      state.timeZone = body.timeZone;
      state.facilitator = body.facilitator ?? '';
      state.createdAt = at;
      return;
    case 'session.opened':
      state.status = 'open';
      state.openedAt ??= at;
      return;
    case 'session.closed':
      state.status = 'closed';
      state.closedAt = at;
      return;
    case 'settings.changed':
      state.premoderation = body.premoderation;
      return;
    case 'device.joined':
      state.devices.add(body.deviceId);
      if (body.via === 'relay') state.remoteDevices.add(body.deviceId);
      return;
    case 'attendance.peak':
      state.peakConnected = Math.max(state.peakConnected, body.connected);
      return;
  }
}
