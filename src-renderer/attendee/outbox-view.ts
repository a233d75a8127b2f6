import { EMPTY_BOARD } from '../../src-shared/docs/board-view';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import type { MyItem, PhoneView } from './phone-view';

/** What the phone shows before its room document has loaded (no Yjs needed for this). */
const NO_VIEW: PhoneView = { board: EMPTY_BOARD, mine: [], voted: new Set(), voteRejections: [], pendingCount: 0, requestIds: new Set() };

/**
 * The room's view with the outbox's requests that are not in the room document yet (typed before it
 * loaded, or lost by IndexedDB): asks show as waiting to send, votes count as mine. Pure.
 */
export function withOutbox(view: PhoneView | null, outbox: readonly PhoneRequestDraft[]): PhoneView {
  const base = view ?? NO_VIEW;
  const extra = outbox.filter((r) => !base.requestIds.has(r.id));
  if (extra.length === 0) return base;
  const voted = new Set(base.voted);
  const asks: MyItem[] = [];
  for (const r of extra) {
    if (r.kind === 'ask') asks.push({ key: r.id, questionId: null, text: r.text, state: 'sending', reason: null, canWithdraw: false });
    else if (r.kind === 'vote') voted.add(r.questionId);
    else if (r.kind === 'unvote') voted.delete(r.questionId);
  }
  return { ...base, mine: [...asks.reverse(), ...base.mine], voted, pendingCount: base.pendingCount + extra.length };
}
