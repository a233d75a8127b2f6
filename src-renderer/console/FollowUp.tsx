import './followup.css';
import { useCallback, useEffect, useState } from 'react';
import type { FollowUpAuthor, FollowUpOutcome } from '../../src-shared/features/follow-up/events';
import type { FollowUpQuestion, FollowUpView } from '../../src-shared/features/follow-up/views';
import { control, run } from './control';
import { FollowUpForm } from './FollowUpForm';
import { PublicationForm } from './PublicationForm';
import { formatDateTime, t } from '../ui/i18n';

/** Loads a session's Follow-up view; `reload` after every change (and when `key` changes). */
function useFollowUp(sessionId: string, key: string): { view: FollowUpView | null; setView(v: FollowUpView): void; reload(): void } {
  const [view, setView] = useState<FollowUpView | null>(null);
  const reload = useCallback(() => {
    void control.followUpView({ sessionId }).then((r) => r.ok && setView(r.value));
  }, [sessionId]);
  useEffect(reload, [reload, key]);
  return { view, setView, reload };
}

const WHEN = '\u0000';

/** What a follow-up says, in one line: "Answered in writing by the clerk, 12 Dec 2026, 10:04" (the date a <time>). */
function FollowUpStatus({ q }: { q: FollowUpQuestion }) {
  const c = q.current;
  if (!c) return <>{t('console.fu_none')}</>;
  const [before = '', after = ''] = t(`console.fu_status_${c.outcome}`, { by: t(`console.fu_by_${c.by}`), when: WHEN }).split(WHEN);
  return (
    <>
      {before}
      <time dateTime={new Date(c.at).toISOString()}>{formatDateTime(c.at)}</time>
      {after}
    </>
  );
}

function FollowUpItem({ sessionId, q, carriedIn, onSaved }: { sessionId: string; q: FollowUpQuestion; carriedIn: boolean; onSaved(v: FollowUpView): void }) {
  const [writing, setWriting] = useState(false);
  const save = async (outcome: FollowUpOutcome, text: string, by: FollowUpAuthor) => {
    const r = await run(() => control.writeFollowUp({ sessionId, questionId: q.questionId, outcome, text, by }));
    if (r.ok) {
      onSaved(r.value);
      setWriting(false);
    }
    return r.ok;
  };
  return (
    <li className="followup-item" data-question-id={q.questionId}>
      <h3 className="followup-title">
        {t('console.fu_question', { number: q.number })} · {t('common.votes', { count: q.votes })}
        {q.itemTitle ? <span className="muted user-text"> · {q.itemTitle}</span> : null}
      </h3>
      <p className="user-text">{q.text}</p>
      {'from' in q ? <p className="muted">{t('console.fu_from', { title: (q as { from: { title: string } }).from.title })}</p> : null}
      <p className="followup-status" data-outcome={q.current?.outcome ?? 'none'}>
        <strong>
          <FollowUpStatus q={q} />
        </strong>
        {q.current?.text ? <span className="user-text"> {q.current.text}</span> : null}
      </p>
      {q.carriedTo ? <p className="muted">{t('console.fu_carriedTo', { title: q.carriedTo.title })}</p> : null}
      {q.earlier.length > 0 ? (
        <details>
          <summary>{t('console.fu_earlier', { count: q.earlier.length })}</summary>
          <ul>
            {q.earlier.map((e, i) => (
              <li key={i} className="user-text">
                <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>: {e.text}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <button type="button" aria-expanded={writing} aria-label={t(writing ? 'console.fu_cancelLabel' : 'console.fu_writeLabel', { number: q.number })} onClick={() => setWriting(!writing)}>
        {writing ? t('console.fu_cancel') : q.current ? t('console.fu_edit') : t('console.fu_write')}
      </button>
      {writing ? <FollowUpForm key={q.current?.at ?? 0} number={q.number} current={q.current} canCarry={!carriedIn && !q.carriedTo} onSave={save} /> : null}
    </li>
  );
}

/**
 * A closed session's Follow-up view (issue 19): every question not answered on the floor, most votes
 * first, each with a written answer, a referral, "carried to a later meeting" or why not; questions
 * carried in from earlier meetings; where the record is published. `key` reloads it.
 */
export function FollowUpPanel({ sessionId, refreshKey, carriedOnly = false }: { sessionId: string; refreshKey: string; carriedOnly?: boolean }) {
  const { view, setView, reload } = useFollowUp(sessionId, refreshKey);
  if (!view || (carriedOnly && view.carriedIn.length === 0)) return null;
  const list = (items: FollowUpQuestion[], carriedIn: boolean) => (
    <ol className="followup-list">
      {items.map((q) => (
        <FollowUpItem key={q.questionId} sessionId={sessionId} q={q} carriedIn={carriedIn} onSaved={setView} />
      ))}
    </ol>
  );
  return (
    <section className="panel followup" aria-labelledby={`followup-${sessionId}`}>
      <h2 id={`followup-${sessionId}`}>{carriedOnly ? t('console.fu_carriedHeading') : t('console.fu_heading')}</h2>
      {carriedOnly ? null : (
        <>
          <p className="muted">{t('console.fu_intro')}</p>
          {view.questions.length === 0 ? <p>{t('console.fu_nothing')}</p> : list(view.questions, false)}
          {view.carriedIn.length > 0 ? <h3>{t('console.fu_carriedHeading')}</h3> : null}
        </>
      )}
      {view.carriedIn.length > 0 ? list(view.carriedIn, true) : null}
      {carriedOnly ? null : <PublicationForm sessionId={sessionId} publication={view.publication} onSaved={reload} />}
    </section>
  );
}
