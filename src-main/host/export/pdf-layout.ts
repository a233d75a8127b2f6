/**
 * Text layout for the PDF minutes: font fallback, bidi and line breaking across fonts, which pdfkit does not
 * do by itself.
 *
 * - Font runs: each character goes to the first bundled font with a glyph for it (fonts.ts). Spaces use the
 *   base font; combining marks, joiners and variation selectors stay with the font before them.
 * - Bidi: embedding levels from bidi-js (the Unicode Bidirectional Algorithm, UAX #9: paragraph direction,
 *   weak and neutral types, brackets, explicit embeddings and isolates), then rule L2 reordering of each
 *   line's runs here (runs are pieces in several fonts, not one string). The bidi control characters
 *   themselves are not drawn. Right-to-left words are drawn one by one in visual order; fontkit shapes each
 *   word (Arabic joining forms) and returns its glyphs right to left. Text extractors therefore get every
 *   word intact; whole-line order in extraction depends on the extractor's own bidi (poppler's pdftotext
 *   gives the logical order back).
 * - Line breaking: at the break opportunities of `linebreak` (the Unicode Line Breaking Algorithm, UAX #14,
 *   as pdfkit uses it); a word longer than the line is split by grapheme.
 *
 * Attendee text only ever becomes glyphs here: nothing in it is interpreted.
 */
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- linebreak ships no types; the tests' tsconfig sees its declaration only through this reference
/// <reference path="./linebreak.d.ts" />
import bidiFactory from 'bidi-js';
import LineBreaker from 'linebreak';
import { baseFace, faceFor, type Face } from './fonts.js';

type Doc = PDFKit.PDFDocument;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

export interface Span {
  text: string;
  style: TextStyle;
}

export interface Piece {
  text: string;
  face: Face;
  level: number;
  style: TextStyle;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
  height: number;
  /** Offset of the baseline from the top of the line. */
  ascent: number;
  /** 1 when the paragraph is right to left. */
  baseLevel: number;
}

const LINE_FACTOR = 1.32;
const ASCENT_FACTOR = 1.02;

// ---- character classes -------------------------------------------------------------------------------

const bidi = bidiFactory();

/** Right-to-left scripts: fontkit lays their runs out right to left itself. */
const RTL_REGEX = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const COMBINING_REGEX = /\p{M}/u;
const inRanges = (cp: number, ranges: ReadonlyArray<readonly [number, number]>) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
/** Joiners, variation selectors, tag characters and the keycap mark: they belong to the character before. */
const JOINERS = [[0x200c, 0x200d], [0xfe00, 0xfe0f], [0xe0100, 0xe01ef], [0xe0020, 0xe007f], [0x20e3, 0x20e3]] as const;
/** Default-ignorable characters: dropped when no font has them (they draw nothing). */
const IGNORABLE = [[0x200b, 0x200d], [0x2060, 0x2064], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xe0000, 0xe007f], [0xe0100, 0xe01ef], [0xad, 0xad]] as const;
const MARK_RE = { test: (ch: string) => COMBINING_REGEX.test(ch) || inRanges(ch.codePointAt(0) as number, JOINERS) };
const IGNORABLE_RE = { test: (ch: string) => inRanges(ch.codePointAt(0) as number, IGNORABLE) };
const BIDI_CONTROL_REGEX = /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/u;
const WHITESPACE_REGEX = /\s/u;

// ---- widths ------------------------------------------------------------------------------------------

const widthCache = new Map<string, number>();

/** Advance width of `text` in `face` at size 1. */
function unitWidth(face: Face, text: string): number {
  const key = `${face.key}\u0000${text}`;
  let w = widthCache.get(key);
  if (w === undefined) {
    w = face.font.layout(text, face.features).advanceWidth / face.font.unitsPerEm;
    if (widthCache.size > 200_000) widthCache.clear();
    widthCache.set(key, w);
  }
  return w;
}

export function textWidth(face: Face, text: string, size: number): number {
  return unitWidth(face, text) * size;
}

// ---- paragraph analysis -----------------------------------------------------------------------------

interface Char {
  ch: string;
  /** Whitespace: drawn as a space in the base font, and trailing spaces do not count towards a line's width. */
  space: boolean;
  style: TextStyle;
  face: Face;
  level: number;
  /** A line may break before this character. */
  breakBefore: boolean;
}

