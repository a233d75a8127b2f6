import type { DeskView } from '../../src-shared/docs/desk-doc';
import { PATHS, TOKEN_QUERY } from '../../src-shared/endpoints';
import { pageToken } from '../ui/token';
import { t } from '../ui/i18n';
import { useVenue } from './Venue';

export function SessionHeader({ view }: { view: DeskView }) {
  const { session, stats } = view;
  // With a relay (issue 20), phones are counted in the room and remote: the LAN's transports count as
  // connected in the room (the desk's count less its remote part); remote phones, as the Venue panel says,
  // are those on the relay now.
  const relay = useVenue((s) => s.status?.relay);
  if (!session) return null;
  const projectorUrl = `${PATHS.projector}?${TOKEN_QUERY}=${encodeURIComponent(pageToken())}`;
  return (
    <header className="session-header">
      <div>
        <h1 className="user-text">{session.title}</h1>
        <p className="muted user-text">
          {session.place ? `${session.place} · ` : ''}
          <span className={`session-status s-${session.status}`}>{t(`console.status_${session.status}`)}</span>
        </p>
      </div>
      <ul className="stats">
        <li data-testid="connected">
          {relay
            ? t('console.connectedSplit', { inRoom: (stats?.connected ?? 0) - (stats?.connectedRemote ?? 0), remote: relay.remotePhones })
            : t('console.connectedPhones', { n: stats?.connected ?? 0 })}
        </li>
        <li data-testid="devices-joined">
          {relay || stats?.devicesRemote
            ? t('console.devicesJoinedSplit', { n: stats?.devicesJoined ?? 0, remote: stats?.devicesRemote ?? 0 })
            : t('console.devicesJoined', { n: stats?.devicesJoined ?? 0 })}
        </li>
        <li>{t('console.waitingCount', { n: stats?.pending ?? 0 })}</li>
        <li>{t('console.votesCount', { n: stats?.votes ?? 0 })}</li>
      </ul>
      <a className="button" href={projectorUrl} target="_blank" rel="noopener">
        {t('console.openProjector')}
      </a>
    </header>
  );
}
