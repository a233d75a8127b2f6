import { LIMITS } from '../../src-shared/limits';
import { charCount, cleanText } from '../../src-shared/text';
import { t } from '../ui/i18n';

export type AskCheck = { ok: true; text: string; name: string | undefined } | { ok: false; error: string };

/** The same limits the host enforces, checked before sending so the message is immediate. */
export function checkAsk(rawText: string, rawName: string): AskCheck {
  const text = cleanText(rawText);
  const name = cleanText(rawName).replace(/\s+/g, ' ');
  if (charCount(text) === 0) return { ok: false, error: t('phone.writeFirst') };
  if (charCount(text) > LIMITS.questionTextMax) {
    return { ok: false, error: t('phone.questionTooLong', { max: LIMITS.questionTextMax }) };
  }
  if (charCount(name) > LIMITS.nameMax) return { ok: false, error: t('phone.nameTooLong', { max: LIMITS.nameMax }) };
  return { ok: true, text, name: name === '' ? undefined : name };
}
