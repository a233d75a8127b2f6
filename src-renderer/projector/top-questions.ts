import type { BoardView } from '../../src-shared/docs/board-doc';
import { sortQuestions, type BoardQuestion } from '../../src-shared/features/questions/views';

export const TOP_COUNT = 7;

/** Open questions on screen (not the one on the floor, not answered), most votes first. */
export function topQuestions(board: BoardView, count = TOP_COUNT): BoardQuestion[] {
  return sortQuestions(
    board.questions.filter((q) => q.status === 'on-screen'),
    'votes',
  ).slice(0, count);
}

export function floorQuestion(board: BoardView): BoardQuestion | null {
  if (!board.floor) return null;
  return board.questions.find((q) => q.id === board.floor) ?? null;
}
