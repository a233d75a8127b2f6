import { useState, type FormEvent } from 'react';
import type { DeskAgenda, DeskAgendaItem } from '../../src-shared/features/agenda/views';
import type { DeskComment } from '../../src-shared/features/comments/views';
import { ItemComments } from './ItemComments';
import { LIMITS } from '../../src-shared/limits';
import { speakingTime } from '../ui/agenda/labels';
import { control, run } from './control';
import { t } from '../ui/i18n';
import { useReorder } from './use-reorder';

/** "3:00", "3", "90s" → seconds; null if it cannot be read. */
export function parseSpeakingTime(text: string): number | null {
  const t = text.trim();
  const mmss = /^(\d{1,3}):([0-5]\d)$/.exec(t);
  if (mmss) return Number(mmss[1]) * 60 + Number(mmss[2]);
  const secs = /^(\d{1,5})\s*s$/.exec(t);
  if (secs) return Number(secs[1]);
  const mins = /^(\d{1,3})$/.exec(t);
  if (mins) return Number(mins[1]) * 60;
  return null;
}

interface ItemFields {
  title: string;
  description: string;
  time: string;
  publicComment: boolean;
  maxSpeakers: string;
}

const EMPTY: ItemFields = { title: '', description: '', time: '3:00', publicComment: true, maxSpeakers: '' };

function toInput(f: ItemFields): { ok: true; value: { title: string; description: string; speakingSeconds: number; publicComment: boolean; maxSpeakers: number | null } } | { ok: false; error: string } {
  const seconds = parseSpeakingTime(f.time);
  if (seconds === null) return { ok: false, error: t('console.speakingTimeFormat') };
  const max = f.maxSpeakers.trim() === '' ? null : Number(f.maxSpeakers);
  if (max !== null && !Number.isInteger(max)) return { ok: false, error: t('console.maxSpeakersFormat') };
  return { ok: true, value: { title: f.title, description: f.description, speakingSeconds: seconds, publicComment: f.publicComment, maxSpeakers: max } };
}

