import { useEffect, useId, useState } from 'react';
import { readFolderModeration } from '../../src-shared/features/moderation/folder';
import { CUSTOM_WORDS_MAX } from '../../src-shared/features/moderation/control';
import { useYView } from '../ui/use-y-view';
import { control, run } from './control';
import { getDeskDoc } from './moderation-ui';
import * as Y from 'yjs';
import { t } from '../ui/i18n';

const EMPTY_DOC = new Y.Doc();

/** The profanity filter (on by default) and the facilitator's own words, kept in the data folder. */
export function FilterSettings() {
  const settings = useYView(getDeskDoc() ?? EMPTY_DOC, readFolderModeration);
  const [words, setWords] = useState(settings.customWords.join('\n'));
  const saved = settings.customWords.join('\n');
  useEffect(() => setWords(saved), [saved]);
  const id = useId();
  const list = words
    .split('\n')
    .map((w) => w.trim())
    .filter((w) => w.length > 0);
  return (
    <section className="panel" aria-labelledby="filter-heading">
      <h2 id="filter-heading">{t('console.filterHeading')}</h2>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.profanityFilter}
          onChange={(e) => void run(() => control.setProfanityFilter({ on: e.target.checked }))}
        />
        {t('console.filterHold')}
      </label>
      <p className="muted small">{t('console.filterNote')}</p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => control.setCustomWords({ words: list }));
        }}
      >
        <label htmlFor={id}>{t('console.filterOwn')}</label>
        <textarea id={id} rows={3} value={words} onChange={(e) => setWords(e.target.value)} />
        <div>
          <button type="submit" disabled={words === saved || list.length > CUSTOM_WORDS_MAX}>
            {t('console.saveWords')}
          </button>
        </div>
      </form>
    </section>
  );
}
