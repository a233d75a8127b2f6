import { useState, type FormEvent } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { LIMITS } from '../../src-shared/limits';
import { POLL_KIND_LABELS, VISIBILITY_LABELS, type PollKind, type PollVisibility } from '../../src-shared/polls/poll-events';
import type { DeskPoll } from '../../src-shared/polls/poll-views';
import { plural } from '../ui/status-labels';
import { PollChart } from '../ui/PollChart';
import { control, run } from './control';

const KINDS = Object.keys(POLL_KIND_LABELS) as PollKind[];
const VISIBILITIES = Object.keys(VISIBILITY_LABELS) as PollVisibility[];
const STATUS_LABEL = { draft: 'Draft', open: 'Open', closed: 'Closed' } as const;

/** Polls of the session: prepare, edit a draft, open, close, duplicate, visibility, the projector. */
export function PollsPanel({ view }: { view: DeskView }) {
  const shown = view.polls.find((p) => p.id === view.pollShown);
  return (
    <section className="panel" aria-labelledby="polls-heading">
      <h2 id="polls-heading">
        Polls <span className="count">({view.polls.length})</span>
      </h2>
      {shown ? (
        <p className="status-line">
          On the projector: <strong className="user-text">{shown.question}</strong>{' '}
          <button type="button" onClick={() => void run(() => control.showPoll({ pollId: null }))}>
            Back to questions
          </button>
        </p>
      ) : null}
      {view.polls.length === 0 ? <p className="muted">No polls yet. Prepare one below; it stays a draft until you open it.</p> : null}
      <ul className="poll-list" aria-labelledby="polls-heading">
        {view.polls.map((p) => (
          <PollItem key={p.id} poll={p} onProjector={p.id === view.pollShown} connected={view.stats?.connected ?? 0} />
        ))}
      </ul>
      <PollForm heading="New poll" />
    </section>
  );
}

function PollItem({ poll, onProjector, connected }: { poll: DeskPoll; onProjector: boolean; connected: number }) {
  const [editing, setEditing] = useState(false);
  const { id } = poll;
  return (
    <li className="poll-item" aria-label={poll.question} data-poll={id} data-poll-status={poll.status}>
      <p className="qmeta">
        <span className="badge">{STATUS_LABEL[poll.status]}</span> {POLL_KIND_LABELS[poll.kind]}
        {poll.kind === 'multiple' ? ` (up to ${poll.maxChoices})` : ''} · {plural(poll.results.ballots, 'ballot', 'ballots')}
        {poll.changes > poll.results.ballots ? ` · ${plural(poll.changes - poll.results.ballots, 'change', 'changes')}` : ''}
        {poll.status === 'open' ? ` · answered by ${poll.results.ballots} of ${connected} phones connected` : ''}
        {onProjector ? ' · on the projector' : ''}
      </p>
      <p className="qtext user-text">{poll.question}</p>
      {editing && poll.status === 'draft' ? (
        <PollForm heading="Edit poll" poll={poll} onDone={() => setEditing(false)} />
      ) : (
        <PollChart kind={poll.kind} options={poll.options} results={poll.results} label={`Results: ${poll.question}`} />
      )}
      <div className="poll-actions">
        {poll.status === 'draft' ? (
          <>
            <button type="button" className="primary" onClick={() => void run(() => control.openPoll({ pollId: id }))}>
              Open poll
            </button>
            {editing ? null : (
              <button type="button" onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
          </>
        ) : null}
        {poll.status === 'open' ? (
          <button type="button" className="primary" onClick={() => void run(() => control.closePoll({ pollId: id }))}>
            Close poll
          </button>
        ) : null}
        {poll.status !== 'draft' ? (
          onProjector ? (
            <button type="button" onClick={() => void run(() => control.showPoll({ pollId: null }))}>
              Take off projector
            </button>
          ) : (
            <button type="button" onClick={() => void run(() => control.showPoll({ pollId: id }))}>
              Show on projector
            </button>
          )
        ) : null}
        <button type="button" onClick={() => void run(() => control.duplicatePoll({ pollId: id }))}>
          Duplicate
        </button>
        <label className="inline-field">
          Results
          <select
            value={poll.visibility}
            aria-label={`Results visibility: ${poll.question}`}
            onChange={(e) => void run(() => control.setPollVisibility({ pollId: id, visibility: e.target.value as PollVisibility }))}
          >
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {VISIBILITY_LABELS[v]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </li>
  );
}

const FIXED_OPTIONS: Partial<Record<PollKind, string>> = { yesno: 'Yes, No, Abstain', rating: '1, 2, 3, 4, 5' };

function PollForm({ heading, poll, onDone }: { heading: string; poll?: DeskPoll; onDone?: () => void }) {
  const prefix = poll ? `edit-${poll.id}` : 'new-poll';
  const [kind, setKind] = useState<PollKind>(poll?.kind ?? 'single');
  const [question, setQuestion] = useState(poll?.question ?? '');
  const [options, setOptions] = useState(poll && !FIXED_OPTIONS[poll.kind] ? poll.options.join('\n') : '');
  const [maxChoices, setMaxChoices] = useState(poll?.maxChoices ?? 2);
  const [visibility, setVisibility] = useState<PollVisibility>(poll?.visibility ?? 'live');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const def = {
      kind,
      question,
      options: FIXED_OPTIONS[kind] ? [] : options.split('\n'),
      ...(kind === 'multiple' ? { maxChoices } : {}),
    };
    const result = await run(() => (poll ? control.editPoll({ pollId: poll.id, ...def }) : control.createPoll({ ...def, visibility })));
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
      <label htmlFor={`${prefix}-kind`}>Kind</label>
      <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {POLL_KIND_LABELS[k]}
          </option>
        ))}
      </select>
      <label htmlFor={`${prefix}-question`}>Poll question</label>
      <input id={`${prefix}-question`} maxLength={LIMITS.pollQuestionMax} value={question} onChange={(e) => setQuestion(e.target.value)} />
      {FIXED_OPTIONS[kind] ? (
        <p className="muted">Options: {FIXED_OPTIONS[kind]}</p>
      ) : (
        <>
          <label htmlFor={`${prefix}-options`}>Options (one per line, {LIMITS.pollOptionsMin}–{LIMITS.pollOptionsMax})</label>
          <textarea id={`${prefix}-options`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
        </>
      )}
      {kind === 'multiple' ? (
        <>
          <label htmlFor={`${prefix}-k`}>Choose up to</label>
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
          <label htmlFor={`${prefix}-visibility`}>Results</label>
          <select id={`${prefix}-visibility`} value={visibility} onChange={(e) => setVisibility(e.target.value as PollVisibility)}>
            {VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {VISIBILITY_LABELS[v]}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="submit" className="primary">
        {poll ? 'Save draft' : 'Prepare poll'}
      </button>
    </form>
  );
}
