import * as en from '../i18n/en.js';
import * as es from '../i18n/es.js';
import { createTranslate, pickLocale, type Locale, type Translate } from '../i18n/format.js';

/** The published site's fixed wording (namespace `published`) in the language of `locale`. */
export function publishedWords(locale: string): { lang: Locale; tr: Translate } {
  const lang = pickLocale([locale]);
  const words = lang === 'es' ? es : en;
  return { lang, tr: createTranslate(lang, { published: words.published }, { published: en.published }) };
}
