import type { BoardView } from '../../src-shared/docs/board-doc';
import { t } from '../ui/i18n';
import { BreakableUrl } from '../ui/BreakableUrl';

/** Before and after the meeting: calm, just the title (and, after it, where the record will be published). */
export function WaitingScreen({ board }: { board: BoardView }) {
  const session = board.session;
  return (
    <main className="stage waiting">
      {session?.title ? <h1 className="user-text">{session.title}</h1> : <h1>{t('common.appName')}</h1>}
      {session?.place ? <p className="place user-text">{session.place}</p> : null}
      <p className="waiting-note">
        {session?.status === 'closed' ? t('common.closedThanks') : t('projector.startsSoon')}
      </p>
      {session?.status === 'closed' && session.publication?.url ? (
        <p className="record-address">
          {t('projector.recordAt')} <BreakableUrl className="user-text record-url" url={session.publication.url} />
          {session.publication.when ? <span className="user-text"> · {session.publication.when}</span> : null}
        </p>
      ) : null}
    </main>
  );
}