function ItemForm({ initial, submitLabel, onSubmit, onCancel }: { initial: ItemFields; submitLabel: string; onSubmit: (f: ItemFields) => Promise<boolean>; onCancel?: () => void }) {
  const [f, setF] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof ItemFields>(k: K, v: ItemFields[K]) => setF((x) => ({ ...x, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = toInput(f);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    if (await onSubmit(f)) setF(initial);
  };
  return (
    <form className="item-form" onSubmit={(e) => void submit(e)} aria-label={submitLabel}>
      <label>
        {t('console.title')}
        <input value={f.title} maxLength={LIMITS.agendaTitleMax} onChange={(e) => set('title', e.target.value)} required />
      </label>
      <label>
        {t('console.descriptionOptional')}
        <input value={f.description} maxLength={LIMITS.agendaDescriptionMax} onChange={(e) => set('description', e.target.value)} />
      </label>
      <div className="item-form-row">
        <label>
          {t('console.speakingTime')}
          <input value={f.time} onChange={(e) => set('time', e.target.value)} size={6} inputMode="numeric" />
        </label>
        <label>
          {t('console.maxSpeakers')}
          <input value={f.maxSpeakers} onChange={(e) => set('maxSpeakers', e.target.value)} size={4} inputMode="numeric" placeholder={t('console.none')} />
        </label>
        <label className="check">
          <input type="checkbox" checked={f.publicComment} onChange={(e) => set('publicComment', e.target.checked)} /> {t('console.publicComment')}
        </label>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      <div className="qactions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('console.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

const fieldsOf = (item: DeskAgendaItem): ItemFields => ({
  title: item.title,
  description: item.description,
  time: speakingTime(item.speakingMs),
  publicComment: item.publicComment,
  maxSpeakers: item.maxSpeakers === null ? '' : String(item.maxSpeakers),
});

/** The agenda: add, edit, reorder (drag, buttons, or Alt+↑/↓ on a row), remove, set the current item. */
export function AgendaItems({ agenda, comments = [] }: { agenda: DeskAgenda | null; comments?: readonly DeskComment[] }) {
  const items = agenda?.items ?? [];
  const [editing, setEditing] = useState<string | null>(null);
  const [addOpen, setAddOpen] = useState(false);
  const move = (itemId: string, index: number) => void run(() => control.moveItem({ itemId, index: Math.max(0, index) }));
  const { onDragStart, onDrop, onRowKey } = useReorder(move);
  return (
    <section className="panel agenda-panel" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading" className={items.length === 0 ? 'inline' : undefined}>
        {t('console.agenda')} <span className="count">({items.length})</span>
      </h2>
      <ol className="agenda-items" aria-labelledby="agenda-heading">
        {items.map((item, i) => {
          const current = agenda?.current === item.id;
          return (
            <li
              key={item.id}
              className={`agenda-row${current ? ' current' : ''}`}
              aria-current={current ? 'step' : undefined}
              aria-label={item.title}
              tabIndex={0}
              draggable
              onDragStart={() => onDragStart(item.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, i)}
              onKeyDown={(e) => onRowKey(e, i, item.id)}
              data-item-id={item.id}
            >
              {editing === item.id ? (
                <ItemForm
                  initial={fieldsOf(item)}
                  submitLabel={t('console.saveItem')}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (f) => {
                    const p = toInput(f);
                    if (!p.ok) return false;
                    const r = await run(() => control.editItem({ itemId: item.id, ...p.value }));
                    if (r.ok) setEditing(null);
                    return r.ok;
                  }}
                />
              ) : (
                <ItemSummary item={item} i={i} last={items.length - 1} current={current} move={move} edit={() => setEditing(item.id)} />
              )}
              <ItemComments title={item.title} comments={comments.filter((c) => c.itemId === item.id)} />
            </li>
          );
        })}
      </ol>
      <details className="add-item" open={addOpen} onToggle={(e) => setAddOpen(e.currentTarget.open)}>
        <summary>
          {t('console.addAgendaItem')}
          {items.length === 0 ? t('console.addAgendaItemHint') : ''}
        </summary>
        <ItemForm
          initial={EMPTY}
          submitLabel={t('console.addItem')}
          onSubmit={async (f) => {
            const p = toInput(f);
            if (!p.ok) return false;
            const r = await run(() => control.addItem(p.value));
            return r.ok;
          }}
        />
      </details>
    </section>
  );
}

/** An item as a row: title, public comment and queue counts, and its buttons on one line. */
function ItemSummary({ item, i, last, current, move, edit }: { item: DeskAgendaItem; i: number; last: number; current: boolean; move: (itemId: string, index: number) => void; edit: () => void }) {
  return (
    <>
    <div className="qmain">
      <p className="qtext">
        <span className="drag-handle" aria-hidden="true">
          ⠿
        </span>{' '}
        {i + 1}. <span className="user-text">{item.title}</span> {current ? <span className="badge b-on-floor">{t('console.current')}</span> : null}
      </p>
      <p className="qmeta">
        {item.publicComment ? t('console.publicCommentEach', { time: speakingTime(item.speakingMs) }) : t('console.noPublicComment')}
        {item.maxSpeakers !== null ? t('console.atMost', { max: item.maxSpeakers }) : ''}
        {t('console.queueCounts', { waiting: item.queue.length, called: item.spoken.length })}
        {item.publicComment && !item.signupSwitch ? t('console.signupClosed') : ''}
      </p>
      {item.description ? <p className="qmeta user-text">{item.description}</p> : null}
    </div>
    <div className="qactions">
      <button
        type="button"
        className={current ? undefined : 'primary'}
        aria-label={current ? t('console.leaveItemLabel', { title: item.title }) : t('console.makeCurrentLabel', { title: item.title })}
        onClick={() => void run(() => control.setCurrentItem({ itemId: current ? null : item.id }))}
      >
        {current ? t('console.leaveItem') : t('console.makeCurrent')}
      </button>
      <button type="button" aria-label={t('console.editLabel', { title: item.title })} onClick={edit}>
        {t('console.edit')}
      </button>
      <button type="button" aria-label={t('console.moveUp', { name: item.title })} disabled={i === 0} onClick={() => move(item.id, i - 1)}>
        ↑
      </button>
      <button type="button" aria-label={t('console.moveDown', { name: item.title })} disabled={i === last} onClick={() => move(item.id, i + 1)}>
        ↓
      </button>
      <button type="button" className="danger" aria-label={t('console.removeLabel', { name: item.title })} onClick={() => void run(() => control.removeItem({ itemId: item.id }))}>
        {t('console.remove')}
      </button>
    </div>
    </>
  );
}
