import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import { createConnectionStore, useConnection } from '../ui/connection';
import { setAppState, setConnectionAttr } from '../ui/page';
import { AskForm } from './AskForm';
import { Board } from './Board';
import { ConnectionBanner } from './ConnectionBanner';
import { FloorBanner } from './FloorBanner';
import { startHostClock } from './host-clock';
import type { JoinIdentity } from './join';
import { RecordNotice } from './RecordNotice';
import { MyQuestions } from './MyQuestions';
import { registerOfflineCopy } from './offline-copy';
import { outboxFor } from './outbox';
import { withOutbox } from './outbox-view';
import type { PhoneView } from './phone-view';
import type { LiveCards, LiveRoom } from './room-live';
import { loadRoomLive } from './room-loader';
import { VoteAlert } from './VoteAlert';
import { t } from '../ui/i18n';
import { LanguageSwitch } from '../ui/LanguageSwitch';

const CONNECTING = createConnectionStore();
const noSubscribe = () => () => {};
const noView = (): PhoneView | null => null;
/** Tries to fetch the room's code again this often while it cannot (the Wi-Fi dropped during the load). */
const RETRY_MS = 3000;

/**
 * The room screen. The question form works at once: a question goes to the outbox (localStorage) and,
 * once the live room's chunk has loaded, into the room document. Everything else fills in from the room.
 */
export function RoomScreen({ identity }: { identity: JoinIdentity }) {
  const outbox = useMemo(() => outboxFor(identity.roomId), [identity.roomId]);
  const [live, setLive] = useState<LiveRoom | null>(null);
  /** The cards that read the room document (agenda, polls) arrive with the live room's chunk. */
  const [cards, setCards] = useState<LiveCards | null>(null);
  const liveRef = useRef<LiveRoom | null>(null);

  // The host's clock, for the speaker's countdown (a phone's own clock may be minutes off).
  useEffect(() => {
    startHostClock();
  }, []);

  useEffect(() => {
    let room: LiveRoom | null = null;
    let stopped = false;
    let retry = 0;
    const open = (): void => {
      loadRoomLive(identity.relay !== undefined).then(
        (m) => {
          if (stopped) return;
          room = m.open(identity, outbox);
          setCards(m.liveCards);
          liveRef.current = room;
          setLive(room);
          registerOfflineCopy();
        },
        () => {
          if (!stopped) retry = window.setTimeout(open, RETRY_MS);
        },
      );
    };
    open();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      liveRef.current = null;
      room?.destroy();
    };
  }, [identity, outbox]);

  const send = useCallback(
    (request: PhoneRequestDraft) => {
      outbox.add(request);
      liveRef.current?.append(request);
    },
    [outbox],
  );

  const roomView = useSyncExternalStore(live ? live.view.subscribe : noSubscribe, live ? live.view.getSnapshot : noView);
  const queued = useSyncExternalStore(outbox.subscribe, outbox.list);
  const view = useMemo(() => withOutbox(roomView, queued), [roomView, queued]);
  const connection = useConnection(live ? live.connection : CONNECTING);
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
        <LanguageSwitch />
      </header>
      <ConnectionBanner status={connection.status} hostAway={connection.hostAway === true} pending={view.pendingCount} />
      <main className="stack">
        {session?.status === 'draft' ? <p className="notice">{t('phone.notOpenYet')}</p> : null}
        {closed ? <p className="notice">{t('common.closedThanks')}</p> : null}
        {closed && session ? <RecordNotice session={session} questionIds={view.mine.flatMap((m) => (m.questionId ? [m.questionId] : []))} /> : null}
        {live && cards ? <cards.Polls doc={live.doc} send={send} board={view.board} disabled={closed} /> : null}
        {floor ? <FloorBanner question={floor} /> : null}
        {live && cards ? <cards.AgendaCard doc={live.doc} boardDoc={live.boardDoc} remote={identity.relay !== undefined} send={send} closed={closed} /> : null}
        <VoteAlert rejections={view.voteRejections} sentHere={sentHere.current} />
        {closed ? null : <AskForm send={send} />}
        <MyQuestions send={send} items={view.mine} closed={closed} />
        {live ? <Board send={send} board={view.board} voted={view.voted} sentHere={sentHere.current} disabled={closed} /> : null}
      </main>
    </div>
  );
}
