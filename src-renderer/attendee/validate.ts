import { LIMITS } from '../../src-shared/limits';
import { charCount, cleanText } from '../../src-shared/text';

export type AskCheck = { ok: true; text: string; name: string | undefined } | { ok: false; error: string };

/** The same limits the host enforces, checked before sending so the message is immediate. */
export function checkAsk(rawText: string, rawName: string): AskCheck {
  const text = cleanText(rawText);
  const name = cleanText(rawName).replace(/\s+/g, ' ');
  if (charCount(text) === 0) return { ok: false, error: 'Write your question first.' };
  if (charCount(text) > LIMITS.questionTextMax) {
    return { ok: false, error: `A question can be at most ${LIMITS.questionTextMax} characters.` };
  }
  if (charCount(name) > LIMITS.nameMax) return { ok: false, error: `A name can be at most ${LIMITS.nameMax} characters.` };
  return { ok: true, text, name: name === '' ? undefined : name };
}
