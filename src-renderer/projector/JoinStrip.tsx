import type { BoardView } from '../../src-shared/docs/board-doc';
import { QrImage } from '../ui/QrImage';

/** How to join, visible at all times while the session is open. */
export function JoinStrip({ board }: { board: BoardView }) {
  const join = board.join;
  if (!join) return null;
  return (
    <aside className="join" aria-label="How to join">
      <p className="join-call">Join from your phone</p>
      <QrImage url={join.url} className="qr" />
      <p className="join-url">{join.url}</p>
      <p className="join-code">Code: {join.code}</p>
    </aside>
  );
}
