import type { BoardView } from '../../src-shared/docs/board-doc';
import type { BoardPoll } from '../../src-shared/polls/poll-views';
import { HONEST_LABEL, PollChart } from '../ui/PollChart';
import { JoinStrip } from './JoinStrip';
import { TopBar } from './TopBar';

/** The poll on the projector, in place of the Q&A board (which comes back when the poll is taken down). */
export function PollBoard({ board, poll }: { board: BoardView; poll: BoardPoll }) {
  return (
    <main className="stage live poll-stage" data-poll={poll.id} data-poll-status={poll.status}>
      <TopBar board={board} />
      <div className="body">
        <section className="poll-screen" aria-labelledby="poll-question">
          <h2>{poll.status === 'open' ? 'Poll — answer on your phone' : 'Poll closed'}</h2>
          <p id="poll-question" className="poll-question user-text">
            {poll.question}
          </p>
          {poll.results ? (
            <PollChart kind={poll.kind} options={poll.options} results={poll.results} label="Poll results" />
          ) : (
            <>
              <ul className="poll-rows poll-options-only" aria-label="Poll options">
                {poll.options.map((o, i) => (
                  <li key={i} className="poll-row">
                    <span className="poll-option user-text">{o}</span>
                  </li>
                ))}
              </ul>
              <p className="poll-hidden-note">
                {poll.visibility === 'after-close' ? 'Results will be shown when the poll closes' : 'Results are not shown in the room'}
              </p>
            </>
          )}
          <p className="poll-honest">{HONEST_LABEL}</p>
        </section>
        <JoinStrip board={board} />
      </div>
    </main>
  );
}
