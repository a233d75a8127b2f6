import { useEffect, useState } from 'react';
import { exportHref } from '../../src-shared/endpoints';
import { verifyArchive } from '../../src-shared/minutes/archive';
import { buildMinutes } from '../../src-shared/minutes/build';
import { minutesText, type MinutesText } from '../../src-shared/minutes/wording';
import type { MinutesPoll } from '../../src-shared/features/polls/minutes';
import { pageToken } from '../ui/token';
import { MinutesPolls } from './MinutesPolls';
import { intlLocale, t } from '../ui/i18n';
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
    // 409: a session a newer Open Floor wrote; the host's message says to update.
    if (res.status === 409) return { status: 'error', error: ((await res.json()) as { error: string }).error };
    if (!res.ok) return { status: 'error', error: t('console.hostAnswered', { status: String(res.status) }) };
    const check = verifyArchive(await res.json());
    if (!check.ok) return { status: 'error', error: t('console.recordNotVerified', { reason: check.reason }) };
    const minutes = buildMinutes(check.events, { locale: intlLocale(), generatedAt: Date.now() });
    return { status: 'ok', text: minutesText(minutes), intact: true, check: t('console.hashVerified', { count: check.events.length }), polls: minutes.polls ?? [] };
  } catch {
    return { status: 'error', error: t('console.recordError') };
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

  if (loaded.status === 'loading') return <p className="muted">{t('console.loadingRecord')}</p>;
  if (loaded.status === 'error') return <p role="alert">{loaded.error}</p>;
  const m = loaded.text;
  return (
    <article className="minutes-reader" aria-label={t('console.minutesLabel', { title: m.title })}>
      <p role="status">{loaded.check}</p>
      {m.provisional && <p className="provisional">{m.provisional}</p>}
      <Facts rows={m.facts} />
      {m.agenda ? <AgendaMinutes agenda={m.agenda} /> : null}
      <h4>{m.questionsHeading}</h4>
      <p className="muted">{m.questionsIntro}</p>
      <ol className="minutes-questions">
        {m.questions.map((q) => (
          <li key={q.number}>
            <p className="user-text">{q.text}</p>
            <p className="muted">
              {q.asked} · {q.votes} · {q.outcome}
            </p>
            {q.reply && (
              <p>
                <strong>{m.replyLabel}</strong> <span className="user-text">{q.reply}</span>
              </p>
            )}
          </li>
        ))}
      </ol>
      <MinutesPolls polls={loaded.polls} time={m.time} words={m.words} />
      <h4>{m.moderationHeading}</h4>
      {m.moderation.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <h4>{m.participationHeading}</h4>
      <Facts rows={m.participation} />
      <h4>{m.followUpHeading}</h4>
      <ol className="minutes-follow-up">
        {m.followUp.map((f) => (
          <li key={f.rank}>
            <span className="user-text">{f.text}</span> <span className="muted">({f.votes} · {f.detail})</span>
          </li>
        ))}
      </ol>
      <h4>{m.recordHeading}</h4>
      <Facts rows={m.record} />
      <p>
        {m.hashLabel} <code>{m.hash}</code>
      </p>
    </article>
  );
}
