import { useEffect, useState } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { PATHS, TOKEN_QUERY, type ExportListing } from '../../src-shared/endpoints';
import type { SessionListing } from '../../src-shared/minutes/listing';
import { plural } from '../ui/status-labels';
import { pageToken } from '../ui/token';
import { ExportLinks } from './ExportLinks';
import { MinutesReader } from './MinutesReader';

type Loaded = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ok'; sessions: SessionListing[] };

async function fetchListing(): Promise<Loaded> {
  try {
    const res = await fetch(`${PATHS.export}?${TOKEN_QUERY}=${encodeURIComponent(pageToken())}`);
    const body = (await res.json()) as ExportListing;
    return body.ok ? { status: 'ok', sessions: body.sessions } : { status: 'error', error: body.error };
  } catch {
    return { status: 'error', error: 'Could not load the archive from the host.' };
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
          Archive ({plural(view.sessions.length, 'session', 'sessions')})
        </h2>
      </summary>
      {loaded.status === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : loaded.status === 'error' ? (
        <p role="alert">{loaded.error}</p>
      ) : loaded.sessions.length === 0 ? (
        <p className="muted">No sessions yet.</p>
      ) : (
        <ul className="archive-list" aria-labelledby="archive-heading">
          {[...loaded.sessions].reverse().map((s) => (
            <li key={s.id} data-session-id={s.id}>
              <h3>
                <span>{s.date}</span> <span className="user-text">{s.title}</span>{' '}
                <span className={`session-status s-${s.status}`}>{s.status === 'closed' ? 'Closed' : s.status === 'open' ? 'Open' : 'Draft'}</span>
              </h3>
              <p className="muted">
                {plural(s.counts.questions, 'question', 'questions')} asked, {s.counts.approved} approved, {s.counts.answered} answered,{' '}
                {s.counts.hidden} hidden, {plural(s.counts.votes, 'vote', 'votes')}, {plural(s.counts.devices, 'device', 'devices')}
              </p>
              <ExportLinks sessionId={s.id} title={s.title} />
              <button
                type="button"
                aria-expanded={reading === s.id}
                aria-label={`Read the minutes: ${s.title}`}
                onClick={() => setReading(reading === s.id ? null : s.id)}
              >
                {reading === s.id ? 'Hide the minutes' : 'Read the minutes'}
              </button>
              {reading === s.id && <MinutesReader sessionId={s.id} />}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
