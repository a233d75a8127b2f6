import { useState } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { textStart } from '../ui/status-labels';
import { control, run } from './control';
import { t } from '../ui/i18n';

/**
 * Questions filed under agenda items (the current item when asked); the facilitator can move them. The
 * list is drawn only while open (a long session has a thousand questions).
 */
export function QuestionItems({ view }: { view: DeskView }) {
  const agenda = view.agenda;
  const [open, setOpen] = useState(false);
  const questions = view.questions.filter((q) => q.status !== 'hidden' && q.status !== 'withdrawn');
  if (!agenda || agenda.items.length === 0 || questions.length === 0) return null;
  return (
    <details className="panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="inline">{t('console.questionsByItem')}</h2>
      </summary>
      {open ? (
        <ul className="question-items">
          {questions.map((q) => (
            <li key={q.id}>
              <label>
                <span className="user-text">{textStart(q.text)}</span>{' '}
                <select
                  aria-label={t('console.itemOf', { text: textStart(q.text) })}
                  value={agenda.questionItems[q.id] ?? ''}
                  onChange={(e) => void run(() => control.moveQuestion({ questionId: q.id, itemId: e.target.value || null }))}
                >
                  <option value="">{t('console.noItem')}</option>
                  {agenda.items.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.title}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
