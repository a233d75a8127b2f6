import { LIMITS } from '../../limits.js';
import type { PaperCodeRefusal } from './format.js';
import type { PaperCodeEvent } from './events.js';
import { SESSION_CLOSED_ERROR } from '../../decide-control.js';
import type { SessionState } from '../../state.js';
import type { PaperCodesState } from './fold.js';

export type PaperCodeDecision = { ok: true; events: PaperCodeEvent[] } | { ok: false; error: string };

/** The facilitator makes codes required (or not). Never with no code printed: nobody new could join. */
export function decideRequirePaperCodes(state: SessionState, on: boolean): PaperCodeDecision {
  if (state.status === 'closed') return { ok: false, error: SESSION_CLOSED_ERROR };
  const codes = state.paperCodes;
  if (on === codes.required) return { ok: true, events: [] };
  if (on && codes.issued === 0) return { ok: false, error: 'Print paper codes first: with none printed, no new phone could join.' };
  return { ok: true, events: [{ type: 'paperCodes.required', on }] };
}

/** The facilitator prints `count` more codes. */
export function decideIssuePaperCodes(state: SessionState, count: number): PaperCodeDecision {
  if (state.status === 'closed') return { ok: false, error: SESSION_CLOSED_ERROR };
  const room = LIMITS.paperCodesPerSession - state.paperCodes.issued;
  if (count > room) {
    return { ok: false, error: room === 0 ? `All ${LIMITS.paperCodesPerSession} paper codes of this session are printed.` : `At most ${room} more paper codes can be printed in this session.` };
  }
  return { ok: true, events: [{ type: 'paperCodes.issued', count }] };
}

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
