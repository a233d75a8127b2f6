import { nanoid } from 'nanoid';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { BoardView } from '../../src-shared/docs/board-doc';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import type { BoardPoll } from '../../src-shared/features/polls/views';
import { optionLabels, PollChart } from '../ui/PollChart';
import { useYView } from '../ui/use-y-view';
import { readMyBallots, type MyBallot } from './poll-view';
import { t } from '../ui/i18n';
import { reasonText } from './reason';

/** How many closed polls stay on the phone (the newest), under the open ones. */
const CLOSED_SHOWN = 3;

/** Open polls at the top of the phone (they appear without a reload), then the last closed ones. */
export function Polls({ doc, send, board, disabled }: { doc: Y.Doc; send: (request: PhoneRequestDraft) => void; board: BoardView; disabled: boolean }) {
  const mine = useYView(doc, readMyBallots);
  const open = board.polls.filter((p) => p.status === 'open');
  const closed = board.polls.filter((p) => p.status === 'closed').slice(-CLOSED_SHOWN).reverse();
  if (open.length + closed.length === 0) return null;
  return (
    <>
      {[...open, ...closed].map((p) => (
        <PollCard key={p.id} send={send} poll={p} ballot={mine.get(p.id)} disabled={disabled} />
      ))}
    </>
  );
}

const answerText = (poll: BoardPoll, choices: readonly number[]): string => {
  const labels = optionLabels(poll);
  return choices.map((i) => labels[i] ?? '?').join(', ');
};

function PollCard({
  send,
  poll,
  ballot,
  disabled,
}: {
  send: (request: PhoneRequestDraft) => void;
  poll: BoardPoll;
  ballot: MyBallot | undefined;
  disabled: boolean;
}) {
  const current = ballot?.sending ?? ballot?.counted ?? null;
  const open = poll.status === 'open' && !disabled;
  const headingId = `poll-${poll.id}`;

  return (
    <section className="card poll-card" aria-labelledby={headingId} data-poll={poll.id} data-poll-status={poll.status}>
      <p className="badge">{poll.status === 'open' ? t('phone.poll') : t('phone.pollClosed')}</p>
      <h2 id={headingId} className="user-text">
        {poll.question}
      </h2>
      {open ? <BallotForm poll={poll} current={current} send={send} name={headingId} /> : null}
      {current ? (
        <p className="poll-mine" aria-live="polite">
          {ballot?.sending ? t('phone.sendingAnswer') : t('phone.yourAnswer')}
          <strong className="user-text">{answerText(poll, current)}</strong>
          {poll.status === 'open' ? t('phone.canChange') : ''}
        </p>
      ) : poll.status === 'closed' ? (
        <p className="hint">{t('phone.notAnswered')}</p>
      ) : null}
      {ballot?.refused ? (
        <p role="alert" className="alert">
          {t('phone.ballotRefused', { reason: reasonText(ballot.refused) })}
        </p>
      ) : null}
      {poll.results ? (
        <PollChart poll={poll} results={poll.results} label={t('phone.resultsLabel', { question: poll.question })} />
      ) : (
        <p className="hint">{poll.visibility === 'after-close' ? t('phone.resultsAfterClose') : t('phone.resultsHidden')}</p>
      )}
      <p className="poll-honest">{t('common.honest')}</p>
    </section>
  );
}

/** The choices of an open poll and the button that sends (or changes) this phone's answer. */
function BallotForm({ poll, current, send, name }: { poll: BoardPoll; current: number[] | null; send: (request: PhoneRequestDraft) => void; name: string }) {
  const [picked, setPicked] = useState<number[] | null>(null);
  const choices = picked ?? current ?? [];
  const multiple = poll.maxChoices > 1;

  const toggle = (i: number) => {
    if (!multiple) return setPicked([i]);
    setPicked(choices.includes(i) ? choices.filter((c) => c !== i) : [...choices, i].sort((a, b) => a - b));
  };
  const sendBallot = () => {
    send({ kind: 'ballot', id: nanoid(), pollId: poll.id, choices });
    setPicked(null);
  };
  const unchanged = current !== null && current.length === choices.length && current.every((c, i) => c === choices[i]);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        sendBallot();
      }}
    >
      <fieldset className="poll-choices">
        <legend className="visually-hidden">{multiple ? t('phone.pickUpTo', { max: poll.maxChoices }) : t('phone.pickOne')}</legend>
        {multiple ? <p className="hint">{t('phone.pickUpTo', { max: poll.maxChoices })}</p> : null}
        {optionLabels(poll).map((o, i) => (
          <label key={i} className="poll-choice">
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={name}
              checked={choices.includes(i)}
              disabled={multiple && !choices.includes(i) && choices.length >= poll.maxChoices}
              onChange={() => toggle(i)}
            />
            <span className="user-text">{o}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={choices.length === 0 || unchanged}>
        {current ? t('phone.changeAnswer') : t('phone.sendAnswer')}
      </button>
    </form>
  );
}
