import type { QuestionStatus } from '../../src-shared/features/questions/fold';
import { t } from './i18n';

/** What people read for each question status, everywhere (from the catalogs: common.status_*). */
export const statusLabel = (status: QuestionStatus): string => t(`common.status_${status}`);

export const votesLabel = (n: number): string => t('common.votes', { count: n });

/** The start of a question, for accessible names of buttons about it. */
export const textStart = (text: string, max = 40): string => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : chars.slice(0, max).join('');
};
