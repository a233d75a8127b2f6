import type { BoardView } from '../../src-shared/docs/board-doc';
import type { BoardPoll } from '../../src-shared/features/polls/views';
import { optionLabels, PollChart } from '../ui/PollChart';
import { JoinStrip } from './JoinStrip';
import { TopBar } from './TopBar';
import { t } from '../ui/i18n';
import type { DisplayOptions } from '../../src-shared/display';

/** The poll on the projector, in place of the Q&A board (which comes back when the poll is taken down). */
export function PollBoard({ board, poll, display }: { board: BoardView; poll: BoardPoll; display?: DisplayOptions }) {
  return (
    <main className="stage live poll-stage" data-poll={poll.id} data-poll-status={poll.status}>
      <TopBar board={board} />
      <div className="body">
        <section className="poll-screen" aria-labelledby="poll-question">
          <h2>{poll.status === 'open' ? t('projector.pollAnswer') : t('projector.pollClosed')}</h2>
          <p id="poll-question" className="poll-question user-text">
            {poll.question}
          </p>
          {poll.results ? (
            <PollChart poll={poll} results={poll.results} label={t('projector.pollResults')} />
          ) : (
            <>
              <ul className="poll-rows poll-options-only" aria-label={t('projector.pollOptions')}>
                {optionLabels(poll).map((o, i) => (
                  <li key={i} className="poll-row">
                    <span className="poll-option user-text">{o}</span>
                  </li>
                ))}
              </ul>
              <p className="poll-hidden-note">
                {poll.visibility === 'after-close' ? t('projector.resultsAfterClose') : t('projector.resultsHidden')}
              </p>
            </>
          )}
          <p className="poll-honest">{t('common.honest')}</p>
        </section>
        <JoinStrip board={board} display={display} />
      </div>
    </main>
  );
}
