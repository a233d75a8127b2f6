import { QR_SIZES, TEXT_SIZES, TOP_COUNT_MAX, TOP_COUNT_MIN, type DisplayOptions, type TextSize } from '../../src-shared/display';
import { isLocale, LOCALES } from '../../src-shared/i18n/format';
import { t } from '../ui/i18n';
import { useDisplayOptions } from './use-display-options';

/** How the projector looks; remembered in the data folder. */
export function DisplaySettings() {
  const [display, set] = useDisplayOptions();
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
        <CheckField label={t('console.highContrast')} checked={display.highContrast} onChange={(on) => set({ highContrast: on })} />
        <CheckField label={t('console.showNames')} checked={display.showNames} onChange={(on) => set({ showNames: on })} />
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
        <CheckField label={t('console.bilingualJoin')} checked={display.bilingualJoin} onChange={(on) => set({ bilingualJoin: on })} />
      </div>
    </section>
  );
}

/** A checkbox with its words after it. */
function CheckField({ label, checked, onChange }: { label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
