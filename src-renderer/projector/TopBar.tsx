import type { BoardView } from '../../src-shared/docs/board-doc';
import { t } from '../ui/i18n';

/**
 * The projector's top line on every live screen: the session title and how many people are connected,
 * with those following from outside the room (through the relay) said apart when there are any.
 */
export function TopBar({ board }: { board: BoardView }) {
  return (
    <header className="top-bar">
      <h1 className="user-text">{board.session?.title}</h1>
      <p className="connected">
        {board.connectedRemote
          ? t('projector.connectedWithRemote', { count: board.connected, remote: board.connectedRemote })
          : t('projector.connected', { count: board.connected })}
      </p>
    </header>
  );
}
