import type { BoardQuestion } from '../../src-shared/features/questions/views';
import { t } from '../ui/i18n';

export function FloorBanner({ question }: { question: BoardQuestion }) {
  return (
    <section className="floor" aria-labelledby="floor-heading">
      <h2 id="floor-heading">{t('common.onFloor')}</h2>
      <p className="floor-text user-text">{question.text}</p>
      {question.name ? <p className="asker user-text">— {question.name}</p> : null}
    </section>
  );
}
