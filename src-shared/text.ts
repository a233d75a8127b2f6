/**
 * Plain-text normalisation for anything a person typed. Lengths are counted in code points, so an emoji
 * or an accented letter counts as one character, as a person would count it.
 */

// C0/C1 control characters except tab and newline, and the Unicode bidi "isolate/override" controls are
// kept (they are legitimate in RTL text); only invisible control codes that break layouts are removed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHAR_REGEX = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function cleanText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(CONTROL_CHAR_REGEX, '').trim();
}

export function charCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
