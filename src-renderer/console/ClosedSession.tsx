import type { DeskView } from '../../src-shared/docs/desk-doc';
import { ExportPanel } from './ExportLinks';
import { FollowUpPanel } from './FollowUp';
import { PublishRecord } from './PublishRecord';
import { SessionForm } from './SessionForm';
import { t } from '../ui/i18n';

/** After closing: the record's final hash (printed on the minutes), and the way to start again. */
export function ClosedSession({ view }: { view: DeskView }) {
  const session = view.session;
  return (
    <>
      <main className="panel narrow">
        <h1 className="user-text">{session?.title}</h1>
        <p className="status-line">{t('console.sessionClosed')}</p>
        {view.stats ? (
          <p>
            {t('console.closedCounts', {
              asked: t('console.questionsAsked', { count: view.stats.asked }),
              answered: view.stats.answered,
              votes: t('common.votes', { count: view.stats.votes }),
              devices: view.stats.devicesRemote
                ? t('console.devicesWithRemote', { devices: t('console.devices', { count: view.stats.devicesJoined }), remote: view.stats.devicesRemote })
                : t('console.devices', { count: view.stats.devicesJoined }),
            })}
          </p>
        ) : null}
        <p>{t('console.finalHash')}</p>
        <p className="hash" data-testid="final-hash">
          {session?.finalHash}
        </p>
        {session ? <PublishRecord sessionId={session.id} title={session.title} /> : null}
      </main>
      {session ? <FollowUpPanel sessionId={session.id} refreshKey={session.finalHash ?? ''} /> : null}
      {session ? <ExportPanel sessionId={session.id} title={session.title} live={false} /> : null}
      <SessionForm heading={t('console.newSession')} />
    </>
  );
}
