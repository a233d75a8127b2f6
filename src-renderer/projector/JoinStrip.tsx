import type { BoardView } from '../../src-shared/docs/board-doc';
import { QrImage } from '../ui/QrImage';
import { t, tIn } from '../ui/i18n';
import { DEFAULT_DISPLAY, type DisplayOptions } from '../../src-shared/display';
import { LOCALES } from '../../src-shared/i18n/format';

/** How to join, visible at all times while the session is open. */
export function JoinStrip({ board, display = DEFAULT_DISPLAY }: { board: BoardView; display?: DisplayOptions }) {
  const join = board.join;
  if (!join) return null;
  const second = display.bilingualJoin ? LOCALES.find((l) => l !== display.language) : undefined;
  return (
    <aside className="join" aria-label={t('projector.howToJoin')}>
      <p className="join-call">
        {t('projector.joinCall')}
        {second ? (
          <>
            {' / '}
            <span lang={second} className="join-call-second">
              {tIn(second, 'projector.joinCall')}
            </span>
          </>
        ) : null}
      </p>
      <QrImage url={join.url} className="qr" />
      <p className="join-url">{join.url}</p>
      <p className="join-code">{t('projector.code', { code: join.code })}</p>
      {join.remoteUrl ? (
        <>
          <p className="join-remote">{t('projector.atHome')}</p>
          <p className="join-url">{join.remoteUrl}</p>
        </>
      ) : null}
      {board.session?.paperCodesRequired ? (
        <p className="join-paper">
          {t('projector.paperCodeNeeded')}
          {second ? (
            <span lang={second} className="join-call-second">
              {' / '}
              {tIn(second, 'projector.paperCodeNeeded')}
            </span>
          ) : null}
        </p>
      ) : null}
    </aside>
  );
}
