import { useCallback, useEffect, useState } from 'react';
import { setAppState } from '../ui/page';
import { CodeForm, PaperCodeForm } from './CodeForm';
import { codeFromPath, isValidCode, JOIN_PAGE, paperCodeFromSearch, type JoinIdentity } from './join';
import { join, type JoinOutcome } from './join-api';
import { RoomScreen } from './RoomScreen';
import { t } from '../ui/i18n';
import { reasonText } from './reason';

type Phase =
  | { kind: 'enter'; error: string | null }
  | { kind: 'joining'; code: string; paper: string | null }
  /** `typed`: the paper code tried last, shown again to be corrected. */
  | { kind: 'paper'; code: string; error: string | null; typed: string }
  | { kind: 'refused'; code: string; error: string }
  | { kind: 'joined'; code: string; identity: JoinIdentity };

function initialPhase(): Phase {
  const code = codeFromPath(location.pathname);
  if (code === null) return { kind: 'enter', error: null };
  if (!isValidCode(code)) return { kind: 'enter', error: t('phone.invalidCode') };
  return { kind: 'joining', code, paper: paperCodeFromSearch(location.search) };
}

/** A refusal about the paper code asks for one (again); any other is shown as the host said it. */
function refusedPhase(code: string, paper: string | null, outcome: Extract<JoinOutcome, { ok: false }>): Phase {
  const typed = paper ?? '';
  switch (outcome.paperCode) {
    case 'needed':
      return { kind: 'paper', code, error: null, typed };
    case 'unknown':
      return { kind: 'paper', code, error: t('phone.paper_unknown'), typed };
    case 'tooManyTries':
      return { kind: 'paper', code, error: t('phone.paper_tooManyTries'), typed };
    default:
      return { kind: 'refused', code, error: reasonText(outcome.error) };
  }
}

/** Join (automatically when the link carries a code), then the room. */
export function App() {
  const [phase, setPhase] = useState<Phase>(initialPhase);

  const start = useCallback((code: string, paper: string | null = null) => setPhase({ kind: 'joining', code, paper }), []);

  useEffect(() => {
    if (phase.kind !== 'joining') return;
    let live = true;
    void join(phase.code, phase.paper).then((outcome) => {
      if (!live) return;
      // A slip's code stays out of the address bar (and of a screenshot of it) once it has been used.
      if (outcome.ok && location.search) history.replaceState(null, '', location.pathname);
      setPhase(outcome.ok ? { kind: 'joined', code: phase.code, identity: outcome.identity } : refusedPhase(phase.code, phase.paper, outcome));
    });
    return () => {
      live = false;
    };
  }, [phase]);

  useEffect(() => {
    // Nothing to load on these screens: they are ready as soon as they show. The room sets its own state.
    if (phase.kind === 'enter' || phase.kind === 'paper' || phase.kind === 'refused') setAppState('ready');
    else if (phase.kind === 'joining') setAppState('loading');
  }, [phase]);

  switch (phase.kind) {
    case 'enter':
      return (
        <CodeForm
          error={phase.error}
          onCode={(code) => {
            history.pushState(null, '', `${JOIN_PAGE}${code}`);
            start(code);
          }}
        />
      );
    case 'paper':
      return <PaperCodeForm error={phase.error} typed={phase.typed} onCode={(paper) => start(phase.code, paper)} />;
    case 'joining':
      return (
        <main className="screen center">
          <p role="status" className="big">
            {t('phone.joining')}
          </p>
        </main>
      );
    case 'refused':
      return (
        <main className="screen center">
          <h1>{t('phone.couldNotJoin')}</h1>
          <p role="alert" className="alert">
            {phase.error}
          </p>
          <button type="button" className="primary" onClick={() => start(phase.code)}>
            {t('phone.tryAgain')}
          </button>
          <p>
            <a href="/">{t('phone.otherCode')}</a>
          </p>
        </main>
      );
    case 'joined':
      return <RoomScreen identity={phase.identity} />;
  }
}
