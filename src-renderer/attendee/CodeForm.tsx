import { useState, type FormEvent } from 'react';
import { normaliseJoinCode } from '../../src-shared/ids';
import { displayPaperCode, isPaperCodeShape, normalisePaperCode } from '../../src-shared/features/paper-codes/format';
import { isValidCode } from './join';
import { t } from '../ui/i18n';
import { LanguageSwitch } from '../ui/LanguageSwitch';

interface CodeEntryProps {
  id: string;
  heading: string;
  label: string;
  help?: string;
  maxLength: number;
  error: string | null;
  /** What the field starts with (the code tried last, to be corrected). */
  initial?: string;
  /** The code as compared, or null with the message to show. */
  check: (typed: string) => { code: string } | { problem: string };
  onCode: (code: string) => void;
}

/** One code to type: a label, the field, what is wrong with it, and Join. */
function CodeEntry({ id, heading, label, help, maxLength, error, initial = '', check, onCode }: CodeEntryProps) {
  const [value, setValue] = useState(initial);
  const [problem, setProblem] = useState<string | null>(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = check(value);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    onCode(checked.code);
  };

  return (
    <main className="screen center">
      <h1>{heading}</h1>
      <LanguageSwitch />
      <form className="stack" onSubmit={submit} noValidate>
        {help ? <p>{help}</p> : null}
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        <input
          id={id}
          className="code-input"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          inputMode="text"
          maxLength={maxLength}
          aria-describedby={problem ? `${id}-error` : undefined}
        />
        <p id={`${id}-error`} role="alert" className="alert">
          {problem ?? ''}
        </p>
        <button type="submit" className="primary">
          {t('phone.join')}
        </button>
      </form>
    </main>
  );
}

/** The way in without a QR: type the code shown on the projector. */
export function CodeForm({ error, onCode }: { error: string | null; onCode: (code: string) => void }) {
  return (
    <CodeEntry
      id="join-code"
      heading={t('common.appName')}
      label={t('phone.joinCode')}
      maxLength={12}
      error={error}
      check={(typed) => {
        const code = normaliseJoinCode(typed);
        return isValidCode(code) ? { code } : { problem: t('phone.codeHelp') };
      }}
      onCode={onCode}
    />
  );
}

/** A meeting that requires paper codes: type the one printed on your slip. */
export function PaperCodeForm({ error, typed, onCode }: { error: string | null; typed: string; onCode: (code: string) => void }) {
  return (
    <CodeEntry
      id="paper-code"
      heading={t('phone.paperTitle')}
      help={t('phone.paperHelp')}
      label={t('phone.paperLabel')}
      maxLength={16}
      error={error}
      initial={typed ? displayPaperCode(typed) : ''}
      check={(typed) => {
        const code = normalisePaperCode(typed);
        return isPaperCodeShape(code) ? { code } : { problem: t('phone.paperShape') };
      }}
      onCode={onCode}
    />
  );
}
