import type { DeskView } from '../../src-shared/docs/desk-doc';
import { PATHS, TOKEN_QUERY } from '../../src-shared/endpoints';
import { pageToken } from '../ui/token';

const STATUS_TEXT = { draft: 'Draft', open: 'Open', closed: 'Closed' } as const;

export function SessionHeader({ view }: { view: DeskView }) {
  const { session, stats } = view;
  if (!session) return null;
  const projectorUrl = `${PATHS.projector}?${TOKEN_QUERY}=${encodeURIComponent(pageToken())}`;
  return (
    <header className="session-header">
      <div>
        <h1 className="user-text">{session.title}</h1>
        <p className="muted user-text">
          {session.place ? `${session.place} · ` : ''}
          <span className={`session-status s-${session.status}`}>{STATUS_TEXT[session.status]}</span>
        </p>
      </div>
      <ul className="stats">
        <li data-testid="connected">Connected phones: {stats?.connected ?? 0}</li>
        <li>Devices joined: {stats?.devicesJoined ?? 0}</li>
        <li>Waiting: {stats?.pending ?? 0}</li>
        <li>Votes: {stats?.votes ?? 0}</li>
      </ul>
      <a className="button" href={projectorUrl} target="_blank" rel="noopener">
        Open projector
      </a>
    </header>
  );
}
