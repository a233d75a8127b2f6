import { useState, type FormEvent } from 'react';
import type { DeskAgenda } from '../../src-shared/features/agenda/views';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { LIMITS } from '../../src-shared/limits';
import { POLL_KIND_LABELS, RATING_OPTIONS, VISIBILITY_LABELS, YES_NO_OPTIONS, type PollKind, type PollVisibility } from '../../src-shared/features/polls/events';
import { t } from '../ui/i18n';
import type { DeskPoll } from '../../src-shared/features/polls/views';
import { optionLabels, PollChart } from '../ui/PollChart';
import { control, run } from './control';

const KINDS = Object.keys(POLL_KIND_LABELS) as PollKind[];
const VISIBILITIES = Object.keys(VISIBILITY_LABELS) as PollVisibility[];
const kindLabel = (k: PollKind): string => t(`console.pollKind_${k}`);
const visibilityLabel = (v: PollVisibility): string => t(`console.visibility_${v}`);

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

const FIXED_OPTIONS: Partial<Record<PollKind, () => string>> = {
  yesno: () => optionLabels({ kind: 'yesno', options: YES_NO_OPTIONS }).join(', '),
  rating: () => RATING_OPTIONS.join(', '),
};

function PollForm({ heading, poll, agenda, onDone }: { heading: string; poll?: DeskPoll; agenda?: DeskAgenda | null; onDone?: () => void }) {
  const prefix = poll ? `edit-${poll.id}` : 'new-poll';
  const [kind, setKind] = useState<PollKind>(poll?.kind ?? 'single');
  const [question, setQuestion] = useState(poll?.question ?? '');
  const [options, setOptions] = useState(poll && !FIXED_OPTIONS[poll.kind] ? poll.options.join('\n') : '');
  const [maxChoices, setMaxChoices] = useState(poll?.maxChoices ?? 2);
  const [visibility, setVisibility] = useState<PollVisibility>(poll?.visibility ?? 'live');
  // A new poll belongs to the current agenda item by default (or to one the facilitator picks).
  const items = agenda?.items ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const itemId = picked ?? agenda?.current ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const def = {
      kind,
      question,
      options: FIXED_OPTIONS[kind] ? [] : options.split('\n'),
      ...(kind === 'multiple' ? { maxChoices } : {}),
    };
    const result = await run(() => (poll ? control.editPoll({ pollId: poll.id, ...def }) : control.createPoll({ ...def, visibility, itemId: itemId || null })));
    if (!result.ok) return;
    if (!poll) {
      setQuestion('');
      setOptions('');
    }
    onDone?.();
  };

  return (
    <form className="stack poll-form" onSubmit={submit} aria-label={heading} noValidate>
      <h3>{heading}</h3>
      <label htmlFor={`${prefix}-kind`}>{t('console.pollKindField')}</label>
      <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      <label htmlFor={`${prefix}-question`}>{t('console.pollQuestion')}</label>
      <input id={`${prefix}-question`} maxLength={LIMITS.pollQuestionMax} value={question} onChange={(e) => setQuestion(e.target.value)} />
      {FIXED_OPTIONS[kind] ? (
        <p className="muted">{t('console.optionsFixed', { options: FIXED_OPTIONS[kind]?.() ?? '' })}</p>
      ) : (
        <>
          <label htmlFor={`${prefix}-options`}>{t('console.optionsField', { min: LIMITS.pollOptionsMin, max: LIMITS.pollOptionsMax })}</label>
          <textarea id={`${prefix}-options`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
        </>
      )}
      {kind === 'multiple' ? (
        <>
          <label htmlFor={`${prefix}-k`}>{t('console.chooseUpTo')}</label>
          <input
            id={`${prefix}-k`}
            type="number"
            min={1}
            max={LIMITS.pollOptionsMax}
            value={maxChoices}
            onChange={(e) => setMaxChoices(Math.max(1, Math.floor(Number(e.target.value)) || 1))}
          />
        </>
      ) : null}
      {poll ? null : (
        <>
          {items.length > 0 ? (
            <>
              <label htmlFor={`${prefix}-item`}>{t('console.pollItem')}</label>
              <select id={`${prefix}-item`} value={itemId} onChange={(e) => setPicked(e.target.value)}>
                <option value="">{t('console.pollForSession')}</option>
                {items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.title}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <label htmlFor={`${prefix}-visibility`}>{t('console.results')}</label>
          <select id={`${prefix}-visibility`} value={visibility} onChange={(e) => setVisibility(e.target.value as PollVisibility)}>
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {visibilityLabel(v)}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" className="primary">
        {poll ? t('console.saveDraft') : t('console.preparePoll')}
      </button>
    </form>
  );
}
