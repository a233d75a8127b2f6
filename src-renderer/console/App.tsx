import { useEffect } from 'react';
import { readDesk } from '../../src-shared/docs/desk-doc';
import { useConnection } from '../ui/connection';
import { setAppState, setConnectionAttr } from '../ui/page';
import type { ReadOnlyDoc } from '../ui/read-only-doc';
import { useYView } from '../ui/use-y-view';
import { Archive } from './Archive';
import { DialogueMeasures } from './DialogueMeasures';
import { ClosedSession } from './ClosedSession';
import { ErrorRegion } from './ErrorRegion';
import { OpenSession } from './OpenSession';
import { SessionForm } from './SessionForm';
import { Settings } from './Settings';
import { NobodyCanJoin, useVenue, useVenuePolling, VenueHelp, VenuePanel } from './Venue';
import { t } from '../ui/i18n';
import { LanguageSwitch } from '../ui/LanguageSwitch';

/** The facilitator's console: a replica of the desk doc plus commands to the host. */
export function App({ desk }: { desk: ReadOnlyDoc }) {
  const view = useYView(desk.doc, readDesk);
  const connection = useConnection(desk.connection);
  const venueHelp = useVenue((s) => s.helpOpen);
  useVenuePolling();

  useEffect(() => {
    setAppState(connection.everSynced ? 'ready' : 'loading');
    setConnectionAttr(connection.status);
  }, [connection]);

  const session = view.session;
  return (
    <div className="console">
      <nav className="console-lang" aria-label={t('console.language')}>
        <LanguageSwitch />
      </nav>
      {connection.status !== 'online' ? (
        <p role="status" className="conn-warning">
          {connection.status === 'connecting' ? t('console.connectingHost') : t('console.lostHost')}
        </p>
      ) : null}
      {view.storageProblem ? (
        <p role="alert" className="storage-problem" data-testid="storage-problem">
          {view.storageProblem}
        </p>
      ) : null}
      <ErrorRegion />
      {connection.everSynced && session?.status === 'open' && !venueHelp ? <NobodyCanJoin /> : null}
      {!connection.everSynced ? null : venueHelp ? (
        <VenueHelp />
      ) : session === null ? (
        <>
          <SessionForm heading={t('console.newSession')} />
          <Settings view={view} />
          <VenuePanel view={view} />
        </>
      ) : session.status === 'closed' ? (
        <ClosedSession view={view} />
      ) : (
        <OpenSession view={view} />
      )}
      {connection.everSynced ? <Archive view={view} /> : null}
      {connection.everSynced ? <DialogueMeasures refreshKey={view.sessions.map((s) => `${s.id}:${s.status}`).join(',')} /> : null}
    </div>
  );
}
