import type * as Y from 'yjs';
import type { BoardPoll } from '../features/polls/views.js';
import type { BoardAgenda, BoardSpeaking } from '../features/agenda/views.js';
import type { BoardQuestion } from '../features/questions/views.js';
import type { BoardSession, JoinInfo } from '../features/session/views.js';
import type { BoardView } from './board-view.js';
import { childMap, readChildMap, setIfChanged, syncKeyedMap } from './json-map.js';

/**
 * The public board. The host's one board doc holds a single top-level map named `board`. The sync server
 * serves that doc inside every room connection as an overlay (docs/ARCHITECTURE.md, "The board inside
 * every room"), so a phone's room doc shows a `board` map of the same name; no copy is written into rooms.
 */
export const BOARD_MAP = 'board';

export { EMPTY_BOARD, type BoardView } from './board-view.js';


/**
 * Everything on the board but the questions (written on every change; each key only if it differs), so a
 * new part of the board is a new field of BoardView and nothing here.
 */
export function writeBoardHeader(doc: Y.Doc, header: Omit<BoardView, 'questions' | 'polls'>): Y.Map<unknown> {
  const board = doc.getMap<unknown>(BOARD_MAP);
  for (const [key, value] of Object.entries(header)) setIfChanged(board, key, value);
  return board;
}

export function writeBoard(doc: Y.Doc, view: BoardView): void {
  const board = writeBoardHeader(doc, view);
  syncKeyedMap(childMap<BoardQuestion>(board, 'questions'), view.questions);
  syncKeyedMap(childMap<BoardPoll>(board, 'polls'), view.polls);
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
    polls: [...(readChildMap<BoardPoll>(board, 'polls')?.values() ?? [])].sort((a, b) => a.openedAt - b.openedAt),
    pollShown: (board.get('pollShown') as string | null | undefined) ?? null,
    agenda: (board.get('agenda') as BoardAgenda | null | undefined) ?? null,
    speaking: (board.get('speaking') as BoardSpeaking | null | undefined) ?? null,
  };
}
