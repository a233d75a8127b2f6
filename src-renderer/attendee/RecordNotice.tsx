import type { BoardSession } from '../../src-shared/features/session/views';
import { recordLink } from '../../src-shared/features/follow-up/publication';
import { t } from '../ui/i18n';
import { BreakableUrl } from '../ui/BreakableUrl';

/**
 * After the meeting: where the record (with the written answers) will be published and when to look,
 * with a link that highlights this phone's own questions there (their ids ride in the fragment only).
 */
export function RecordNotice({ session, questionIds }: { session: BoardSession; questionIds: string[] }) {
  const publication = session.publication;
  if (session.status !== 'closed' || !publication?.url) return null;
  return (
    <section aria-labelledby="record-heading" className="card record-notice">
      <h2 id="record-heading">{t('phone.recordHeading')}</h2>
      <p>
        {t('phone.recordWhere')} <BreakableUrl className="user-text record-url" url={publication.url} />
      </p>
      {publication.when ? <p className="user-text">{t('phone.recordWhen', { when: publication.when })}</p> : null}
      <p>
        <a href={recordLink(publication.url, session.id, questionIds)} rel="noreferrer">
          {questionIds.length > 0 ? t('phone.recordMine') : t('phone.recordOpen')}
        </a>
      </p>
    </section>
  );
}
