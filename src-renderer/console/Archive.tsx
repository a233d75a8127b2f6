import { useEffect, useState } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { PATHS, TOKEN_QUERY, type ExportListing } from '../../src-shared/endpoints';
import type { SessionListing } from '../../src-shared/minutes/listing';
import { pageToken } from '../ui/token';
import { ExportLinks } from './ExportLinks';
import { PublishRecord } from './PublishRecord';
import { MinutesReader } from './MinutesReader';
import { FollowUpPanel } from './FollowUp';
import { formatIsoDate, t } from '../ui/i18n';

type Loaded = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ok'; sessions: SessionListing[] };

async function fetchListing(): Promise<Loaded> {
  try {
    const res = await fetch(`${PATHS.export}?${TOKEN_QUERY}=${encodeURIComponent(pageToken())}`);
    const body = (await res.json()) as ExportListing;
    return body.ok ? { status: 'ok', sessions: body.sessions } : { status: 'error', error: body.error };
  } catch {
    return { status: 'error', error: t('console.archiveError') };
  }
}

/**
 * Past sessions of this data directory, newest first, read-only: date, title, counts and the same
 * downloads as the live session. The list reloads when the desk's list of sessions changes.
 */
export function Archive({ view }: { view: DeskView }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [reading, setReading] = useState<string | null>(null);
  const [following, setFollowing] = useState<string | null>(null);
  const key = view.sessions.map((s) => `${s.id}:${s.status}`).join(',');

  useEffect(() => {
    if (!open) return;
    let live = true;
    void fetchListing().then((l) => live && setLoaded(l));
    return () => {
      live = false;
    };
  }, [open, key]);

  return (
    <details className="panel archive" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="inline" id="archive-heading">
          {t('console.archive', { count: view.sessions.length })}
        </h2>
      </summary>
      {loaded.status === 'loading' ? (
        <p className="muted">{t('console.loading')}</p>
      ) : loaded.status === 'error' ? (
        <p role="alert">{loaded.error}</p>
      ) : loaded.sessions.length === 0 ? (
        <p className="muted">{t('console.noSessions')}</p>
      ) : (
        <ul className="archive-list" aria-labelledby="archive-heading">
          {[...loaded.sessions].reverse().map((s) => (
            <li key={s.id} data-session-id={s.id}>
              <h3>
                <time dateTime={s.date}>{formatIsoDate(s.date)}</time> <span className="user-text">{s.title}</span>{' '}
                <span className={`session-status s-${s.status}`}>{t(`console.status_${s.status}`)}</span>
              </h3>
              <p className="muted">
                {t('console.archiveCounts', {
                  asked: t('console.questionsAsked', { count: s.counts.questions }),
                  approved: s.counts.approved,
                  answered: s.counts.answered,
                  hidden: s.counts.hidden,
                  votes: t('common.votes', { count: s.counts.votes }),
                  devices: t('console.devices', { count: s.counts.devices }),
                })}
              </p>
              <ExportLinks sessionId={s.id} title={s.title} />
              {s.status !== 'draft' ? <PublishRecord sessionId={s.id} title={s.title} /> : null}
              <button
                type="button"
                aria-expanded={reading === s.id}
                aria-label={t('console.readMinutesLabel', { title: s.title })}
                onClick={() => setReading(reading === s.id ? null : s.id)}
              >
                {reading === s.id ? t('console.hideMinutes') : t('console.readMinutes')}
              </button>
              {reading === s.id && <MinutesReader sessionId={s.id} />}
              {s.status === 'closed' ? (
                <button
                  type="button"
                  aria-expanded={following === s.id}
                  aria-label={t('console.fu_openLabel', { title: s.title })}
                  onClick={() => setFollowing(following === s.id ? null : s.id)}
                >
                  {t('console.fu_heading')}
                </button>
              ) : null}
              {following === s.id && <FollowUpPanel sessionId={s.id} refreshKey={key} />}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
