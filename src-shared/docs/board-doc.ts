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
/**
 * The header's fields live in a nested map the host renews now and then, with `questions` and `polls`
 * (rooms/projections.ts), so the values they had before leave the document (issue 21).
 */
export const BOARD_HEADER = 'header';

export { EMPTY_BOARD, type BoardView } from './board-view.js';


/**
 * Everything on the board but the questions (written on every change; each key only if it differs), so a
 * new part of the board is a new field of BoardView and nothing here.
 */
export function writeBoardHeader(doc: Y.Doc, header: Omit<BoardView, 'questions' | 'polls'>): Y.Map<unknown> {
  const board = doc.getMap<unknown>(BOARD_MAP);
  const head = childMap<unknown>(board, BOARD_HEADER);
  for (const [key, value] of Object.entries(header)) setIfChanged(head, key, value);
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
  const head = readChildMap<unknown>(board, BOARD_HEADER);
  const get = <T>(key: string, fallback: T): T => (head?.get(key) as T | undefined) ?? fallback;
  return {
    session: get<BoardSession | null>('session', null),
    join: get<JoinInfo | null>('join', null),
    questions: questions ? [...questions.values()] : [],
    floor: get<string | null>('floor', null),
    connected: get<number>('connected', 0),
    connectedRemote: get<number>('connectedRemote', 0),
    polls: [...(readChildMap<BoardPoll>(board, 'polls')?.values() ?? [])].sort((a, b) => a.openedAt - b.openedAt),
    pollShown: get<string | null>('pollShown', null),
    agenda: get<BoardAgenda | null>('agenda', null),
    speaking: get<BoardSpeaking | null>('speaking', null),
  };
}
