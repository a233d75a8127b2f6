import type * as Y from 'yjs';
import type { MyQuestionModeration } from '../features/moderation/views.js';
import type { PhoneRequestDraft, Receipt } from '../requests.js';
import type { QuestionStatus } from '../features/questions/fold.js';

/**
 * One phone's private document, shared with the host only.
 * - `requests` (phone appends): what the phone asks for, each with a unique id.
 * - `receipts` (host writes): accepted or rejected, by request id.
 * - `mine` (host writes): the status of this phone's own questions.
 * - `myVotes` (host writes): the questions this phone has a counted vote on.
 * - `myBallots` (host writes): this phone's counted ballot per poll (option indexes).
 * - `board`: the host's one board doc, served inside the room's sync as an overlay (never a copy written
 *   into the room; the host never reads `board` from a room).
 */
export const ROOM_KEYS = { requests: 'requests', receipts: 'receipts', mine: 'mine', myVotes: 'myVotes', myBallots: 'myBallots' } as const;

export interface MyQuestion extends MyQuestionModeration {
  id: string;
  requestId: string;
  text: string;
  status: QuestionStatus;
  askedAt: number;
}

export function roomParts(doc: Y.Doc) {
  return {
    requests: doc.getArray<unknown>(ROOM_KEYS.requests),
    receipts: doc.getMap<Receipt>(ROOM_KEYS.receipts),
    mine: doc.getMap<MyQuestion>(ROOM_KEYS.mine),
    myVotes: doc.getMap<true>(ROOM_KEYS.myVotes),
    myBallots: doc.getMap<number[]>(ROOM_KEYS.myBallots),
  };
}

/** The phone side: append a request (typed) to the room. */
export function appendRequest(doc: Y.Doc, request: PhoneRequestDraft): void {
  roomParts(doc).requests.push([request]);
}

/** Prefix of doc names on /sync that are phone rooms (others: the board and the desk). */
export const ROOM_DOC_PREFIX = 'room-';
export const BOARD_DOC_NAME = 'board';
export const DESK_DOC_NAME = 'desk';
