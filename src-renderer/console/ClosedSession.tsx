import type { DeskView } from '../../src-shared/docs/desk-doc';
import { plural } from '../ui/status-labels';
import { ExportPanel } from './ExportLinks';
import { SessionForm } from './SessionForm';

/** After closing: the record's final hash (printed on the minutes), and the way to start again. */
export function ClosedSession({ view }: { view: DeskView }) {
  const session = view.session;
  return (
    <>
      <main className="panel narrow">
        <h1 className="user-text">{session?.title}</h1>
        <p className="status-line">Session closed</p>
        {view.stats ? (
          <p>
            {plural(view.stats.asked, 'question', 'questions')} asked, {view.stats.answered} answered,{' '}
            {plural(view.stats.votes, 'vote', 'votes')}, {plural(view.stats.devicesJoined, 'device', 'devices')} joined.
          </p>
        ) : null}
        <p>Final hash of the record:</p>
        <p className="hash" data-testid="final-hash">
          {session?.finalHash}
        </p>
      </main>
      {session ? <ExportPanel sessionId={session.id} title={session.title} live={false} /> : null}
      <SessionForm heading="New session" />
    </>
  );
}
