import { useEffect, useId, useState } from 'react';
import { readDesk } from '../../src-shared/docs/desk-doc';
import { LIMITS } from '../../src-shared/limits';
import { markHeld } from '../../src-shared/features/moderation/words';
import type { DeskQuestion } from '../../src-shared/features/questions/views';
import { statusLabel, textStart } from '../ui/status-labels';
import { useYView } from '../ui/use-y-view';
import { control, run } from './control';
import { getDeskDoc, useModerationUi } from './moderation-ui';
import { QUEUE_SORTS, STATUS_ORDER, statusCounts, type QueueSort } from './queue-view';
import { useConsoleUi } from './ui-store';
import * as Y from 'yjs';
import { formatNumber, t } from '../ui/i18n';

const EMPTY_DOC = new Y.Doc();
/** Every question of the desk (for merge targets and "merged into" texts). */
function useDeskQuestions(): DeskQuestion[] {
  return useYView(getDeskDoc() ?? EMPTY_DOC, readDesk).questions;
}

/** Filter by text, sort, and how many questions are in each status. */
export function QueueControls({ questions, shown }: { questions: readonly DeskQuestion[]; shown: number }) {
  const { filterText, sort, setFilterText, setSort } = useModerationUi();
  const counts = statusCounts(questions);
  const id = useId();
  return (
    <section className="panel queue-controls" aria-label={t('console.findQuestions')}>
      <div className="queue-inputs">
        <div className="stack">
          <label htmlFor={`${id}-filter`}>{t('console.filterQuestions')}</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filterText}
            maxLength={100}
            onChange={(e) => setFilterText(e.target.value)}
            placeholder={t('console.filterPlaceholder')}
          />
        </div>
        <div className="stack">
          <label htmlFor={`${id}-sort`}>{t('console.sort')}</label>
          <select id={`${id}-sort`} value={sort} onChange={(e) => setSort(e.target.value as QueueSort)}>
            {QUEUE_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`console.sort_${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ul className="status-counts" aria-label={t('console.byStatus')}>
        {STATUS_ORDER.map((s) => (
          <li key={s} data-count-status={s}>
            {t('console.statusCount', { status: statusLabel(s) })}
            <strong>{formatNumber(counts[s])}</strong>
          </li>
        ))}
      </ul>
      {filterText.trim() ? (
        <p className="muted" role="status">
          {t('console.showing', { shown, total: questions.length })}
        </p>
      ) : null}
    </section>
  );
}

function Marked({ text, held }: { text: string; held: readonly string[] }) {
  return (
    <>
      {markHeld(text, held).map((run, i) =>
        run.held ? (
          <mark key={i} className="held-word">
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </>
  );
}

/** A question's text with the words the profanity filter matched marked (while it waits). */
export function HeldText({ q }: { q: DeskQuestion }) {
  return (
    <p className="qtext user-text">
      <Marked text={q.text} held={q.status === 'waiting' ? q.held : []} />
    </p>
  );
}

/** The asker's name, with matched words marked too (a name can be held as well). */
export function HeldName({ q }: { q: DeskQuestion }) {
  return <span className="user-text">{q.name ? <Marked text={q.name} held={q.status === 'waiting' ? q.held : []} /> : t('console.anonymous')}</span>;
}

/** What moderation did to a question, under its text. */
export function RowModeration({ q }: { q: DeskQuestion }) {
  const questions = useDeskQuestions();
  const into = q.mergedInto ? questions.find((x) => x.id === q.mergedInto) : undefined;
  return (
    <>
      {q.status === 'waiting' && q.held.length > 0 ? (
        <p className="mod-note held-note">
          {t('console.heldBy')} <span className="user-text">{q.held.join(', ')}</span>
        </p>
      ) : null}
      {q.original ? (
        <p className="mod-note edited-note">
          {t('console.editedWrote')} “<span className="user-text">{q.original.text}</span>”
          {q.original.name ? (
            <>
              {' '}
              {t('console.editedAs')} <span className="user-text">{q.original.name}</span>
            </>
          ) : null}
        </p>
      ) : null}
      {q.mergedInto ? (
        <p className="mod-note merged-note">
          {t('console.mergedInto')} “<span className="user-text">{into ? textStart(into.text, 80) : '…'}</span>”
        </p>
      ) : null}
      {q.mergedCount > 0 ? (
        <p className="mod-note">
          {t('console.duplicatesMerged', { count: q.mergedCount })}
        </p>
      ) : null}
      {q.askerMuted ? (
        <p className="mod-note muted-note" data-muted="true">
          {t('console.deviceMuted', { device: q.device })}
        </p>
      ) : null}
    </>
  );
}

export type ModerationKey = 'e' | 'm' | 'u' | 'x';

/** What a moderation shortcut does to a question, or null when it does not apply. */
export function moderationActionFor(key: ModerationKey, q: DeskQuestion): (() => void) | null {
  const ui = useModerationUi.getState();
  switch (key) {
    case 'e':
      return q.status === 'withdrawn' || q.status === 'merged' ? null : () => ui.setEditing(q.id);
    case 'm':
      return q.status === 'waiting' || q.status === 'on-screen' || q.status === 'hidden' ? () => ui.setMerging(q.id) : null;
    case 'u':
      return q.status === 'merged' ? () => void run(() => control.unmergeQuestion({ questionId: q.id })) : null;
    case 'x':
      return () => void run(() => (q.askerMuted ? control.unmuteAsker({ questionId: q.id }) : control.muteAsker({ questionId: q.id })));
  }
}

const BUTTONS: { key: ModerationKey; label: (q: DeskQuestion) => string }[] = [
  { key: 'e', label: () => t('console.edit') },
  { key: 'm', label: () => t('console.mergeInto') },
  { key: 'u', label: () => t('console.unmerge') },
  { key: 'x', label: (q) => (q.askerMuted ? t('console.unmutePhone') : t('console.mutePhone')) },
];

/** The moderation buttons of a row (each also has a shortcut key). */
export function ModerationButtons({ q }: { q: DeskQuestion }) {
  const select = useConsoleUi((s) => s.select);
  const start = textStart(q.text);
  return (
    <>
      {BUTTONS.map(({ key, label }) => {
        const action = moderationActionFor(key, q);
        if (!action) return null;
        const text = label(q);
        return (
          <button
            key={key}
            type="button"
            className="quiet"
            aria-label={t('console.actionLabel', { action: text.replace('…', ''), text: start })}
            onClick={(e) => {
              e.stopPropagation();
              select(q.id);
              action();
            }}
          >
            {text}
          </button>
        );
      })}
    </>
  );
}

/** Edit a question's text and name; the asker's stay in the log. */
export function EditForm({ q }: { q: DeskQuestion }) {
  const setEditing = useModerationUi((s) => s.setEditing);
  const [text, setText] = useState(q.text);
  const [name, setName] = useState(q.name);
  const id = useId();
  return (
    <form
      className="mod-form stack"
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setEditing(null);
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        const result = await run(() => control.editQuestion({ questionId: q.id, text, name }));
        if (result.ok) setEditing(null);
      }}
    >
      <label htmlFor={`${id}-text`}>{t('console.editedQuestion')}</label>
      <textarea id={`${id}-text`} value={text} maxLength={LIMITS.questionTextMax} onChange={(e) => setText(e.target.value)} autoFocus />
      <label htmlFor={`${id}-name`}>{t('console.nameShown')}</label>
      <input id={`${id}-name`} value={name} maxLength={LIMITS.nameMax} onChange={(e) => setName(e.target.value)} />
      <div>
        <button type="submit" className="primary" disabled={text.trim().length === 0}>
          {t('console.saveEdit')}
        </button>{' '}
        <button type="button" onClick={() => setEditing(null)}>
          {t('console.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Choose the question to keep; this one is merged into it. */
export function MergeForm({ q }: { q: DeskQuestion }) {
  const setMerging = useModerationUi((s) => s.setMerging);
  const questions = useDeskQuestions();
  const targets = questions.filter((x) => x.id !== q.id && (x.status === 'on-screen' || x.status === 'on-floor' || x.status === 'answered'));
  const [into, setInto] = useState(targets[0]?.id ?? '');
  const id = useId();
  useEffect(() => {
    if (!targets.some((x) => x.id === into) && targets[0]) setInto(targets[0].id);
  }, [targets, into]);
  return (
    <form
      className="mod-form stack"
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setMerging(null);
      }}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!into) return;
        const result = await run(() => control.mergeQuestion({ questionId: q.id, into }));
        if (result.ok) setMerging(null);
      }}
    >
      {targets.length === 0 ? (
        <p className="muted">{t('console.noMergeTarget')}</p>
      ) : (
        <>
          <label htmlFor={id}>{t('console.keepWhich')}</label>
          <select id={id} value={into} onChange={(e) => setInto(e.target.value)} autoFocus>
            {targets.map((x) => (
              <option key={x.id} value={x.id}>
                {t('console.mergeOption', { text: textStart(x.text, 80), votes: t('common.votes', { count: x.votes }) })}
              </option>
            ))}
          </select>
        </>
      )}
      <div>
        <button type="submit" className="primary" disabled={!into}>
          {t('console.merge')}
        </button>{' '}
        <button type="button" onClick={() => setMerging(null)}>
          {t('console.cancel')}
        </button>
      </div>
    </form>
  );
}
