import { useEffect, useRef } from 'react';
import type { DeskQuestion } from '../../src-shared/views';
import { STATUS_LABELS, textStart, votesLabel } from '../ui/status-labels';
import { control, run } from './control';
import { actionFor, type QuestionAction, type ShortcutKey } from './selection';
import { useConsoleUi } from './ui-store';

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
  { key: 'a', label: () => 'Approve' },
  { key: 'f', label: (q) => (q.status === 'on-floor' ? 'Take off the floor' : 'Put on the floor') },
  { key: 'd', label: () => 'Mark answered' },
  { key: 'h', label: () => 'Hide' },
];

/** One question with the actions its status allows; clicking the row selects it. */
export function QuestionRow({ q, selected }: { q: DeskQuestion; selected: boolean }) {
  const select = useConsoleUi((s) => s.select);
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
        <p className="qtext user-text">{q.text}</p>
        <p className="qmeta">
          <span className="votes">{votesLabel(q.votes)}</span>
          {' · '}
          <span className={`badge b-${q.status}`}>{STATUS_LABELS[q.status]}</span>
          {' · '}
          <span className="user-text">{q.name || 'Anonymous'}</span>
          {' · '}
          <span className="muted" title="Asking device">
            {q.device}
          </span>
        </p>
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
              aria-label={`${text}: ${start}`}
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
      </div>
    </li>
  );
}
