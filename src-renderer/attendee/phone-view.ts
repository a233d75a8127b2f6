import type * as Y from 'yjs';
import { readBoard, type BoardView } from '../../src-shared/docs/board-doc';
import { roomParts, type MyQuestion } from '../../src-shared/docs/room-doc';
import { isFinalReceipt, type Receipt } from '../../src-shared/receipts';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import type { MyQuestionModeration } from '../../src-shared/features/moderation/views';
import type { QuestionStatus } from '../../src-shared/features/questions/fold';

/** One of my questions as the phone shows it: the host's status, or where the request is. */
export interface MyItem {
  /** The question id once the host accepted it, else the request id. */
  key: string;
  questionId: string | null;
  text: string;
  state: QuestionStatus | 'sending' | 'sent' | 'rejected' | 'withdrawing';
  reason: string | null;
  canWithdraw: boolean;
  /** What moderation did to it (issue 10): edited, merged into another question, duplicates merged in. */
  moderation?: MyQuestionModeration;
}

export interface VoteRejection {
  requestId: string;
  questionId: string;
  reason: string;
}

export interface PhoneView {
  board: BoardView;
  mine: MyItem[];
  /** Question ids this phone has voted for, counting requests not yet answered (optimistic). */
  voted: ReadonlySet<string>;
  voteRejections: VoteRejection[];
  pendingCount: number;
  /** Every request id in the document (the outbox shows the others itself). */
  requestIds: ReadonlySet<string>;
}

type Known = Extract<PhoneRequestDraft, { id: string }>;

function asRequest(raw: unknown): Known | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { kind?: unknown; id?: unknown };
  if (typeof r.id !== 'string') return null;
  if (r.kind === 'ask' || r.kind === 'vote' || r.kind === 'unvote' || r.kind === 'withdraw') return raw as Known;
  // Asking to speak (agenda): counted while waiting to send; its view is attendee/agenda-view.ts.
  if (r.kind === 'speak' || r.kind === 'unspeak') return raw as Known;
  return null;
}

const WITHDRAWABLE: ReadonlySet<string> = new Set(['waiting', 'on-screen']);

/**
 * Everything the phone shows, from its private room document and the board (the same document on the
 * LAN; the relay's board document for a remote phone). Pure: a function of the documents.
 */
export function readPhone(doc: Y.Doc, boardDoc: Y.Doc = doc): PhoneView {
  const { requests, receipts, mine, myVotes } = roomParts(doc);
  const board = readBoard(boardDoc);

  const voted = new Set<string>(myVotes.keys());
  const withdrawing = new Set<string>();
  const pendingAsks: MyItem[] = [];
  const rejectedAsks: MyItem[] = [];
  const acceptedRequestIds = new Set<string>();
  const voteRejections: VoteRejection[] = [];
  let pendingCount = 0;

  for (const m of mine.values()) acceptedRequestIds.add(m.requestId);

  const requestIds = new Set<string>();
  for (const raw of requests.toArray()) {
    const request = asRequest(raw);
    // The same request can be in the document twice (replayed from the outbox after IndexedDB lost it,
    // while the host's copy had it): it is one request.
    if (!request || requestIds.has(request.id)) continue;
    requestIds.add(request.id);
    // A receipt that says "will retry" is not an answer yet: the request is still waiting to send.
    const stored = receipts.get(request.id);
    const receipt: Receipt | undefined = isFinalReceipt(stored) ? stored : undefined;
    if (!receipt) pendingCount++;
    switch (request.kind) {
      case 'ask':
        if (!receipt) {
          pendingAsks.push(askItem(request.id, request.text, 'sending', null));
        } else if (!receipt.ok) {
          rejectedAsks.push(askItem(request.id, request.text, 'rejected', receipt.reason));
        } else if (!acceptedRequestIds.has(request.id)) {
          pendingAsks.push(askItem(request.id, request.text, 'sent', null));
        }
        break;
      case 'vote':
      case 'unvote':
        if (!receipt) {
          if (request.kind === 'vote') voted.add(request.questionId);
          else voted.delete(request.questionId);
        } else if (!receipt.ok) {
          voteRejections.push({ requestId: request.id, questionId: request.questionId, reason: receipt.reason });
        }
        break;
      case 'withdraw':
        if (!receipt) withdrawing.add(request.questionId);
        break;
    }
  }

  const accepted = [...mine.values()]
    .sort((a, b) => b.askedAt - a.askedAt)
    .map((m) => mineItem(m, withdrawing.has(m.id)));

  return {
    board,
    mine: [...pendingAsks.reverse(), ...rejectedAsks.reverse(), ...accepted],
    voted,
    voteRejections,
    pendingCount,
    requestIds,
  };
}

function askItem(requestId: string, text: string, state: MyItem['state'], reason: string | null): MyItem {
  return { key: requestId, questionId: null, text, state, reason, canWithdraw: false };
}

function mineItem(m: MyQuestion, withdrawing: boolean): MyItem {
  const state = withdrawing && WITHDRAWABLE.has(m.status) ? 'withdrawing' : m.status;
  return {
    key: m.id,
    questionId: m.id,
    text: m.text,
    state,
    reason: null,
    canWithdraw: state === 'waiting' || state === 'on-screen',
    moderation: { ...(m.edited ? { edited: m.edited } : {}), ...(m.mergedInto !== undefined ? { mergedInto: m.mergedInto } : {}), ...(m.mergedCount ? { mergedCount: m.mergedCount } : {}) },
  };
}
