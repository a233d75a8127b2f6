import { useState, type FormEvent } from 'react';
import { normaliseJoinCode } from '../../src-shared/ids';
import { isValidCode } from './join';
import { t } from '../ui/i18n';
import { LanguageSwitch } from '../ui/LanguageSwitch';

/** The way in without a QR: type the code shown on the projector. */
export function CodeForm({ error, onCode }: { error: string | null; onCode: (code: string) => void }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const code = normaliseJoinCode(value);
    if (!isValidCode(code)) {
      setProblem(t('phone.codeHelp'));
      return;
    }
    setProblem(null);
    onCode(code);
  };

  return (
    <main className="screen center">
      <h1>{t('common.appName')}</h1>
      <LanguageSwitch />
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor="join-code" className="field-label">
          {t('phone.joinCode')}
        </label>
        <input
          id="join-code"
          className="code-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          inputMode="text"
          maxLength={12}
          aria-describedby={problem ? 'join-code-error' : undefined}
        />
        <p id="join-code-error" role="alert" className="alert">
          {problem ?? ''}
        </p>
        <button type="submit" className="primary">
          {t('phone.join')}
        </button>
      </form>
    </main>
  );
}
