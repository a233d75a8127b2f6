import type * as Y from 'yjs';
import type { BoardAgenda, BoardSpeaking, MySpeaking } from '../../src-shared/features/agenda/views';
import { readBoard } from '../../src-shared/docs/board-doc';
import { roomParts } from '../../src-shared/docs/room-doc';
import { isFinalReceipt } from '../../src-shared/receipts';

/** Where this phone stands on one item. */
export interface MyItemSpeaking {
  /** The host's answer (place, floor, done…), once it has one. */
  entry: MySpeaking | null;
  /** A request to speak or to withdraw that has no answer yet. */
  sending: 'speak' | 'unspeak' | null;
  /** Why the host refused this phone's last request on the item. */
  refusal: string | null;
}

export interface PhoneAgenda {
  agenda: BoardAgenda | null;
  speaking: BoardSpeaking | null;
  byItem: Map<string, MyItemSpeaking>;
}

const ACTIVE = new Set(['waiting', 'floor', 'done', 'absent']);

/** The agenda and this phone's sign-ups, from its room document and the board (pure: a function of them). */
export function readPhoneAgenda(doc: Y.Doc, boardDoc: Y.Doc = doc): PhoneAgenda {
  const board = readBoard(boardDoc);
  const agenda = board.agenda ?? null;
  const speaking = board.speaking ?? null;
  const byItem = new Map<string, MyItemSpeaking>();
  if (!agenda) return { agenda, speaking, byItem };
  const { requests, receipts, mySpeaking } = roomParts(doc);
  const entries = [...mySpeaking.values()];
  const last = new Map<string, { kind: 'speak' | 'unspeak'; id: string }>();
  for (const raw of requests.toArray()) {
    const r = raw as { kind?: unknown; id?: unknown; itemId?: unknown };
    if ((r.kind === 'speak' || r.kind === 'unspeak') && typeof r.id === 'string' && typeof r.itemId === 'string') {
      last.set(r.itemId, { kind: r.kind, id: r.id });
    }
  }
  for (const item of agenda.items) {
    const mine = entries.filter((e) => e.itemId === item.id);
    const entry = mine.find((e) => ACTIVE.has(e.status)) ?? null;
    const request = last.get(item.id);
    const stored = request ? receipts.get(request.id) : undefined;
    const receipt = isFinalReceipt(stored) ? stored : undefined;
    let sending: MyItemSpeaking['sending'] = null;
    if (request && !receipt) sending = request.kind;
    // Accepted, but the private view has not caught up yet: still on its way.
    else if (request?.kind === 'speak' && receipt?.ok && !mine.some((e) => e.requestId === request.id)) sending = 'speak';
    byItem.set(item.id, { entry, sending, refusal: receipt && !receipt.ok ? receipt.reason : null });
  }
  return { agenda, speaking, byItem };
}
