import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import * as en from '../src-shared/i18n/en';
import * as es from '../src-shared/i18n/es';
import { ADVICE, DIAGNOSIS_TEXT, FIREWALL_STEPS, INTERFACE_KIND_LABEL, IPV6_ONLY_TEXT } from '../src-shared/venue';
import { createTranslate, pickLocale, placeholders, pseudoMessages, type Messages } from '../src-shared/i18n/format';

const catalogs: Record<string, Messages> = { en: { ...en }, es: { ...es } };

const keysOf = (m: Messages): string[] => Object.entries(m).flatMap(([ns, entries]) => Object.keys(entries).map((k) => `${ns}.${k}`)).sort();
const message = (m: Messages, key: string): string | undefined => {
  const dot = key.indexOf('.');
  return m[key.slice(0, dot)]?.[key.slice(dot + 1)];
};

describe('message catalogs', () => {
  it('Spanish has every English key and no other', () => {
    expect(keysOf(catalogs.es as Messages)).toEqual(keysOf(catalogs.en as Messages));
  });

  it('every translation uses the same placeholders as the English, and none is empty', () => {
    const problems: string[] = [];
    for (const key of keysOf(catalogs.en as Messages)) {
      const source = message(catalogs.en as Messages, key) ?? '';
      const translated = message(catalogs.es as Messages, key) ?? '';
      if (translated.trim() === '' || source.trim() === '') problems.push(`${key}: empty`);
      if (placeholders(source).join() !== placeholders(translated).join()) {
        problems.push(`${key}: en {${placeholders(source).join()}} vs es {${placeholders(translated).join()}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the check itself notices a missing key and a changed placeholder', () => {
    const broken: Messages = { phone: { ...es.phone, questionTooLong: 'Máximo {{limite}} caracteres.' } };
    expect(placeholders(message(broken, 'phone.questionTooLong') ?? '')).not.toEqual(placeholders(en.phone.questionTooLong));
    const { joinCall: _dropped, ...rest } = es.projector;
    expect(keysOf({ projector: rest })).not.toEqual(keysOf({ projector: en.projector }));
  });

  it('plural keys have the forms English and Spanish need', () => {
    for (const [locale, m] of Object.entries(catalogs)) {
      for (const key of keysOf(m).filter((k) => k.endsWith('_one'))) {
        expect(message(m, `${key.slice(0, -4)}_other`), `${locale} ${key}`).toBeDefined();
      }
    }
  });

  it('the tiny formatter says what i18next says, for every message in both languages', async () => {
    for (const locale of ['en', 'es']) {
      const instance = i18next.createInstance();
      await instance.init({
        lng: locale,
        fallbackLng: 'en',
        resources: { [locale]: { translation: catalogs[locale] }, en: { translation: catalogs.en } },
        interpolation: { escapeValue: false },
      });
      const tiny = createTranslate(locale, catalogs[locale] as Messages, catalogs.en);
      const bases = new Set(keysOf(catalogs[locale] as Messages).map((k) => k.replace(/_(one|other)$/, '')));
      for (const key of bases) {
        for (const count of [0, 1, 2, 1234567]) {
          const names = placeholders(message(catalogs[locale] as Messages, `${key}_other`) ?? message(catalogs[locale] as Messages, key) ?? '');
          const vars = { ...Object.fromEntries(names.map((p, i) => [p, 1500.5 + i])), count };
          expect(tiny(key, vars), `${locale} ${key} ${count}`).toBe(String(instance.t(key, vars)));
        }
      }
    }
  });

  it('formats numbers and plurals in the language: 1.500 votos, 1 voto, 1,500 votes', () => {
    const tEs = createTranslate('es', catalogs.es as Messages);
    const tEn = createTranslate('en', catalogs.en as Messages);
    expect(tEs('common.votes', { count: 1 })).toBe('1 voto');
    expect(tEs('common.votes', { count: 12345 })).toBe('12.345 votos');
    expect(tEn('common.votes', { count: 1500 })).toBe('1,500 votes');
    expect(tEn('projector.connected', { count: 1 })).toBe('1 person connected');
    expect(tEs('projector.joinCall')).toBe('Únase desde su teléfono');
  });

  it('ordinals through Intl.PluralRules (type ordinal), the same as i18next: 2nd, 3rd, 11th, 22nd in line', async () => {
    const tEn = createTranslate('en', catalogs.en as Messages);
    const instance = i18next.createInstance();
    await instance.init({ lng: 'en', resources: { en: { translation: catalogs.en } }, interpolation: { escapeValue: false } });
    for (const [n, text] of [[2, '2nd in line'], [3, '3rd in line'], [11, '11th in line'], [22, '22nd in line'], [101, '101st in line']] as const) {
      expect(tEn('phone.placeInLine', { count: n, ordinal: true })).toBe(text);
      expect(instance.t('phone.placeInLine', { count: n, ordinal: true })).toBe(text);
    }
    expect(createTranslate('es', catalogs.es as Messages)('phone.placeInLine', { count: 3, ordinal: true })).toBe('Puesto 3 en la lista');
  });

  it('falls back to English, then to the key, and brackets the pseudo locale', () => {
    const partial = createTranslate('es', { phone: {} }, catalogs.en);
    expect(partial('phone.join')).toBe('Join');
    expect(partial('phone.nope')).toBe('phone.nope');
    const pseudo = createTranslate('en', pseudoMessages(catalogs.en));
    expect(pseudo('phone.questionTooLong', { max: 280 })).toBe('[A question can be at most 280 characters. ٭]');
  });

  it('the console’s English venue help says what open-floor doctor says (src-shared/venue.ts)', () => {
    const tEn = createTranslate('en', catalogs.en as Messages);
    for (const a of Object.values(ADVICE)) {
      expect(tEn(`console.advice_${a.id}_title`)).toBe(a.title);
      if (a.id !== 'ipv6') expect(tEn(`console.advice_${a.id}_text`)).toBe(a.text);
    }
    expect(tEn('console.ipv6Only')).toBe(IPV6_ONLY_TEXT);
    expect(tEn('console.noSync')).toBe(DIAGNOSIS_TEXT['no-sync']);
    expect([tEn('console.fw_win32'), tEn('console.fw_darwin'), tEn('console.fw_linux', { port: '4321' })]).toEqual([FIREWALL_STEPS.win32, FIREWALL_STEPS.darwin, FIREWALL_STEPS.linux]);
    for (const [kind, label] of Object.entries(INTERFACE_KIND_LABEL)) expect(tEn(`console.iface_${kind}`)).toBe(label);
  });

  it('picks the browser language when we have it, English otherwise', () => {
    expect(pickLocale(['es-ES', 'en'])).toBe('es');
    expect(pickLocale(['fr-FR', 'es-MX'])).toBe('es');
    expect(pickLocale(['de-DE'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
