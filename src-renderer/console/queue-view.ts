import type { QuestionStatus } from '../../src-shared/features/questions/fold';
import type { DeskQuestion } from '../../src-shared/features/questions/views';
import { consoleSections, navigableIds, type ConsoleSections } from './selection';

/** How the moderator orders the lists: the standard order (queue oldest first, board by votes) or one for all. */
export type QueueSort = 'standard' | 'votes' | 'newest' | 'oldest';

/** The orders offered, in this order (their labels are console.sort_* in the catalogs). */
export const QUEUE_SORTS: readonly QueueSort[] = ['standard', 'votes', 'newest', 'oldest'];

export interface QueueSections extends ConsoleSections {
  merged: DeskQuestion[];
}

const fold = (s: string): string => s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

/** Does a question match the moderator's filter (text, name, original text or device label; case and accents ignored)? */
export function matchesFilter(q: DeskQuestion, filterText: string): boolean {
  const needle = fold(filterText.trim());
  if (needle.length === 0) return true;
  return [q.text, q.name, q.device, q.original?.text ?? '', q.original?.name ?? ''].some((s) => fold(s).includes(needle));
}

function sortBy(list: DeskQuestion[], sort: QueueSort): DeskQuestion[] {
  if (sort === 'standard') return list;
  const out = [...list];
  if (sort === 'votes') out.sort((a, b) => b.votes - a.votes || a.askedAt - b.askedAt);
  if (sort === 'newest') out.sort((a, b) => b.askedAt - a.askedAt);
  if (sort === 'oldest') out.sort((a, b) => a.askedAt - b.askedAt);
  return out;
}

/** The console's lists after the filter and the sort; `merged` holds duplicates merged into another question. */
export function queueSections(questions: readonly DeskQuestion[], filterText: string, sort: QueueSort): QueueSections {
  const shown = questions.filter((q) => matchesFilter(q, filterText));
  const base = consoleSections(shown);
  return {
    waiting: sortBy(base.waiting, sort),
    board: sortBy(base.board, sort),
    hidden: sortBy(base.hidden, sort),
    merged: sortBy(
      shown.filter((q) => q.status === 'merged'),
      sort === 'standard' ? 'oldest' : sort,
    ),
  };
}

/** What j/k walk: the lists in order, hidden and merged ones only while their lists are open. */
export function queueNavigableIds(sections: QueueSections, hiddenOpen: boolean, mergedOpen: boolean): string[] {
  return [...navigableIds(sections, hiddenOpen), ...(mergedOpen ? sections.merged.map((q) => q.id) : [])];
}

export const STATUS_ORDER: QuestionStatus[] = ['waiting', 'on-screen', 'on-floor', 'answered', 'hidden', 'merged', 'withdrawn'];

/** How many questions are in each status (over all questions, whatever the filter). */
export function statusCounts(questions: readonly DeskQuestion[]): Record<QuestionStatus, number> {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<QuestionStatus, number>;
  for (const q of questions) counts[q.status]++;
  return counts;
}
