import type { BoardAgenda, BoardSpeaking } from '../features/agenda/views.js';
import type { BoardPoll } from '../features/polls/views.js';
import type { BoardQuestion } from '../features/questions/views.js';
import type { BoardSession, JoinInfo } from '../features/session/views.js';

/**
 * What the public board holds, as plain values. Kept apart from the Yjs reading and writing
 * (board-doc.ts) so the phone's first chunk can show an empty board without loading Yjs.
 */
export interface BoardView {
  session: BoardSession | null;
  join: JoinInfo | null;
  questions: BoardQuestion[];
  floor: string | null;
  /** Phones connected to the meeting: in the room and remote (issue 20). */
  connected: number;
  /** Of `connected`, the phones outside the room, on the relay (0 or absent: none). */
  connectedRemote?: number;
  /** Polls the room can answer or has answered (issue 8): keyed by id, like questions. */
  polls: BoardPoll[];
  /** The poll on the projector (it replaces the Q&A board), or null. */
  pollShown: string | null;
  /** Agenda items and the current item; null when the session has no agenda. */
  agenda?: BoardAgenda | null;
  /** Speaker on the floor, next in line, timer facts (agenda; also a general timer). */
  speaking?: BoardSpeaking | null;
}

export const EMPTY_BOARD: BoardView = { session: null, join: null, questions: [], floor: null, connected: 0, polls: [], pollShown: null, agenda: null };
