/**
 * Text layout for the PDF minutes (src-main/host/export/pdf-layout.ts): bidi levels from bidi-js (UAX #9)
 * and break opportunities from linebreak (UAX #14), on the pieces and lines the PDF draws.
 */
import { describe, expect, it } from 'vitest';
import { layoutText, textWidth, type Line } from '../src-main/host/export/pdf-layout.js';
import { baseFace } from '../src-main/host/export/fonts.js';

const style = { size: 10 };
const lay = (text: string, width = 1000, opts: { rtl?: boolean } = {}): Line[] => layoutText([{ text, style }], width, opts);
/** Each piece as "text@level", trailing-space pieces included. */
const pieces = (line: Line) => line.pieces.map((p) => `${p.text}@${p.level}`);
const texts = (lines: Line[]) => lines.map((l) => l.pieces.map((p) => p.text).join(''));

describe('bidi levels', () => {
  it('takes the paragraph direction from the first strong character', () => {
    expect(lay('Hello שלום')[0]?.baseLevel).toBe(0);
    expect(lay('שלום Hello')[0]?.baseLevel).toBe(1);
    expect(lay('123 مرحبا')[0]?.baseLevel).toBe(1);
    expect(lay('Hello', 1000, { rtl: true })[0]?.baseLevel).toBe(1);
  });

  it('keeps numbers left to right inside right-to-left text, and Latin words at an even level', () => {
    const [line] = lay('שלום 123 עולם abc');
    expect(line?.baseLevel).toBe(1);
    const levels = Object.fromEntries(line!.pieces.map((p) => [p.text.trim(), p.level]));
    expect(levels['שלום']! % 2).toBe(1);
    expect(levels['123']).toBe(2);
    expect(levels['abc']).toBe(2);
  });

  it('resolves neutrals between two right-to-left words as right to left, and at the edge to the paragraph', () => {
    // (The space is a piece of its own: spaces are drawn in the base font.)
    expect(pieces(lay('abc שלום עולם!')[0]!)).toEqual(['abc @0', 'שלום@1', ' @1', 'עולם@1', '!@0']);
  });

  it('honours isolates (their control characters are not drawn)', () => {
    const [line] = lay('abc \u2067שלום 1\u2069 def');
    expect(line?.baseLevel).toBe(0);
    const text = line!.pieces.map((p) => p.text).join('');
    expect(text).toBe('abc שלום 1 def');
    expect(line!.pieces.find((p) => p.text.includes('שלום'))?.level).toBe(1);
    expect(line!.pieces.find((p) => p.text === '1')?.level).toBe(2);
    // Text inside an isolate does not set the paragraph direction (UAX #9 rule P2).
    expect(lay('\u2067שלום\u2069 abc')[0]?.baseLevel).toBe(0);
  });
});

describe('line breaking', () => {
  const w = (s: string) => textWidth(baseFace(), s, style.size);

  it('breaks after spaces and keeps each line within the width', () => {
    const text = 'budget road school park library council tax bus bike lane';
    const lines = lay(text, w('budget road school'));
    expect(texts(lines)).toEqual(['budget road school', 'park library council', 'tax bus bike lane']);
    for (const l of lines) expect(l.width).toBeLessThanOrEqual(w('budget road school') + 0.001);
  });

  it('breaks between CJK characters but not before closing punctuation', () => {
    const lines = lay('漢字漢字漢字。', 25);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.pieces.map((p) => p.text).join('').startsWith('。')).toBe(false);
    expect(texts(lines).join('')).toBe('漢字漢字漢字。');
  });

  it('may break after a hyphen, and splits a word longer than the line by grapheme', () => {
    expect(texts(lay('bike-lane', w('bike-l')))).toEqual(['bike-', 'lane']);
    const long = lay('Größenordnungsänderung', w('Größe'));
    expect(texts(long).join('')).toBe('Größenordnungsänderung');
    for (const l of long) expect(l.width).toBeLessThanOrEqual(w('Größe') + 0.001);
  });

  it('starts a new line at "\\n" and drops trailing spaces at a line end', () => {
    expect(texts(lay('one  \ntwo'))).toEqual(['one', 'two']);
  });
});
