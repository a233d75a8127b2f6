import { t } from '../i18n';

/** "1st", "2nd", "3rd", "4th", "11th", "22nd" … (English; the UI is in English today). */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** "3:00 per speaker" style speaking time. */
export function speakingTime(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A speaker as screens name them: the name they gave, or "Speaker N" in the screen's language. */
export function speakerName(s: { name: string; number: number }): string {
  return s.name || t('common.speakerN', { n: s.number });
}
