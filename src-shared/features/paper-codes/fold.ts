import type { PaperCodeEvent } from './events.js';

export interface PaperCodesState {
  required: boolean;
  /** When codes were last made required (null if never). */
  requiredAt: number | null;
  /** Codes No. 1 to `issued` exist. */
  issued: number;
  /** Code number → the device it let in: one code, one device. */
  devices: Map<number, string>;
}

export const emptyPaperCodes = (): PaperCodesState => ({ required: false, requiredAt: null, issued: 0, devices: new Map() });

type Joined = { type: 'device.joined'; deviceId: string; paperCode?: number };

export function applyPaperCodeEvent(codes: PaperCodesState, body: PaperCodeEvent | Joined | { type: string }, at: number): void {
  const e = body as PaperCodeEvent | Joined;
  switch (e.type) {
    case 'paperCodes.required':
      codes.required = e.on;
      if (e.on) codes.requiredAt = at;
      return;
    case 'paperCodes.issued':
      codes.issued += e.count;
      return;
    case 'device.joined':
      if (e.paperCode !== undefined) codes.devices.set(e.paperCode, e.deviceId);
      return;
  }
}

/** What the console shows of the paper codes. */
export interface DeskPaperCodes {
  required: boolean;
  issued: number;
  used: number;
  joinedWithout: number;
}

/** Phones that joined without a code (before codes were required, or while they were not). */
export const joinedWithoutCode = (state: { devices: ReadonlySet<string>; paperCodes: PaperCodesState }): number =>
  state.devices.size - state.paperCodes.devices.size;

export const deskPaperCodes = (state: { devices: ReadonlySet<string>; paperCodes: PaperCodesState }): DeskPaperCodes => ({
  required: state.paperCodes.required,
  issued: state.paperCodes.issued,
  used: state.paperCodes.devices.size,
  joinedWithout: joinedWithoutCode(state),
});
