import type { DeskComment } from '../../src-shared/features/comments/views';
import { intlLocale, t } from '../ui/i18n';

const clock = (at: number) => new Date(at).toLocaleTimeString(intlLocale(), { hour: '2-digit', minute: '2-digit' });

/**
 * An item's written comments (issue 19), under the item: each comment's text, the name given (or
 * "anonymous") and when it arrived. Text only: React renders it as text, never as HTML.
 */
export function ItemComments({ title, comments }: { title: string; comments: readonly DeskComment[] }) {
  if (comments.length === 0) return null;
  const heading = t('console.writtenComments', { count: comments.length });
  return (
    <section className="item-comments" aria-label={t('console.writtenCommentsOn', { title })}>
      <h3>{heading}</h3>
      <ol>
        {comments.map((c) => (
          <li key={c.id}>
            <p className="user-text comment-text">{c.text}</p>
            <p className="qmeta">
              {c.name ? <span className="user-text">{c.name}</span> : t('console.commentAnonymous')} · <time dateTime={new Date(c.at).toISOString()}>{clock(c.at)}</time>
              {c.muted ? <> · {t('console.commentMuted')}</> : null}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
