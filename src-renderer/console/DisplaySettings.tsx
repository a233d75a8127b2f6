import { QR_SIZES, readDeskDisplay, TEXT_SIZES, TOP_COUNT_MAX, TOP_COUNT_MIN, type DisplayOptions, type TextSize } from '../../src-shared/display';
import { isLocale, LOCALES } from '../../src-shared/i18n/format';
import { useYView } from '../ui/use-y-view';
import { control, run } from './control';
import { getDeskDoc } from './moderation-ui';
import * as Y from 'yjs';
import { t } from '../ui/i18n';
import { useEffect, useRef } from 'react';

const EMPTY_DOC = new Y.Doc();

/** How the projector looks; remembered in the data folder. */
export function DisplaySettings() {
  const display = useYView(getDeskDoc() ?? EMPTY_DOC, readDeskDisplay);
  // Two changes in quick succession (language, then the bilingual box) must not undo each other: the
  // second builds on the first even before the desk shows it.
  const pending = useRef<DisplayOptions | null>(null);
  useEffect(() => {
    const sent = pending.current;
    if (sent && (Object.keys(sent) as (keyof DisplayOptions)[]).every((k) => sent[k] === display[k])) pending.current = null;
  }, [display]);
  const set = (change: Partial<DisplayOptions>) => {
    const next = { ...(pending.current ?? display), ...change };
    pending.current = next;
    void run(() => control.setDisplay(next)).then((r) => {
      if (!r.ok) pending.current = null;
    });
  };
  return (
    <section className="panel display-settings" aria-labelledby="display-heading">
      <h2 id="display-heading">{t('console.projectorDisplay')}</h2>
      <div className="stack">
        <label className="stack">
          {t('console.textSize')}
          <select value={display.textSize} onChange={(e) => set({ textSize: e.target.value as TextSize })}>
            {(Object.keys(TEXT_SIZES) as TextSize[]).map((s) => (
              <option key={s} value={s}>
                {t(`console.textSize_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          {t('console.theme')}
          <select value={display.theme} onChange={(e) => set({ theme: e.target.value as DisplayOptions['theme'] })}>
            <option value="light">{t('console.themeLight')}</option>
            <option value="dark">{t('console.themeDark')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={display.highContrast} onChange={(e) => set({ highContrast: e.target.checked })} />
          {t('console.highContrast')}
        </label>
        <label className="check">
          <input type="checkbox" checked={display.showNames} onChange={(e) => set({ showNames: e.target.checked })} />
          {t('console.showNames')}
        </label>
        <label className="stack">
          {t('console.topShown')}
          <select value={display.topCount} onChange={(e) => set({ topCount: Number(e.target.value) })}>
            {Array.from({ length: TOP_COUNT_MAX - TOP_COUNT_MIN + 1 }, (_, i) => i + TOP_COUNT_MIN).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          {t('console.qrSize')}
          <select value={display.qrSize} onChange={(e) => set({ qrSize: e.target.value as DisplayOptions['qrSize'] })}>
            {QR_SIZES.map((s) => (
              <option key={s} value={s}>
                {t(`console.qr_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          {t('console.projectorLanguage')}
          <select value={display.language} onChange={(e) => isLocale(e.target.value) && set({ language: e.target.value })}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`common.lang_${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={display.bilingualJoin} onChange={(e) => set({ bilingualJoin: e.target.checked })} />
          {t('console.bilingualJoin')}
        </label>
      </div>
    </section>
  );
}
