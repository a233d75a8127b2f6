import type { DeskQuestion } from '../../src-shared/features/questions/views';
import { sortQuestions } from '../../src-shared/features/questions/views';

export interface ConsoleSections {
  /** Waiting for moderation, oldest first (first come, first served). */
  waiting: DeskQuestion[];
  /** Approved: on screen, on the floor, answered; floor first, then by votes. */
  board: DeskQuestion[];
  hidden: DeskQuestion[];
}

export function consoleSections(questions: readonly DeskQuestion[]): ConsoleSections {
  const waiting = questions.filter((q) => q.status === 'waiting').sort((a, b) => a.askedAt - b.askedAt);
  const board = sortQuestions(
    questions.filter((q) => q.status === 'on-screen' || q.status === 'on-floor' || q.status === 'answered'),
    'votes',
  );
  const hidden = questions.filter((q) => q.status === 'hidden').sort((a, b) => b.askedAt - a.askedAt);
  return { waiting, board, hidden };
}

/** Ids in the order j/k walks them: the queue, the board, then hidden items when that list is open. */
export function navigableIds(sections: ConsoleSections, hiddenOpen: boolean): string[] {
  return [...sections.waiting, ...sections.board, ...(hiddenOpen ? sections.hidden : [])].map((q) => q.id);
}

/** The next selection after moving `delta` from `current` (clamped; starts at the top or bottom). */
export function moveSelection(ids: readonly string[], current: string | null, delta: number): string | null {
  if (ids.length === 0) return null;
  const at = current === null ? -1 : ids.indexOf(current);
  if (at === -1) return delta >= 0 ? ids[0] : ids[ids.length - 1];
  return ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
}

/** Keeps a selection valid when the list changes: same id if still there, else the nearest neighbour. */
export function keepSelection(previousIds: readonly string[], ids: readonly string[], current: string | null): string | null {
  if (current === null || ids.includes(current)) return current;
  if (ids.length === 0) return null;
  const at = previousIds.indexOf(current);
  for (let i = at + 1; at !== -1 && i < previousIds.length; i++) if (ids.includes(previousIds[i])) return previousIds[i];
  for (let i = at - 1; i >= 0; i--) if (ids.includes(previousIds[i])) return previousIds[i];
  return ids[0];
}

export type QuestionAction =
  | { command: 'approve'; questionId: string }
  | { command: 'hide'; questionId: string }
  | { command: 'setFloor'; questionId: string | null }
  | { command: 'markAnswered'; questionId: string };

export type ShortcutKey = 'a' | 'h' | 'f' | 'd';

/** What a shortcut does to a question in its current status, or null when it does not apply. */
export function actionFor(key: ShortcutKey, q: Pick<DeskQuestion, 'id' | 'status'>): QuestionAction | null {
  switch (key) {
    case 'a':
      return q.status === 'waiting' || q.status === 'hidden' ? { command: 'approve', questionId: q.id } : null;
    case 'h':
      return q.status === 'hidden' || q.status === 'withdrawn' ? null : { command: 'hide', questionId: q.id };
    case 'f':
      if (q.status === 'on-floor') return { command: 'setFloor', questionId: null };
      return q.status === 'on-screen' ? { command: 'setFloor', questionId: q.id } : null;
    case 'd':
      return q.status === 'on-screen' || q.status === 'on-floor' ? { command: 'markAnswered', questionId: q.id } : null;
  }
}
