import * as en from '../i18n/en.js';
import * as es from '../i18n/es.js';
import { createTranslate, pickLocale, type Translate } from '../i18n/format.js';

/**
 * The minutes' fixed wording in the language of the minutes' locale (`--locale es-ES`, the console's
 * choice): Spanish for `es-*`, English otherwise. Attendee and clerk text is never translated.
 */
export function minutesWords(locale: string): Translate {
  const lang = pickLocale([locale]);
  return createTranslate(lang, { minutes: lang === 'es' ? es.minutes : en.minutes }, { minutes: en.minutes });
}
