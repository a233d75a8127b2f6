import { useState } from 'react';
import { LIMITS } from '../../src-shared/limits';
import { control, run } from './control';
import { t } from '../ui/i18n';

/**
 * Where the record will be published (the council's website, say) and when to look: after the meeting,
 * phones that asked show it with a link to their own questions, and so do the handout and the projector.
 */
export function PublicationForm({
  sessionId,
  publication,
  onSaved,
  panel = false,
}: {
  sessionId: string;
  publication: { url: string; when: string } | null;
  onSaved(): void;
  /** A panel of its own (an h2) rather than part of the Follow-up view (an h3). */
  panel?: boolean;
}) {
  const [url, setUrl] = useState(publication?.url ?? '');
  const [when, setWhen] = useState(publication?.when ?? '');
  return (
    <form
      className={panel ? 'publication-form panel' : 'publication-form'}
      aria-label={t('console.pub_label')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(() => control.setPublication({ sessionId, url, when })).then((r) => r.ok && onSaved());
      }}
    >
      {panel ? <h2>{t('console.pub_heading')}</h2> : <h3>{t('console.pub_heading')}</h3>}
      <label className="stack">
        {t('console.pub_url')}
        <input type="url" inputMode="url" value={url} maxLength={LIMITS.publicationUrlMax} placeholder={t('console.pub_placeholder')} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label className="stack">
        {t('console.pub_when')}
        <input type="text" value={when} maxLength={LIMITS.publicationWhenMax} onChange={(e) => setWhen(e.target.value)} />
      </label>
      <button type="submit">{t('console.pub_save')}</button>
    </form>
  );
}
