import type { BoardView } from '../../src-shared/docs/board-doc';
import { t } from '../ui/i18n';

/** Before and after the meeting: calm, just the title. */
export function WaitingScreen({ board }: { board: BoardView }) {
  const session = board.session;
  return (
    <main className="stage waiting">
      {session?.title ? <h1 className="user-text">{session.title}</h1> : <h1>{t('common.appName')}</h1>}
      {session?.place ? <p className="place user-text">{session.place}</p> : null}
      <p className="waiting-note">
        {session?.status === 'closed' ? t('common.closedThanks') : t('projector.startsSoon')}
      </p>
    </main>
  );
}
