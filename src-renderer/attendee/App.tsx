import { useCallback, useEffect, useState } from 'react';
import { setAppState } from '../ui/page';
import { CodeForm } from './CodeForm';
import { codeFromPath, isValidCode, JOIN_PAGE, type JoinIdentity } from './join';
import { join } from './join-api';
import { RoomScreen } from './RoomScreen';

type Phase =
  | { kind: 'enter'; error: string | null }
  | { kind: 'joining'; code: string }
  | { kind: 'refused'; code: string; error: string }
  | { kind: 'joined'; code: string; identity: JoinIdentity };

function initialPhase(): Phase {
  const code = codeFromPath(location.pathname);
  if (code === null) return { kind: 'enter', error: null };
  if (!isValidCode(code)) return { kind: 'enter', error: 'That is not a valid code. Check the code on the screen.' };
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
            Joining…
          </p>
        </main>
      );
    case 'refused':
      return (
        <main className="screen center">
          <h1>Could not join</h1>
          <p role="alert" className="alert">
            {phase.error}
          </p>
          <button type="button" className="primary" onClick={() => start(phase.code)}>
            Try again
          </button>
          <p>
            <a href="/">Enter a different code</a>
          </p>
        </main>
      );
    case 'joined':
      return <RoomScreen identity={phase.identity} />;
  }
}
