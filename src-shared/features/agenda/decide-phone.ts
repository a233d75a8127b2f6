import type { EventBody } from '../../events.js';
import { LIMITS } from '../../limits.js';
import type { PhoneRequest } from '../../requests.js';
import type { SessionState } from '../../state.js';
import { countedSpeakers, signUpOf } from './fold.js';
import { SPEAK_REFUSALS } from '../../refusals.js';

type Decision = { ok: true; events: EventBody[] } | { ok: false; reason: string };

/** What a phone is told when its request to speak is refused. */
export { SPEAK_REFUSALS };

type SpeakRequest = Extract<PhoneRequest, { kind: 'speak' | 'unspeak' }>;

/** The rules of `speak` and `unspeak` (the session is open: the caller checked). */
export function decideSpeakRequest(state: SessionState, deviceId: string, request: SpeakRequest, newId: () => string): Decision {
  const agenda = state.agenda;
  const item = agenda.items.get(request.itemId);
  const base = { deviceId, requestId: request.id };
  if (request.kind === 'unspeak') {
    const mine = item ? signUpOf(agenda, item.id, deviceId) : undefined;
    if (!mine) return { ok: false, reason: SPEAK_REFUSALS.notSignedUp };
    if (mine.status !== 'waiting') return { ok: false, reason: SPEAK_REFUSALS.alreadyCalled };
    return { ok: true, events: [{ type: 'speaker.withdrew', speakerId: mine.id, ...base }] };
  }
  if (!item) return { ok: false, reason: SPEAK_REFUSALS.unknownItem };
  if (!item.publicComment) return { ok: false, reason: SPEAK_REFUSALS.noPublicComment };
  if (!item.signupOpen) return { ok: false, reason: SPEAK_REFUSALS.signupClosed };
  if (signUpOf(agenda, item.id, deviceId)) return { ok: false, reason: SPEAK_REFUSALS.alreadySignedUp };
  const count = countedSpeakers(agenda, item);
  if (count >= LIMITS.speakersPerItem || (item.maxSpeakers !== null && count >= item.maxSpeakers)) {
    return { ok: false, reason: SPEAK_REFUSALS.full };
  }
  return {
    ok: true,
    events: [
      {
        type: 'speaker.signedUp',
        speakerId: newId(),
        itemId: item.id,
        ...base,
        name: request.name ?? '',
        subject: request.subject ?? '',
        interpreter: request.interpreter ?? false,
      },
    ],
  };
}
