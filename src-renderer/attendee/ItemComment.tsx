import { nanoid } from 'nanoid';
import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { BoardAgendaItem } from '../../src-shared/features/agenda/views';
import { LIMITS } from '../../src-shared/limits';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import { charCount } from '../../src-shared/text';
import { FormEnd } from './FormEnd';
import { t } from '../ui/i18n';
import { useYView } from '../ui/use-y-view';
import { readMyComments, type MyComment } from './comment-view';
import { reasonText } from './reason';

type Send = (request: PhoneRequestDraft) => void;

/**
 * "Send a written comment" on an item with public comment (issue 19): for a resident who cannot stay or
 * will not speak in public. The comment goes to the facilitator and the minutes, never to the screen.
 */
export function ItemComment({ doc, send, item }: { doc: Y.Doc; send: Send; item: BoardAgendaItem }) {
  const mine = useYView(doc, readMyComments).get(item.id) ?? null;
  const [open, setOpen] = useState(false);
  return (
    <div className="item-comment">
      {mine && !open ? <CommentStatus mine={mine} /> : null}
      {open ? (
        <CommentForm send={send} item={item} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" className="secondary" aria-label={t('phone.writeCommentOn', { title: item.title })} onClick={() => setOpen(true)}>
          {t('phone.writeComment')}
        </button>
      )}
    </div>
  );
}

function CommentStatus({ mine }: { mine: MyComment }) {
  if (mine.state === 'refused') {
    return (
      <p role="alert" className="alert user-text">
        {reasonText(mine.reason)}
      </p>
    );
  }
  return (
    <p className="my-comment" role="status" data-comment-state={mine.state}>
      {mine.state === 'sending' ? t('phone.commentSending') : t('phone.commentReceived')}
    </p>
  );
}

function CommentForm({ send, item, onDone }: { send: Send; item: BoardAgendaItem; onDone: () => void }) {
  const [text, setText] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const count = charCount(text.trim());
  const max = LIMITS.commentTextMax;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (count === 0) return setError(t('phone.commentEmpty'));
    if (count > max) return setError(t('phone.commentTooLong', { max }));
    const n = name.trim();
    if (charCount(n) > LIMITS.nameMax) return setError(t('phone.nameTooLong', { max: LIMITS.nameMax }));
    send({ kind: 'comment', id: nanoid(), itemId: item.id, text: text.trim(), ...(n ? { name: n } : {}) });
    onDone();
  };
  const ids = `comment-${item.id}`;
  return (
    <form className="stack comment-form" onSubmit={submit} noValidate aria-label={t('phone.writeCommentOn', { title: item.title })}>
      <p className="agenda-meta">{t('phone.commentHint')}</p>
      <label htmlFor={`${ids}-text`} className="field-label">
        {t('phone.yourComment')}
      </label>
      <textarea id={`${ids}-text`} rows={5} maxLength={max} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${ids}-count`} />
      <p id={`${ids}-count`} className={count >= max ? 'counter over' : 'counter'}>
        {t('phone.counter', { count, max })}
      </p>
      <label htmlFor={`${ids}-name`} className="field-label">
        {t('phone.yourName')}
      </label>
      <input id={`${ids}-name`} maxLength={LIMITS.nameMax} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('phone.anonymous')} autoComplete="name" />
      <FormEnd error={error} send={t('phone.sendComment')} onCancel={onDone} />
    </form>
  );
}
