import type * as Y from 'yjs';
import type { BoardAgenda, BoardSpeaking } from '../agenda/views.js';
import type { BoardQuestion, BoardSession, JoinInfo } from '../views.js';
import { childMap, readChildMap, setIfChanged, syncKeyedMap } from './json-map.js';

/**
 * The public board. The master board doc (host) holds a single top-level map named `board`; every room
 * doc has a map of the same name, so master updates apply to rooms unchanged (that is the mirror).
 */
export const BOARD_MAP = 'board';

export interface BoardView {
  session: BoardSession | null;
  join: JoinInfo | null;
  questions: BoardQuestion[];
  floor: string | null;
  connected: number;
  /** Agenda items and the current item; null when the session has no agenda. */
  agenda?: BoardAgenda | null;
  /** Speaker on the floor, next in line, timer facts (agenda; also a general timer). */
  speaking?: BoardSpeaking | null;
}

export const EMPTY_BOARD: BoardView = { session: null, join: null, questions: [], floor: null, connected: 0, agenda: null };

/**
 * Everything on the board but the questions (written on every change; each key only if it differs), so a
 * new part of the board is a new field of BoardView and nothing here.
 */
export function writeBoardHeader(doc: Y.Doc, header: Omit<BoardView, 'questions'>): Y.Map<unknown> {
  const board = doc.getMap<unknown>(BOARD_MAP);
  for (const [key, value] of Object.entries(header)) setIfChanged(board, key, value);
  return board;
}

export function writeBoard(doc: Y.Doc, view: BoardView): void {
  const board = writeBoardHeader(doc, view);
  syncKeyedMap(childMap<BoardQuestion>(board, 'questions'), view.questions);
}

export function readBoard(doc: Y.Doc): BoardView {
  const board = doc.getMap<unknown>(BOARD_MAP);
  const questions = readChildMap<BoardQuestion>(board, 'questions');
  return {
    session: (board.get('session') as BoardSession | null | undefined) ?? null,
    join: (board.get('join') as JoinInfo | null | undefined) ?? null,
    questions: questions ? [...questions.values()] : [],
    floor: (board.get('floor') as string | null | undefined) ?? null,
    connected: (board.get('connected') as number | undefined) ?? 0,
    agenda: (board.get('agenda') as BoardAgenda | null | undefined) ?? null,
    speaking: (board.get('speaking') as BoardSpeaking | null | undefined) ?? null,
  };
}
