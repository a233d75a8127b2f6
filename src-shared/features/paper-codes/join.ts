import type { PaperCodeRefusal } from './format.js';
import type { PaperCodesState } from './fold.js';

/**
 * How a phone that is not already known (no device cookie) gets in, given the paper code it typed:
 * `number` is the code's number when it is one of this session's printed codes, null when it is not,
 * undefined when the phone gave none.
 * - a code that let a device in before gives that same device (one code, one device: a phone that lost
 *   its cookie, or changed browser, is still the same voter);
 * - a printed code not used yet makes a new device bound to it;
 * - with codes required, no code or a wrong one is refused; without, the ordinary join goes on.
 */
export type PaperJoin =
  | { kind: 'same-device'; deviceId: string }
  | { kind: 'new-device'; paperCode: number }
  | { kind: 'ordinary' }
  | { kind: 'refused'; reason: PaperCodeRefusal };

export function decidePaperJoin(codes: PaperCodesState, number: number | null | undefined): PaperJoin {
  if (typeof number === 'number' && number >= 1 && number <= codes.issued) {
    const deviceId = codes.devices.get(number);
    return deviceId !== undefined ? { kind: 'same-device', deviceId } : { kind: 'new-device', paperCode: number };
  }
  if (!codes.required) return { kind: 'ordinary' };
  return { kind: 'refused', reason: number === undefined ? 'needed' : 'unknown' };
}
