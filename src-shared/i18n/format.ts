/**
 * The tiny formatter over the message catalogs (src-shared/i18n/en.ts, es.ts). It reads the catalogs in
 * the i18next v4 JSON format on purpose — `{{name}}` placeholders, `{{n, number}}` for a number formatted
 * with Intl.NumberFormat, plural forms as `key_one` / `key_other` chosen with Intl.PluralRules from
 * `count` — so the console and the projector run the very same catalogs through i18next while the phone,
 * whose first download is tight, runs them through this function (see docs/ARCHITECTURE.md, "Languages").
 */

/** A catalog: namespaces of messages (`phone`, `projector`, `console`, `common`). Keys are `ns.key`. */
export type Messages = Readonly<Record<string, Readonly<Record<string, string>>>>;
/** Values for placeholders; `count` picks the plural form, `ordinal: true` the ordinal one (`key_ordinal_two`). */
export type Vars = Readonly<Record<string, string | number | boolean>>;
export type Translate = (key: string, vars?: Vars) => string;

const PLACEHOLDER = /\{\{\s*(\w+)\s*(?:,\s*(number))?\s*\}\}/g;

/** The placeholders a message uses, sorted: a translation must use the same ones. */
export function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

function lookup(messages: Messages | undefined, key: string): string | undefined {
  if (!messages) return undefined;
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  return messages[key.slice(0, dot)]?.[key.slice(dot + 1)];
}

export function createTranslate(locale: string, messages: Messages, fallback?: Messages): Translate {
  const plurals = new Intl.PluralRules(locale);
  const ordinals = new Intl.PluralRules(locale, { type: 'ordinal' });
  const numbers = new Intl.NumberFormat(locale);
  const find = (key: string): string | undefined => lookup(messages, key) ?? lookup(fallback, key);
  return (key, vars) => {
    let message: string | undefined;
    const count = vars?.count;
    if (typeof count === 'number' && vars?.ordinal === true) message = find(`${key}_ordinal_${ordinals.select(count)}`) ?? find(`${key}_ordinal_other`);
    else if (typeof count === 'number') message = find(`${key}_${plurals.select(count)}`) ?? find(`${key}_other`);
    message ??= find(key);
    if (message === undefined) return key;
    return message.replace(PLACEHOLDER, (whole: string, name: string, format: string | undefined) => {
      const value = vars?.[name];
      // Like i18next: a value not given stays visible as its placeholder (a bug to see, not a blank).
      if (value === undefined) return whole;
      return format === 'number' && typeof value === 'number' ? numbers.format(value) : String(value);
    });
  };
}

/** Languages every screen is written in; the first is the default and the fallback. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
/** A right-to-left pseudo locale for layout tests only (`?lang=ar-XB`): English in brackets, dir=rtl. */
export const PSEUDO_RTL = 'ar-XB';
export type AnyLocale = Locale | typeof PSEUDO_RTL;

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

/** The first of the browser's languages we have (by language: es-MX → es), English otherwise. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** Each message of a catalog bracketed (placeholders kept), to spot unlocalised text and overflow. */
export function pseudoMessages(messages: Messages): Messages {
  const out: Record<string, Record<string, string>> = {};
  for (const [ns, entries] of Object.entries(messages)) {
    out[ns] = Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, `[${v} ٭]`]));
  }
  return out;
}

export const textDirection = (locale: AnyLocale): 'rtl' | 'ltr' => (locale === PSEUDO_RTL ? 'rtl' : 'ltr');

/** A well-formed BCP 47 tag of reasonable length (en, es-ES, es-419), for `--locale` and `?locale=`. */
export function isLocaleTag(value: string): boolean {
  if (value.length > 35 || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}
