import i18next from 'i18next';
import type { Engine } from './i18n';

/**
 * The console's and the projector's translate functions: i18next (the house choice) over the same catalogs
 * the phone reads with the tiny formatter (src-shared/i18n/format.ts). Synchronous: the catalogs are in
 * the bundle.
 */
export const i18nextEngine: Engine = (locale, messages, fallback) => {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    initAsync: false,
    resources: { [locale]: { translation: messages }, ...(locale === 'en' ? {} : { en: { translation: fallback } }) },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return (key, vars) => String(instance.t(key, vars as never));
};
