import * as en from '../i18n/en.js';
import * as es from '../i18n/es.js';
import { createTranslate, pickLocale, type Translate } from '../i18n/format.js';

/**
 * The minutes' fixed wording in the language of the minutes' locale (`--locale es-ES`, the console's
 * choice): Spanish for `es-*`, English otherwise. Attendee and clerk text is never translated.
 */
export function minutesWords(locale: string): Translate {
  const lang = pickLocale([locale]);
  const words = lang === 'es' ? es : en;
  // `common` holds the words every screen shares with the record (fixed poll answers, "Speaker N").
  return createTranslate(lang, { minutes: words.minutes, common: words.common }, { minutes: en.minutes, common: en.common });
}
