import { DEFAULT_DISPLAY, type DisplayOptions } from '../../src-shared/display';
import type { BoardView } from '../../src-shared/docs/board-doc';
import { votesLabel } from '../ui/status-labels';
import { AgendaStage } from './AgendaStage';
import { JoinStrip } from './JoinStrip';
import { floorQuestion, topQuestions } from './top-questions';
import { TopBar } from './TopBar';
import { formatNumber, t } from '../ui/i18n';

/** An open session: the floor, the top questions, and how to join, always. */
export function LiveBoard({ board, display = DEFAULT_DISPLAY }: { board: BoardView; display?: DisplayOptions }) {
  const floor = floorQuestion(board);
  const top = topQuestions(board, display.topCount);
  // While a resident speaks (or a timer runs) and no question is up, the stage says what is happening:
  // an empty "On the floor now — nothing on the floor" beside a speaker read as two meanings of "floor".
  const speech = Boolean(board.speaking?.floor ?? board.speaking?.timer);
  return (
    <main className="stage live">
      <TopBar board={board} />
      <div className="body">
        <div className="questions">
          {board.agenda || board.speaking ? <AgendaStage agenda={board.agenda ?? null} speaking={board.speaking ?? null} /> : null}
          {speech && !floor ? null : (
            <section className="floor" aria-labelledby="floor-heading">
              <h2 id="floor-heading">{speech ? t('projector.questionOnFloor') : t('common.onFloor')}</h2>
              {floor ? (
                <>
                  <p className="floor-text user-text">{floor.text}</p>
                  <p className="floor-meta">
                    {floor.name && display.showNames ? <span className="user-text asker-name">{floor.name} · </span> : null}
                    {floor.edited ? <span className="edited-mark">{t('projector.edited')} · </span> : null}
                    {votesLabel(floor.votes)}
                  </p>
                </>
              ) : (
                <p className="floor-empty">{t('projector.floorEmpty')}</p>
              )}
            </section>
          )}
          <section className="top" aria-labelledby="top-heading">
            <h2 id="top-heading">{t('projector.topQuestions')}</h2>
            {top.length === 0 ? (
              <p className="empty">{t('projector.noQuestions')}</p>
            ) : (
              <ol className="top-list">
                {top.map((q) => (
                  <li key={q.id}>
                    <span className="top-votes">
                      <strong>{formatNumber(q.votes)}</strong> <small>{t('projector.voteWord', { count: q.votes })}</small>
                    </span>
                    <span className="top-text user-text">{q.text}</span>
                    {q.edited || (display.showNames && q.name) ? (
                      <span className="top-meta">
                        {display.showNames && q.name ? <span className="user-text asker-name">{q.name}</span> : null}
                        {display.showNames && q.name && q.edited ? ' · ' : null}
                        {q.edited ? <span className="edited-mark">{t('projector.edited')}</span> : null}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <JoinStrip board={board} display={display} />
      </div>
    </main>
  );
}
