import { useEffect, useId, useRef, useState } from 'react';
import { LIMITS } from '../../src-shared/limits';
import type { DeskQuestion } from '../../src-shared/features/questions/views';
import { statusLabel, textStart, votesLabel } from '../ui/status-labels';
import { control, run } from './control';
import { actionFor, type QuestionAction, type ShortcutKey } from './selection';
import { useModerationUi } from './moderation-ui';
import { EditForm, HeldName, HeldText, MergeForm, ModerationButtons, RowModeration } from './ModerationTools';
import { useConsoleUi } from './ui-store';
import { t } from '../ui/i18n';

export function perform(action: QuestionAction): void {
  switch (action.command) {
    case 'approve':
      void run(() => control.approve({ questionId: action.questionId }));
      return;
    case 'hide':
      void run(() => control.hide({ questionId: action.questionId }));
      return;
    case 'setFloor':
      void run(() => control.setFloor({ questionId: action.questionId }));
      return;
    case 'markAnswered':
      void run(() => control.markAnswered({ questionId: action.questionId }));
      return;
  }
}

const BUTTONS: { key: ShortcutKey; label: (q: DeskQuestion) => string }[] = [
  { key: 'a', label: () => t('console.approve') },
  { key: 'f', label: (q) => (q.status === 'on-floor' ? t('console.takeOffFloor') : t('console.putOnFloor')) },
  { key: 'd', label: () => t('console.markAnswered') },
  { key: 'h', label: () => t('console.hide') },
];

/** One question with the actions its status allows; clicking the row selects it. */
export function QuestionRow({ q, selected }: { q: DeskQuestion; selected: boolean }) {
  const select = useConsoleUi((s) => s.select);
  const editing = useModerationUi((s) => s.editing === q.id);
  const merging = useModerationUi((s) => s.merging === q.id);
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const start = textStart(q.text);
  return (
    <li
      ref={ref}
      className={`qrow status-${q.status}${selected ? ' selected' : ''}`}
      aria-current={selected ? 'true' : undefined}
      data-question-id={q.id}
      onClick={() => select(q.id)}
    >
      <div className="qmain">
        <HeldText q={q} />
        <p className="qmeta">
          <span className="votes">{votesLabel(q.votes)}</span>
          {' · '}
          <span className={`badge b-${q.status}`}>{statusLabel(q.status)}</span>
          {' · '}
          <HeldName q={q} />
          {' · '}
          <span className="muted" title={t('console.askingDevice')}>
            {q.device}
          </span>
        </p>
        <RowModeration q={q} />
        {editing ? <EditForm q={q} /> : null}
        {merging ? <MergeForm q={q} /> : null}
      </div>
      <div className="qactions">
        {BUTTONS.map(({ key, label }) => {
          const action = actionFor(key, q);
          if (!action) return null;
          const text = label(q);
          return (
            <button
              key={key}
              type="button"
              className={key === 'h' ? 'quiet' : ''}
              aria-label={t('console.actionLabel', { action: text, text: start })}
              onClick={(e) => {
                e.stopPropagation();
                select(q.id);
                perform(action);
              }}
            >
              {text}
            </button>
          );
        })}
        {actionFor('d', q) ? <WrittenReply q={q} start={start} /> : null}
        <ModerationButtons q={q} />
      </div>
    </li>
  );
}

/** Answer in writing: the reply goes into the log and the minutes ("answered in writing"). */
function WrittenReply({ q, start }: { q: DeskQuestion; start: string }) {
  const [open, setOpen] = useState(false);
  const [reply, setReply] = useState('');
  const id = useId();
  if (!open) {
    return (
      <button
        type="button"
        aria-label={t('console.answerInWritingLabel', { text: start })}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {t('console.answerInWriting')}
      </button>
    );
  }
  return (
    <form
      className="written-reply stack"
      onClick={(e) => e.stopPropagation()}
      onSubmit={async (e) => {
        e.preventDefault();
        const text = reply.trim();
        if (!text) return;
        const result = await run(() => control.markAnswered({ questionId: q.id, reply: text }));
        if (result.ok) {
          setReply('');
          setOpen(false);
        }
      }}
    >
      <label htmlFor={id}>{t('console.writtenReply')}</label>
      <textarea
        id={id}
        value={reply}
        maxLength={LIMITS.replyTextMax}
        onChange={(e) => setReply(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
        autoFocus
      />
      <div>
        <button type="submit" className="primary" disabled={reply.trim().length === 0}>
          {t('console.saveReply')}
        </button>{' '}
        <button type="button" onClick={() => setOpen(false)}>
          {t('console.cancel')}
        </button>
      </div>
    </form>
  );
}
