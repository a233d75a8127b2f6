import { useState } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import type { PollVisibility } from '../../src-shared/features/polls/events';
import { t } from '../ui/i18n';
import type { DeskPoll } from '../../src-shared/features/polls/views';
import { PollChart } from '../ui/PollChart';
import { control, run } from './control';
import { PollForm } from './PollForm';
import { kindLabel, VISIBILITIES, visibilityLabel } from './poll-labels';

/** Polls of the session: prepare, edit a draft, open, close, duplicate, visibility, the projector. */
export function PollsPanel({ view }: { view: DeskView }) {
  const shown = view.polls.find((p) => p.id === view.pollShown);
  return (
    <section className="panel" aria-labelledby="polls-heading">
      <h2 id="polls-heading">
        {t('console.polls')} <span className="count">({view.polls.length})</span>
      </h2>
      {shown ? (
        <p className="status-line">
          {t('console.onProjector')} <strong className="user-text">{shown.question}</strong>{' '}
          <button type="button" onClick={() => void run(() => control.showPoll({ pollId: null }))}>
            {t('console.backToQuestions')}
          </button>
        </p>
      ) : null}
      {view.polls.length === 0 ? <p className="muted">{t('console.noPolls')}</p> : null}
      <ul className="poll-list" aria-labelledby="polls-heading">
        {view.polls.map((p) => (
          <PollItem key={p.id} poll={p} onProjector={p.id === view.pollShown} connected={view.stats?.connected ?? 0} />
        ))}
      </ul>
      <PollForm heading={t('console.newPoll')} agenda={view.agenda} />
    </section>
  );
}

function PollItem({ poll, onProjector, connected }: { poll: DeskPoll; onProjector: boolean; connected: number }) {
  const [editing, setEditing] = useState(false);
  const { id } = poll;
  return (
    <li className="poll-item" aria-label={poll.question} data-poll={id} data-poll-status={poll.status}>
      <p className="qmeta">
        <span className="badge">{t(`console.status_${poll.status}`)}</span> {kindLabel(poll.kind)}
        {poll.kind === 'multiple' ? t('console.upTo', { max: poll.maxChoices }) : ''} · {t('common.ballots', { count: poll.results.ballots })}
        {poll.changes > poll.results.ballots ? ` · ${t('console.changes', { count: poll.changes - poll.results.ballots })}` : ''}
        {poll.status === 'open' ? ` · ${t('console.answeredBy', { ballots: poll.results.ballots, connected })}` : ''}
        {onProjector ? ` · ${t('console.onProjectorShort')}` : ''}
      </p>
      <p className="qtext user-text">{poll.question}</p>
      {editing && poll.status === 'draft' ? (
        <PollForm heading={t('console.editPoll')} poll={poll} onDone={() => setEditing(false)} />
      ) : (
        <PollChart poll={poll} results={poll.results} label={t('console.resultsLabel', { question: poll.question })} />
      )}
      <div className="poll-actions">
        {poll.status === 'draft' ? (
          <>
            <button type="button" className="primary" onClick={() => void run(() => control.openPoll({ pollId: id }))}>
              {t('console.openPoll')}
            </button>
            {editing ? null : (
              <button type="button" onClick={() => setEditing(true)}>
                {t('console.edit')}
              </button>
            )}
          </>
        ) : null}
        {poll.status === 'open' ? (
          <button type="button" className="primary" onClick={() => void run(() => control.closePoll({ pollId: id }))}>
            {t('console.closePoll')}
          </button>
        ) : null}
        {poll.status !== 'draft' ? (
          onProjector ? (
            <button type="button" onClick={() => void run(() => control.showPoll({ pollId: null }))}>
              {t('console.takeOffProjector')}
            </button>
          ) : (
            <button type="button" onClick={() => void run(() => control.showPoll({ pollId: id }))}>
              {t('console.showOnProjector')}
            </button>
          )
        ) : null}
        <button type="button" onClick={() => void run(() => control.duplicatePoll({ pollId: id }))}>
          {t('console.duplicate')}
        </button>
        <label className="inline-field">
          {t('console.results')}
          <select
            value={poll.visibility}
            aria-label={t('console.visibilityLabel', { question: poll.question })}
            onChange={(e) => void run(() => control.setPollVisibility({ pollId: id, visibility: e.target.value as PollVisibility }))}
          >
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {visibilityLabel(v)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </li>
  );
}
