import { nanoid } from 'nanoid';
import type { BoardView } from '../../src-shared/docs/board-doc';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import { sortQuestions } from '../../src-shared/features/questions/views';
import { statusLabel, textStart, votesLabel } from '../ui/status-labels';
import { usePhoneUi } from './ui-store';
import { t } from '../ui/i18n';

interface Props {
  send: (request: PhoneRequestDraft) => void;
  board: BoardView;
  voted: ReadonlySet<string>;
  sentHere: Set<string>;
  disabled: boolean;
}

/** The room's approved questions, with my upvotes. Counts are the host's; my vote shows at once. */
export function Board({ send, board, voted, sentHere, disabled }: Props) {
  const sort = usePhoneUi((s) => s.sort);
  const setSort = usePhoneUi((s) => s.setSort);
  const questions = sortQuestions(board.questions, sort);

  const toggle = (questionId: string) => {
    const id = nanoid();
    sentHere.add(id);
    send({ kind: voted.has(questionId) ? 'unvote' : 'vote', id, questionId });
  };

  return (
    <section aria-labelledby="board-heading" className="card">
      <div className="board-head">
        <h2 id="board-heading">{t('phone.questions')}</h2>
        <div className="segmented" role="group" aria-label={t('phone.sortQuestions')}>
          <button type="button" aria-pressed={sort === 'votes'} onClick={() => setSort('votes')}>
            {t('phone.sortTop')}
          </button>
          <button type="button" aria-pressed={sort === 'newest'} onClick={() => setSort('newest')}>
            {t('phone.sortNewest')}
          </button>
        </div>
      </div>
      {questions.length === 0 ? (
        <p className="empty">{t('phone.boardEmpty')}</p>
      ) : (
        <ul className="list" aria-label={t('phone.boardList')}>
          {questions.map((q) => {
            const mine = voted.has(q.id);
            return (
              <li key={q.id} className={`board-item status-${q.status}`}>
                <div className="board-body">
                  {q.status !== 'on-screen' ? <p className={`badge state-${q.status}`}>{statusLabel(q.status)}</p> : null}
                  <p className="user-text">{q.text}</p>
                  {q.name ? <p className="asker user-text">— {q.name}</p> : null}
                  {q.edited ? <p className="edited-mark">{t('phone.editedByModerator')}</p> : null}
                  <p className="vote-count">{votesLabel(q.votes)}</p>
                </div>
                <button
                  type="button"
                  className={mine ? 'vote voted' : 'vote'}
                  aria-pressed={mine}
                  aria-label={t('phone.upvoteLabel', { text: textStart(q.text) })}
                  disabled={disabled}
                  onClick={() => toggle(q.id)}
                >
                  <span aria-hidden="true" className="vote-arrow">
                    ▲
                  </span>
                  <span aria-hidden="true">{mine ? t('phone.voted') : t('phone.upvote')}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
