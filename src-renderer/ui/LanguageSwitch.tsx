import { LOCALES } from '../../src-shared/i18n/format';
import { setLocale, t, useLocale } from './i18n';

/** Two buttons, each language in its own name (and `lang`), the current one pressed. */
export function LanguageSwitch({ className = 'lang-switch' }: { className?: string }) {
  const locale = useLocale();
  return (
    <div className={className} role="group" aria-label={t('common.language')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={locale === l} onClick={() => setLocale(l)}>
          {t(`common.lang_${l}`)}
        </button>
      ))}
    </div>
  );
}
