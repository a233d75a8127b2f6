import { useSyncExternalStore } from 'react';
import {
  createTranslate,
  isLocale,
  pickLocale,
  PSEUDO_RTL,
  pseudoMessages,
  textDirection,
  type AnyLocale,
  type Locale,
  type Messages,
  type Translate,
  type Vars,
} from '../../src-shared/i18n/format';

/** Makes a translate function for one language (the tiny formatter, or i18next on the laptop's pages). */
export type Engine = (locale: Locale, messages: Messages, fallback: Messages) => Translate;

export interface I18nSetup {
  /** The catalogs this page uses, per language (English is the fallback). */
  catalogs: Readonly<Record<Locale, Messages>>;
  /** localStorage key remembering the choice; none: the page's language is set by others (projector). */
  storageKey?: string;
  engine?: Engine;
}

const tiny: Engine = (locale, messages, fallback) => createTranslate(locale, messages, fallback);

let setup: I18nSetup = { catalogs: { en: {}, es: {} } };
let current: AnyLocale = 'en';
let translate: Translate = (key) => key;
const listeners = new Set<() => void>();
const translators = new Map<string, Translate>();

function read(key: string | undefined): string | null {
  if (!key) return null;
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function translatorFor(locale: AnyLocale): Translate {
  const cached = translators.get(locale);
  if (cached) return cached;
  const fallback = setup.catalogs.en;
  // The pseudo locale (layout tests only) always goes through the tiny formatter: English plural forms.
  const made =
    locale === PSEUDO_RTL ? createTranslate('en', pseudoMessages(fallback)) : (setup.engine ?? tiny)(locale, setup.catalogs[locale], fallback);
  translators.set(locale, made);
  return made;
}

/** The catalogs and the language, without touching the page (the pure part of initI18n; unit tests use it). */
export function loadCatalogs(options: I18nSetup, locale: AnyLocale = 'en'): void {
  setup = options;
  translators.clear();
  translate = translatorFor(locale);
  current = locale;
}

function apply(locale: AnyLocale): void {
  translate = translatorFor(locale);
  current = locale;
  document.documentElement.lang = locale;
  document.documentElement.dir = textDirection(locale);
  for (const listener of listeners) listener();
}

/**
 * Picks the page's language before the first render: `?lang=` (also the RTL pseudo locale), then the
 * remembered choice, then the browser's languages, English otherwise.
 */
export function initI18n(options: I18nSetup): AnyLocale {
  setup = options;
  translators.clear();
  const query = new URLSearchParams(location.search).get('lang');
  const stored = read(options.storageKey);
  const locale: AnyLocale =
    query === PSEUDO_RTL ? PSEUDO_RTL : isLocale(query) ? query : isLocale(stored) ? stored : pickLocale(navigator.languages ?? [navigator.language]);
  apply(locale);
  return locale;
}

/** Switches the page's language (remembered when the page has a storage key). */
export function setLocale(locale: Locale, remember = true): void {
  if (remember && setup.storageKey) {
    try {
      localStorage.setItem(setup.storageKey, locale);
    } catch {
      // Private mode: the choice lasts as long as the page.
    }
  }
  if (locale !== current) apply(locale);
}

export const getLocale = (): AnyLocale => current;
/** The locale for Intl formatting (the pseudo locale formats like English). */
export const intlLocale = (): string => (current === PSEUDO_RTL ? 'en' : current);

/** A message in the page's language. */
export const t = (key: string, vars?: Vars): string => translate(key, vars);
/** A message in a given language (the projector's second language). */
export const tIn = (locale: Locale, key: string, vars?: Vars): string => translatorFor(locale)(key, vars);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
/** Re-renders the caller when the language changes (call it in each app's root). */
export const useLocale = (): AnyLocale => useSyncExternalStore(subscribe, getLocale);

/** A number in the page's language (Intl.NumberFormat). */
export const formatNumber = (n: number): string => new Intl.NumberFormat(intlLocale()).format(n);

/** A calendar date given as YYYY-MM-DD (already in the session's zone), written the page language's way. */
export function formatIsoDate(isoDate: string): string {
  const at = Date.parse(`${isoDate}T12:00:00Z`);
  return Number.isNaN(at) ? isoDate : new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

/** A moment (epoch ms) as date and time in the page language, in this computer's zone. */
export const formatDateTime = (at: number): string => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
