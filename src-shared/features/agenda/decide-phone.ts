import { LIMITS } from '../../limits.js';
import { countedSpeakers, signUpOf } from './fold.js';
import { SPEAK_REFUSALS } from '../../refusals.js';
import type { PhoneRules } from '../rules.js';
import type { agendaRequests } from './phone.js';

/** The rules of `speak` and `unspeak` (the session is open: the caller checked). */
export const AGENDA_PHONE_RULES: PhoneRules<typeof agendaRequests> = {
  unspeak: ({ state, deviceId }, request) => {
    const mine = state.agenda.items.has(request.itemId) ? signUpOf(state.agenda, request.itemId, deviceId) : undefined;
    if (!mine) return { ok: false, reason: SPEAK_REFUSALS.notSignedUp };
    if (mine.status !== 'waiting') return { ok: false, reason: SPEAK_REFUSALS.alreadyCalled };
    return { ok: true, events: [{ type: 'speaker.withdrew', speakerId: mine.id, deviceId, requestId: request.id }] };
  },
  speak: ({ state, deviceId, newId }, request) => {
    const agenda = state.agenda;
    const item = agenda.items.get(request.itemId);
    const base = { deviceId, requestId: request.id };
    if (!item) return { ok: false, reason: SPEAK_REFUSALS.unknownItem };
    // A phone through the relay is not in the hall to be called (issue 20): it sends a written comment.
    if (state.remoteDevices.has(deviceId)) return { ok: false, reason: SPEAK_REFUSALS.inRoomOnly };
    if (!item.publicComment) return { ok: false, reason: SPEAK_REFUSALS.noPublicComment };
    if (!item.signupOpen) return { ok: false, reason: SPEAK_REFUSALS.signupClosed };
    if (signUpOf(agenda, item.id, deviceId)) return { ok: false, reason: SPEAK_REFUSALS.alreadySignedUp };
    const count = countedSpeakers(agenda, item);
    if (count >= LIMITS.speakersPerItem || (item.maxSpeakers !== null && count >= item.maxSpeakers)) return { ok: false, reason: SPEAK_REFUSALS.full };
    const signUp = { name: request.name ?? '', subject: request.subject ?? '', interpreter: request.interpreter ?? false };
    return { ok: true, events: [{ type: 'speaker.signedUp', speakerId: newId(), itemId: item.id, ...base, ...signUp }] };
  },
};
