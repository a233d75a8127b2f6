import type { QuestionStatus } from '../../src-shared/state';

/** What people read for each question status, everywhere. */
export const STATUS_LABELS: Record<QuestionStatus, string> = {
  waiting: 'Waiting for the moderator',
  'on-screen': 'On screen',
  'on-floor': 'On the floor now',
  answered: 'Answered',
  hidden: 'Hidden by the moderator',
  withdrawn: 'Withdrawn',
  merged: 'Merged into another question',
};

export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
export const votesLabel = (n: number): string => plural(n, 'vote', 'votes');

/** The start of a question, for accessible names of buttons about it. */
export const textStart = (text: string, max = 40): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('');
};