function analyse(chars: Array<{ ch: string; style: TextStyle }>, forceLevel?: number): { out: Char[]; baseLevel: number } {
  const text = chars.map((c) => c.ch).join('');
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text, forceLevel === undefined ? 'auto' : forceLevel === 1 ? 'rtl' : 'ltr');
  const baseLevel = paragraphs[0]?.level ?? forceLevel ?? 0;
  const breaks = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) breaks.add(b.position);

  const out: Char[] = [];
  let prevFace: Face | null = null;
  let offset = 0;
  let breakPending = false;
  for (const { ch, style } of chars) {
    const at = offset;
    offset += ch.length;
    // A break before a character that is not drawn moves to the next one that is.
    if (breaks.has(at)) breakPending = true;
    if (BIDI_CONTROL_REGEX.test(ch)) continue;
    const cp = ch.codePointAt(0) as number;
    const space = WHITESPACE_REGEX.test(ch);
    let face: Face | null;
    if (space) face = baseFace(style.bold);
    else if (MARK_RE.test(ch) && prevFace && prevFace.font.hasGlyphForCodePoint(cp)) face = prevFace;
    else face = faceFor(cp, style.bold);
    if (!face) {
      if (IGNORABLE_RE.test(ch)) continue; // invisible: nothing to draw
      face = prevFace ?? baseFace(style.bold); // .notdef: no bundled font has it
    }
    prevFace = face;
    out.push({ ch: space ? ' ' : ch, space, style, face, level: levels[at] as number, breakBefore: breakPending && out.length > 0 });
    breakPending = false;
  }
  return { out, baseLevel };
}

// ---- line breaking ----------------------------------------------------------------------------------

interface Unit {
  pieces: Piece[];
  width: number;
  /** Width of the unit without its trailing spaces. */
  inkWidth: number;
}

function samePiece(a: Char, p: Piece): boolean {
  return a.face === p.face && a.level === p.level && a.style === p.style;
}

function makePieces(chars: Char[]): Piece[] {
  const pieces: Piece[] = [];
  for (const c of chars) {
    const last = pieces[pieces.length - 1];
    if (last && samePiece(c, last)) last.text += c.ch;
    else pieces.push({ text: c.ch, face: c.face, level: c.level, style: c.style, width: 0 });
  }
  for (const p of pieces) p.width = textWidth(p.face, p.text, p.style.size);
  return pieces;
}

function makeUnit(chars: Char[]): Unit {
  let end = chars.length;
  while (end > 0 && (chars[end - 1] as Char).space) end--;
  const ink = makePieces(chars.slice(0, end));
  const trail = makePieces(chars.slice(end));
  const inkWidth = ink.reduce((s, p) => s + p.width, 0);
  return { pieces: [...ink, ...trail], inkWidth, width: inkWidth + trail.reduce((s, p) => s + p.width, 0) };
}

function units(chars: Char[]): Unit[] {
  const out: Unit[] = [];
  let cur: Char[] = [];
  for (const c of chars) {
    if (c.breakBefore && cur.length > 0) {
      out.push(makeUnit(cur));
      cur = [];
    }
    cur.push(c);
  }
  if (cur.length > 0) out.push(makeUnit(cur));
  return out;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Split a unit wider than a line into pieces that fit (by grapheme). */
function splitUnit(unit: Unit, maxWidth: number): Unit[] {
  const out: Unit[] = [];
  let cur: Piece[] = [];
  let curWidth = 0;
  for (const piece of unit.pieces) {
    for (const { segment } of graphemes.segment(piece.text)) {
      const w = textWidth(piece.face, segment, piece.style.size);
      if (curWidth + w > maxWidth && cur.length > 0) {
        out.push({ pieces: cur, width: curWidth, inkWidth: curWidth });
        cur = [];
        curWidth = 0;
      }
      const last = cur[cur.length - 1];
      if (last && last.face === piece.face && last.level === piece.level && last.style === piece.style) {
        last.text += segment;
        last.width += w;
      } else cur.push({ ...piece, text: segment, width: w });
      curWidth += w;
    }
  }
  if (cur.length > 0) out.push({ pieces: cur, width: curWidth, inkWidth: curWidth });
  return out;
}

function finishLine(pieces: Piece[], baseLevel: number, fallbackSize: number): Line {
  // Trailing spaces at the end of a line are not drawn (rule L1 puts them at the paragraph level).
  while (pieces.length > 0) {
    const last = pieces[pieces.length - 1] as Piece;
    const trimmed = last.text.replace(/ +$/, '');
    if (trimmed === last.text) break;
    if (trimmed === '') pieces.pop();
    else {
      last.text = trimmed;
      last.width = textWidth(last.face, trimmed, last.style.size);
      break;
    }
  }
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if (last && last.face === p.face && last.level === p.level && last.style === p.style) {
      last.text += p.text;
      last.width += p.width;
    } else merged.push({ ...p });
  }
  const size = merged.reduce((s, p) => Math.max(s, p.style.size), merged.length > 0 ? 0 : fallbackSize);
  return {
    pieces: merged,
    width: merged.reduce((s, p) => s + p.width, 0),
    height: size * LINE_FACTOR,
    ascent: size * ASCENT_FACTOR,
    baseLevel,
  };
}

