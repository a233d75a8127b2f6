import type { DeskView } from '../../src-shared/docs/desk-doc';
import { QrImage } from '../ui/QrImage';
import { t } from '../ui/i18n';

/** What to show the room so phones can join: QR, URL and the code. */
export function JoinPanel({ view }: { view: DeskView }) {
  const join = view.join;
  if (!join) return null;
  return (
    <section className="panel join" aria-labelledby="join-heading">
      <h2 id="join-heading">{t('console.join')}</h2>
      <QrImage url={join.url} className="qr" />
      <p className="join-url" data-testid="join-url">
        {join.url}
      </p>
      <p className="join-code">
        <span className="muted">{t('console.code')}</span> <strong data-testid="join-code">{join.code}</strong>
      </p>
    </section>
  );
}
