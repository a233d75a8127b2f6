import { useCallback, useEffect, useState } from 'react';
import { setAppState } from '../ui/page';
import { CodeForm } from './CodeForm';
import { codeFromPath, isValidCode, JOIN_PAGE, type JoinIdentity } from './join';
import { join } from './join-api';
import { RoomScreen } from './RoomScreen';
import { t } from '../ui/i18n';

type Phase =
  | { kind: 'enter'; error: string | null }
  | { kind: 'joining'; code: string }
  | { kind: 'refused'; code: string; error: string }
  | { kind: 'joined'; code: string; identity: JoinIdentity };

function initialPhase(): Phase {
  const code = codeFromPath(location.pathname);
  if (code === null) return { kind: 'enter', error: null };
  if (!isValidCode(code)) return { kind: 'enter', error: t('phone.invalidCode') };
  return { kind: 'joining', code };
}

/** Join (automatically when the link carries a code), then the room. */
export function App() {
  const [phase, setPhase] = useState<Phase>(initialPhase);

  const start = useCallback((code: string) => setPhase({ kind: 'joining', code }), []);

  useEffect(() => {
    if (phase.kind !== 'joining') return;
    let live = true;
    void join(phase.code).then((outcome) => {
      if (!live) return;
      setPhase(
        outcome.ok
          ? { kind: 'joined', code: phase.code, identity: outcome.identity }
          : { kind: 'refused', code: phase.code, error: outcome.error },
      );
    });
    return () => {
      live = false;
    };
  }, [phase]);

  useEffect(() => {
    // Nothing to load on these screens: they are ready as soon as they show. The room sets its own state.
    if (phase.kind === 'enter' || phase.kind === 'refused') setAppState('ready');
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