/** Lays out rich text into lines of at most `maxWidth` points. "\n" starts a new paragraph line. */
export function layoutText(spans: Span[], maxWidth: number, opts: { rtl?: boolean } = {}): Line[] {
  const lines: Line[] = [];
  const fallbackSize = spans[0]?.style.size ?? 10;
  // Paragraphs: split every span at "\n".
  const paragraphs: Array<Array<{ ch: string; style: TextStyle }>> = [[]];
  for (const span of spans) {
    for (const ch of span.text) {
      if (ch === '\n') paragraphs.push([]);
      else (paragraphs[paragraphs.length - 1] as Array<{ ch: string; style: TextStyle }>).push({ ch, style: span.style });
    }
  }
  for (const para of paragraphs) {
    const { out, baseLevel } = analyse(para, opts.rtl === undefined ? undefined : opts.rtl ? 1 : 0);
    let cur: Piece[] = [];
    let curWidth = 0;
    const queue = units(out);
    for (let i = 0; i < queue.length; i++) {
      const unit = queue[i] as Unit;
      if (curWidth + unit.inkWidth <= maxWidth || (cur.length === 0 && unit.inkWidth <= maxWidth)) {
        cur.push(...unit.pieces.map((p) => ({ ...p })));
        curWidth += unit.width;
        continue;
      }
      if (cur.length > 0) {
        lines.push(finishLine(cur, baseLevel, fallbackSize));
        cur = [];
        curWidth = 0;
      }
      if (unit.inkWidth > maxWidth) {
        const parts = splitUnit(unit, maxWidth);
        for (let k = 0; k < parts.length - 1; k++) lines.push(finishLine((parts[k] as Unit).pieces, baseLevel, fallbackSize));
        const rest = parts[parts.length - 1] as Unit;
        cur = rest.pieces.map((p) => ({ ...p }));
        curWidth = rest.width;
      } else {
        cur = unit.pieces.map((p) => ({ ...p }));
        curWidth = unit.width;
      }
    }
    lines.push(finishLine(cur, baseLevel, fallbackSize));
  }
  return lines;
}

export function linesHeight(lines: Line[]): number {
  return lines.reduce((s, l) => s + l.height, 0);
}

// ---- drawing -----------------------------------------------------------------------------------------

/** Rule L2: reverse runs at each level from the highest down to the lowest odd level. */
function visualOrder(pieces: Piece[]): Piece[] {
  const out = [...pieces];
  const max = out.reduce((m, p) => Math.max(m, p.level), 0);
  const minOdd = out.reduce((m, p) => (p.level % 2 === 1 ? Math.min(m, p.level) : m), Infinity);
  for (let level = max; level >= minOdd && level >= 1; level--) {
    let i = 0;
    while (i < out.length) {
      if ((out[i] as Piece).level >= level) {
        let j = i;
        while (j < out.length && (out[j] as Piece).level >= level) j++;
        const reversed = out.slice(i, j).reverse();
        out.splice(i, j - i, ...reversed);
        i = j;
      } else i++;
    }
  }
  return out;
}

export class PdfText {
  private registered = new Set<string>();

  constructor(private readonly doc: Doc) {}

  private use(face: Face, size: number): void {
    if (!this.registered.has(face.key)) {
      // pdfkit accepts a fontkit font object as a font source; it embeds a subset of the used glyphs.
      this.doc.registerFont(face.key, face.font as unknown as string);
      this.registered.add(face.key);
    }
    this.doc.font(face.key).fontSize(size);
  }

  private run(text: string, face: Face, style: TextStyle, x: number, baseline: number): void {
    this.use(face, style.size);
    const options: PDFKit.Mixins.TextOptions = { lineBreak: false, baseline: 'alphabetic' };
    if (face.features) (options as { features?: unknown }).features = face.features;
    this.doc.fillColor(style.color ?? '#000000').text(text, x, baseline, options);
  }

  /** Draws one line; `x`..`x + width` is the box, aligned left/right/center or by direction ("start"). */
  drawLine(line: Line, x: number, top: number, width: number, align: 'start' | 'left' | 'right' | 'center' = 'start'): void {
    const baseline = top + line.ascent;
    const where = align === 'start' ? (line.baseLevel === 1 ? 'right' : 'left') : align;
    let cx = where === 'left' ? x : where === 'right' ? x + width - line.width : x + (width - line.width) / 2;
    for (const piece of visualOrder(line.pieces)) {
      if (piece.level % 2 === 0) {
        if (piece.text.trim() !== '') this.run(piece.text, piece.face, piece.style, cx, baseline);
        cx += piece.width;
        continue;
      }
      // Right to left: words (and the spaces between them) in reverse order, each word drawn by itself.
      const tokens = piece.text.split(/( +)/).filter((t) => t !== '').reverse();
      for (const token of tokens) {
        const w = textWidth(piece.face, token, piece.style.size);
        if (token.trim() !== '') {
          // fontkit lays out right-to-left script runs right to left itself; other runs (punctuation,
          // emoji) inside right-to-left text are reversed here, by grapheme, with mirrored brackets.
          const shown = RTL_REGEX.test(token)
            ? token
            : [...graphemes.segment(token)]
                .map((g) => bidi.getMirroredCharacter(g.segment) ?? g.segment)
                .reverse()
                .join('');
          this.run(shown, piece.face, piece.style, cx, baseline);
        }
        cx += w;
      }
    }
  }

  /** Draws lines top-down from `top`; returns the y after the last line. */
  drawLines(lines: Line[], x: number, top: number, width: number, align: 'start' | 'left' | 'right' | 'center' = 'start'): number {
    let y = top;
    for (const line of lines) {
      this.drawLine(line, x, y, width, align);
      y += line.height;
    }
    return y;
  }
}
