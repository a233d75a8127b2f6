import { useState, type FormEvent } from 'react';
import { nanoid } from 'nanoid';
import { LIMITS } from '../../src-shared/limits';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import { charCount } from '../../src-shared/text';
import { usePhoneUi } from './ui-store';
import { checkAsk } from './validate';
import { t } from '../ui/i18n';

/**
 * Ask a question: anonymous unless a name is given. `send` keeps it in the outbox (durable at once) and
 * puts it in the room document when that has loaded; it is sent when the phone is connected.
 */
export function AskForm({ send }: { send: (request: PhoneRequestDraft) => void }) {
  const draft = usePhoneUi((s) => s.draft);
  const name = usePhoneUi((s) => s.name);
  const setDraft = usePhoneUi((s) => s.setDraft);
  const setName = usePhoneUi((s) => s.setName);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const count = charCount(draft);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const check = checkAsk(draft, name);
    if (!check.ok) {
      setError(check.error);
      setSent(false);
      return;
    }
    send({ kind: 'ask', id: nanoid(), text: check.text, ...(check.name ? { name: check.name } : {}) });
    setDraft('');
    setError(null);
    setSent(true);
  };

  return (
    <section aria-labelledby="ask-heading" className="card">
      <h2 id="ask-heading">{t('phone.askHeading')}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor="ask-text" className="field-label">
          {t('phone.yourQuestion')}
        </label>
        <textarea
          id="ask-text"
          rows={4}
          maxLength={LIMITS.questionTextMax}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setSent(false);
          }}
          aria-describedby="ask-count"
        />
        <p id="ask-count" className={count >= LIMITS.questionTextMax ? 'counter over' : 'counter'}>
          {t('phone.counter', { count, max: LIMITS.questionTextMax })}
          {count >= LIMITS.questionTextMax ? t('phone.counterFull', { max: LIMITS.questionTextMax }) : ''}
        </p>
        <label htmlFor="ask-name" className="field-label">
          {t('phone.yourName')}
        </label>
        <input
          id="ask-name"
          maxLength={LIMITS.nameMax}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="name"
          placeholder={t('phone.anonymous')}
        />
        <p role="alert" className="alert">
          {error ?? ''}
        </p>
        <button type="submit" className="primary">
          {t('phone.sendQuestion')}
        </button>
        {sent ? (
          <p className="sent-note" aria-live="polite">
            {t('phone.added')}
          </p>
        ) : null}
      </form>
    </section>
  );
}
