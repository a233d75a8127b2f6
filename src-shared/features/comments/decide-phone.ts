import { LIMITS } from '../../limits.js';
import { COMMENT_REFUSALS, SPEAK_REFUSALS } from '../../refusals.js';
import type { PhoneRules } from '../rules.js';
import { commentsBy } from './fold.js';
import type { commentRequests } from './phone.js';

/**
 * The rule of `comment` (the session is open: the caller checked). A request sent again is answered from
 * the log by the pipeline (its request id), so it never counts twice here.
 */
export const COMMENT_PHONE_RULES: PhoneRules<typeof commentRequests> = {
  comment: ({ state, deviceId, newId }, request) => {
    const item = state.agenda.items.get(request.itemId);
    if (!item) return { ok: false, reason: SPEAK_REFUSALS.unknownItem };
    if (!item.publicComment) return { ok: false, reason: COMMENT_REFUSALS.noPublicComment };
    if (commentsBy(state.comments, item.id, deviceId) >= LIMITS.commentsPerItemPerPhone) return { ok: false, reason: COMMENT_REFUSALS.tooMany };
    const body = { commentId: newId(), itemId: item.id, deviceId, requestId: request.id, text: request.text, name: request.name ?? '', ...(state.muted.has(deviceId) ? { muted: true as const } : {}) };
    return { ok: true, events: [{ type: 'comment.written', ...body }] };
  },
};
