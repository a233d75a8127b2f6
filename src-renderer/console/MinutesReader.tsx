import { useEffect, useState } from 'react';
import { exportHref } from '../../src-shared/endpoints';
import { verifyArchive } from '../../src-shared/minutes/archive';
import { buildMinutes } from '../../src-shared/minutes/build';
import { minutesText, type MinutesText } from '../../src-shared/minutes/wording';
import type { MinutesPoll } from '../../src-shared/polls/poll-minutes';
import { pageToken } from '../ui/token';
import { MinutesPolls } from './MinutesPolls';
import { AgendaMinutes } from './AgendaMinutes';

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; error: string }
  | { status: 'ok'; text: MinutesText; intact: boolean; check: string; polls: MinutesPoll[] };

/**
 * A past session, read-only, in the console: the host's JSON archive is verified here (the hash chain is
 * checked in the browser) and folded into the same minutes model and wording the PDF and DOCX use.
 */
async function loadMinutes(sessionId: string): Promise<Loaded> {
  try {
    const res = await fetch(exportHref(sessionId, 'json', pageToken()));
    if (!res.ok) return { status: 'error', error: `The host answered ${res.status}.` };
    const check = verifyArchive(await res.json());
    if (!check.ok) return { status: 'error', error: `The record does not verify: ${check.reason}` };
    const minutes = buildMinutes(check.events, { locale: navigator.language || 'en-GB', generatedAt: Date.now() });
    return { status: 'ok', text: minutesText(minutes), intact: true, check: `Hash chain verified: ${check.events.length} events intact.`, polls: minutes.polls ?? [] };
  } catch {
    return { status: 'error', error: 'Could not load this session’s record from the host.' };
  }
}

function Facts({ rows }: { rows: Array<[string, string]> }) {
  return (
    <dl className="minutes-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MinutesReader({ sessionId }: { sessionId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    void loadMinutes(sessionId).then((l) => live && setLoaded(l));
    return () => {
      live = false;
    };
  }, [sessionId]);

  if (loaded.status === 'loading') return <p className="muted">Loading the record…</p>;
  if (loaded.status === 'error') return <p role="alert">{loaded.error}</p>;
  const t = loaded.text;
  return (
    <article className="minutes-reader" aria-label={`Minutes: ${t.title}`}>
      <p role="status">{loaded.check}</p>
      {t.provisional && <p className="provisional">{t.provisional}</p>}
      <Facts rows={t.facts} />
      {t.agenda ? <AgendaMinutes agenda={t.agenda} /> : null}
      <h4>{t.questionsHeading}</h4>
      <p className="muted">{t.questionsIntro}</p>
      <ol className="minutes-questions">
        {t.questions.map((q) => (
          <li key={q.number}>
            <p className="user-text">{q.text}</p>
            <p className="muted">
              {q.asked} · {q.votes} · {q.outcome}
            </p>
            {q.reply && (
              <p>
                <strong>{t.replyLabel}</strong> <span className="user-text">{q.reply}</span>
              </p>
            )}
          </li>
        ))}
      </ol>
      <MinutesPolls polls={loaded.polls} time={t.time} />
      <h4>{t.moderationHeading}</h4>
      {t.moderation.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <h4>{t.participationHeading}</h4>
      <Facts rows={t.participation} />
      <h4>{t.followUpHeading}</h4>
      <ol className="minutes-follow-up">
        {t.followUp.map((f) => (
          <li key={f.rank}>
            <span className="user-text">{f.text}</span> <span className="muted">({f.votes} · {f.detail})</span>
          </li>
        ))}
      </ol>
      <h4>{t.recordHeading}</h4>
      <Facts rows={t.record} />
      <p>
        {t.hashLabel} <code>{t.hash}</code>
      </p>
    </article>
  );
}
