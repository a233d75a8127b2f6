import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../src-shared/limits';
import { control, run } from './control';
import { t } from '../ui/i18n';

/** Create a session: a title (required) and a place. */
export function SessionForm({ heading }: { heading: string }) {
  const [title, setTitle] = useState('');
  const [place, setPlace] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (title.trim() === '') {
      setProblem(t('console.giveTitle'));
      return;
    }
    setProblem(null);
    const result = await run(() =>
      control.createSession({ title: title.trim(), ...(place.trim() ? { place: place.trim() } : {}) }),
    );
    if (result.ok) {
      setTitle('');
      setPlace('');
    }
  };

  return (
    <main className="panel narrow">
      <h1>{heading}</h1>
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor="session-title">{t('console.sessionTitle')}</label>
        <input
          id="session-title"
          required
          maxLength={LIMITS.sessionTitleMax}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={problem !== null}
        />
        <label htmlFor="session-place">{t('console.place')}</label>
        <input id="session-place" maxLength={LIMITS.placeMax} value={place} onChange={(e) => setPlace(e.target.value)} />
        {problem ? (
          <p role="alert" className="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="primary">
          {t('console.createSession')}
        </button>
      </form>
    </main>
  );
}
