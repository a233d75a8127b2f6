import { useEffect } from 'react';
import { readBoard } from '../../src-shared/docs/board-doc';
import { useConnection } from '../ui/connection';
import { setAppState, setConnectionAttr } from '../ui/page';
import type { ReadOnlyDoc } from '../ui/read-only-doc';
import { useYView } from '../ui/use-y-view';
import { useDisplay } from './display';
import { LiveBoard } from './LiveBoard';
import { PollBoard } from './PollBoard';
import { useFullscreenToggle } from './use-fullscreen-toggle';
import { WaitingScreen } from './WaitingScreen';

/** The room's screen: a read-only replica of the board doc. */
export function App({ board }: { board: ReadOnlyDoc }) {
  const view = useYView(board.doc, readBoard);
  const connection = useConnection(board.connection);
  const display = useDisplay(board.doc);
  useFullscreenToggle();

  useEffect(() => {
    setAppState(connection.everSynced ? 'ready' : 'loading');
    setConnectionAttr(connection.status);
  }, [connection]);

  const shownPoll = view.pollShown ? view.polls.find((p) => p.id === view.pollShown) : undefined;
  if (view.session?.status === 'open' && shownPoll) return <PollBoard board={view} poll={shownPoll} display={display} />;
  return view.session?.status === 'open' ? <LiveBoard board={view} display={display} /> : <WaitingScreen board={view} />;
}
