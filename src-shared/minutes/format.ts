/**
 * Dates and times in the session's time zone, written in the minutes' locale. Pure (Intl only), so every
 * format (Markdown, CSV, PDF, DOCX) writes the same times. A bad locale or zone falls back rather than
 * throwing: a record must always export.
 */

const FALLBACK_LOCALE = 'en-GB';

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

// Building an Intl.DateTimeFormat costs far more than formatting with one; a long session formats
// thousands of times (measured: ~1.2 s of a 1000-question PDF), so formatters are kept by their options.
const formatters = new Map<string, Intl.DateTimeFormat>();

function fmt(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(safeLocale(locale), { ...options, timeZone: safeZone(timeZone) });
    formatters.set(key, f);
  }
  return f;
}

/** "Saturday 1 March 2025" (localized). */
export function formatDate(at: number, locale: string, timeZone: string): string {
  return fmt(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}

/** "19:05" (localized; 12- or 24-hour as the locale writes it). */
export function formatTime(at: number, locale: string, timeZone: string): string {
  return fmt(locale, timeZone, { hour: '2-digit', minute: '2-digit' }).format(at);
}

function isoParts(at: number, timeZone: string): Record<string, string> {
  const parts = fmt('en-CA', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** "2025-03-01" in the session's zone (file names, sortable cells). */
export function isoDate(at: number, timeZone: string): string {
  const p = isoParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2025-03-01 19:05:12" in the session's zone: what spreadsheets read as a date-time. */
export function isoDateTime(at: number, timeZone: string): string {
  const p = isoParts(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** A file-name-safe slug of a title: letters and digits of any script, joined by hyphens. */
export function slugify(title: string, maxChars = 60): string {
  const slug = title
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, maxChars).join('').replace(/-+$/g, '');
  return cut || 'session';
}
