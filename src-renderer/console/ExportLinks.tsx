import { exportHref } from '../../src-shared/endpoints';
import { EXPORT_FORMATS, EXPORT_FORMAT_NAMES } from '../../src-shared/minutes/formats';
import { pageToken } from '../ui/token';
import { getLocale, t } from '../ui/i18n';
import { useState } from 'react';
import { isLocale, LOCALES, type Locale } from '../../src-shared/i18n/format';

/**
 * Plain download links to the host's `GET /export/<id>.<format>` (the token rides in the query, the host
 * answers with an attachment and the file name). Works live and after closing; nothing is changed.
 */
export function ExportLinks({ sessionId, title, locale }: { sessionId: string; title: string; locale?: Locale }) {
  const token = pageToken();
  const lang = locale ?? (isLocale(getLocale()) ? (getLocale() as Locale) : 'en');
  return (
    <ul className="export-links">
      {EXPORT_FORMAT_NAMES.map((format) => (
        <li key={format}>
          <a
            className="button"
            href={exportHref(sessionId, format, token, lang)}
            download
            data-format={format}
            aria-label={t('console.downloadLabel', { format: EXPORT_FORMATS[format].label, title })}
          >
            {t('console.download', { format: EXPORT_FORMATS[format].label })}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The record of the current session: during the meeting the minutes are marked provisional. */
export function ExportPanel({ sessionId, title, live }: { sessionId: string; title: string; live: boolean }) {
  const current = getLocale();
  const [locale, setLocale] = useState<Locale>(isLocale(current) ? current : 'en');
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('console.exportHeading')}</h2>
      {live ? <p className="muted">{t('console.exportProvisional')}</p> : null}
      <label className="stack">
        {t('console.minutesLanguage')}
        <select value={locale} onChange={(e) => isLocale(e.target.value) && setLocale(e.target.value)}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {t(`common.lang_${l}`)}
            </option>
          ))}
        </select>
      </label>
      <ExportLinks sessionId={sessionId} title={title} locale={locale} />
    </section>
  );
}
