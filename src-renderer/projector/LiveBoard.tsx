import type { BoardView } from '../../src-shared/docs/board-doc';
import { votesLabel } from '../ui/status-labels';
import { AgendaStage } from './AgendaStage';
import { JoinStrip } from './JoinStrip';
import { floorQuestion, topQuestions } from './top-questions';

/** An open session: the floor, the top questions, and how to join, always. */
export function LiveBoard({ board }: { board: BoardView }) {
  const floor = floorQuestion(board);
  const top = topQuestions(board);
  return (
    <main className="stage live">
      <header className="top-bar">
        <h1 className="user-text">{board.session?.title}</h1>
        <p className="connected">
          {board.connected} {board.connected === 1 ? 'person' : 'people'} connected
        </p>
      </header>
      <div className="body">
        <div className="questions">
          {board.agenda || board.speaking ? <AgendaStage agenda={board.agenda ?? null} speaking={board.speaking ?? null} /> : null}
          <section className="floor" aria-labelledby="floor-heading">
            <h2 id="floor-heading">On the floor now</h2>
            {floor ? (
              <>
                <p className="floor-text user-text">{floor.text}</p>
                <p className="floor-meta">
                  {floor.name ? <span className="user-text">{floor.name} · </span> : null}
                  {votesLabel(floor.votes)}
                </p>
              </>
            ) : (
              <p className="floor-empty">Nothing on the floor yet — ask your question from your phone</p>
            )}
          </section>
          <section className="top" aria-labelledby="top-heading">
            <h2 id="top-heading">Top questions</h2>
            {top.length === 0 ? (
              <p className="empty">No questions yet</p>
            ) : (
              <ol className="top-list">
                {top.map((q) => (
                  <li key={q.id}>
                    <span className="top-votes">
                      <strong>{q.votes}</strong> <small>{q.votes === 1 ? 'vote' : 'votes'}</small>
                    </span>
                    <span className="top-text user-text">{q.text}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <JoinStrip board={board} />
      </div>
    </main>
  );
}
