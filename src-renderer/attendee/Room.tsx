import { useEffect, useRef, useState } from 'react';
import { useConnection } from '../ui/connection';
import { setAppState, setConnectionAttr } from '../ui/page';
import { useYView } from '../ui/use-y-view';
import { AgendaCard } from './AgendaCard';
import { AskForm } from './AskForm';
import { Board } from './Board';
import { ConnectionBanner } from './ConnectionBanner';
import { FloorBanner } from './FloorBanner';
import { startHostClock } from './host-clock';
import type { JoinIdentity } from './join';
import { MyQuestions } from './MyQuestions';
import { readPhone } from './phone-view';
import { connectRoom, type RoomConnection } from './room-connection';
import { VoteAlert } from './VoteAlert';

/** Opens the room document for this identity and shows it. */
export function Room({ identity }: { identity: JoinIdentity }) {
  const [room, setRoom] = useState<RoomConnection | null>(null);
  useEffect(() => {
    startHostClock();
    const r = connectRoom(identity.roomId);
    setRoom(r);
    return () => r.destroy();
  }, [identity.roomId]);
  if (!room) return null;
  return <RoomView room={room} identity={identity} />;
}

function RoomView({ room, identity }: { room: RoomConnection; identity: JoinIdentity }) {
  const view = useYView(room.doc, readPhone);
  const connection = useConnection(room.connection);
  /** Vote requests sent from this page: only their refusals are worth an alert. */
  const sentHere = useRef(new Set<string>());

  useEffect(() => {
    setAppState(connection.everSynced ? 'ready' : 'loading');
    setConnectionAttr(connection.status);
  }, [connection]);

  const session = view.board.session;
  const title = session?.title || identity.title;
  const closed = session?.status === 'closed';
  const floor = view.board.floor ? view.board.questions.find((q) => q.id === view.board.floor) : undefined;

  return (
    <div className="screen">
      <header className="room-header">
        <h1 className="user-text">{title}</h1>
        {session?.place ? <p className="place user-text">{session.place}</p> : null}
      </header>
      <ConnectionBanner status={connection.status} pending={view.pendingCount} />
      <main className="stack">
        {session?.status === 'draft' ? (
          <p className="notice">The session has not opened yet</p>
        ) : null}
        {closed ? <p className="notice">This session has closed — thank you</p> : null}
        {floor ? <FloorBanner question={floor} /> : null}
        <AgendaCard doc={room.doc} closed={closed} />
        <VoteAlert rejections={view.voteRejections} sentHere={sentHere.current} />
        {closed ? null : <AskForm doc={room.doc} />}
        <MyQuestions doc={room.doc} items={view.mine} closed={closed} />
        <Board doc={room.doc} board={view.board} voted={view.voted} sentHere={sentHere.current} disabled={closed} />
      </main>
    </div>
  );
}
