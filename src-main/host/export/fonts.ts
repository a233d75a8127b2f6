/**
 * Bundled fonts for the PDF minutes. pdfkit does no font fallback, so every piece of text is split into
 * runs by which bundled font has a glyph for it (see pdf-layout.ts). The fonts are the Noto families
 * shipped as npm packages (@fontsource/*, SIL OFL), which are app dependencies and therefore present in
 * node_modules at run time; nothing is copied into resources/. They are WOFF 1 files, which fontkit (the
 * font engine pdfkit uses) reads directly; pdfkit embeds only the glyphs used, as a subset.
 *
 * Fallback chain, first font with the glyph wins:
 *   Noto Sans (Latin, Latin Extended, Greek, Cyrillic, Vietnamese, Devanagari)
 *   → Noto Sans Hebrew → Noto Sans Arabic → Noto Emoji (monochrome outlines) → Noto Sans SC (CJK).
 * Fontsource ships each family in unicode-range slices (Noto Sans SC in ~100); `unicode.json` in each
 * package says which slice covers which code points, so only the slices a document needs are read.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

/** The part of a fontkit font the exporters use. */
export interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string, features?: Record<string, boolean>): { advanceWidth: number; glyphs: Array<{ id: number; codePoints: number[] }> };
}

export type Weight = 400 | 700;

export interface Face {
  /** Unique name the face is registered under in a PDF document, e.g. "noto-sans-arabic/arabic/400". */
  key: string;
  family: string;
  font: FontkitFont;
  /** Arabic needs its mark decomposition (ccmp) off, or extracted text gets glyphs without code points. */
  features: Record<string, boolean> | undefined;
}

interface Slice {
  pkg: string;
  subset: string;
  family: string;
  ranges: Array<[number, number]>;
  /** Weights that exist for this package (emoji has one look only). */
  weights: readonly Weight[];
}

const req = createRequire(import.meta.url);
const fontkit = createRequire(req.resolve('pdfkit'))('fontkit') as { create(data: Buffer): FontkitFont };

/** The packages, in fallback order; `subsets` limits and orders the slices used (default: all). */
const CHAIN: Array<{ pkg: string; family: string; subsets?: string[]; weights: readonly Weight[] }> = [
  {
    pkg: 'noto-sans',
    family: 'Noto Sans',
    subsets: ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese', 'devanagari'],
    weights: [400, 700],
  },
  { pkg: 'noto-sans-hebrew', family: 'Noto Sans Hebrew', subsets: ['hebrew'], weights: [400, 700] },
  { pkg: 'noto-sans-arabic', family: 'Noto Sans Arabic', subsets: ['arabic', 'symbols', 'math'], weights: [400, 700] },
  // The whole emoji font is one 560 KB file ("emoji"); its ZWJ sequences need the whole font anyway.
  { pkg: 'noto-emoji', family: 'Noto Emoji', subsets: ['emoji'], weights: [400] },
  { pkg: 'noto-sans-sc', family: 'Noto Sans SC', weights: [400, 700] },
];

let slices: Slice[] | null = null;

function parseRanges(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
    const a = parseInt(lo as string, 16);
    return [a, hi === undefined ? a : parseInt(hi, 16)] as [number, number];
  });
}

function loadSlices(): Slice[] {
  if (slices) return slices;
  const out: Slice[] = [];
  for (const entry of CHAIN) {
    const unicode = JSON.parse(readFileSync(req.resolve(`@fontsource/${entry.pkg}/unicode.json`), 'utf8')) as Record<string, string>;
    const names = entry.subsets ?? Object.keys(unicode);
    for (const name of names) {
      const subset = name.replace(/^\[|\]$/g, '');
      const spec = unicode[name] ?? unicode[`[${subset}]`];
      // The emoji package's whole-font file has no unicode.json entry: it covers everything it has.
      const ranges: Array<[number, number]> = spec ? parseRanges(spec) : [[0, 0x10ffff]];
      out.push({ pkg: entry.pkg, subset, family: entry.family, ranges, weights: entry.weights });
    }
  }
  slices = out;
  return out;
}

/**
 * WOFF 1 → plain TrueType/OpenType, with node's native zlib. fontkit reads WOFF itself but inflates tables
 * in JavaScript (tiny-inflate), which made the first export of a session ~0.7 s slower.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.readUInt32BE(e), checksum: woff.readUInt32BE(e + 16), data: compLength < origLength ? inflateSync(raw) : raw });
  }
  let pos = 12 + 16 * numTables;
  const header = Buffer.alloc(pos);
  header.writeUInt32BE(woff.readUInt32BE(4), 0); // flavor (sfnt version)
  header.writeUInt16BE(numTables, 4);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= numTables) {
    pow *= 2;
    log++;
  }
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(log, 8);
  header.writeUInt16BE(numTables * 16 - pow * 16, 10);
  const parts: Buffer[] = [header];
  tables.forEach((t, i) => {
    const e = 12 + i * 16;
    header.writeUInt32BE(t.tag, e);
    header.writeUInt32BE(t.checksum, e + 4);
    header.writeUInt32BE(pos, e + 8);
    header.writeUInt32BE(t.data.length, e + 12);
    const padded = (t.data.length + 3) & ~3;
    parts.push(t.data, Buffer.alloc(padded - t.data.length));
    pos += padded;
  });
  return Buffer.concat(parts);
}

const faces = new Map<string, Face | null>();

function openFace(slice: Slice, weight: Weight): Face | null {
  const w = slice.weights.includes(weight) ? weight : (slice.weights[0] as Weight);
  const key = `${slice.pkg}/${slice.subset}/${w}`;
  const known = faces.get(key);
  if (known !== undefined) return known;
  let face: Face | null = null;
  try {
    const file = req.resolve(`@fontsource/${slice.pkg}/files/${slice.pkg}-${slice.subset}-${w}-normal.woff`);
    const font = fontkit.create(woffToSfnt(readFileSync(file)));
    face = { key, family: slice.family, font, features: slice.pkg === 'noto-sans-arabic' ? { ccmp: false } : undefined };
  } catch {
    face = null; // a missing slice only means fewer glyphs, never a failed export
  }
  faces.set(key, face);
  return face;
}

const byCodePoint: Array<Map<number, Face | null>> = [new Map(), new Map()];

/** The first font in the chain with a glyph for `cp` (null if none has one). */
export function faceFor(cp: number, bold = false): Face | null {
  const cache = byCodePoint[bold ? 1 : 0] as Map<number, Face | null>;
  const hit = cache.get(cp);
  if (hit !== undefined) return hit;
  let found: Face | null = null;
  for (const slice of loadSlices()) {
    if (!slice.ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) continue;
    const face = openFace(slice, bold ? 700 : 400);
    if (face && face.font.hasGlyphForCodePoint(cp)) {
      found = face;
      break;
    }
  }
  cache.set(cp, found);
  return found;
}

/** The base text face (Noto Sans, Latin slice). */
export function baseFace(bold = false): Face {
  const face = faceFor(0x41, bold);
  if (!face) throw new Error('The bundled Noto Sans font is missing (@fontsource/noto-sans).');
  return face;
}

/** Font family names for DOCX runs: Word and LibreOffice pick the per-script font themselves. */
export const DOCX_FONTS = {
  ascii: 'Noto Sans',
  hAnsi: 'Noto Sans',
  eastAsia: 'Noto Sans SC',
  cs: 'Arial',
  mono: 'Courier New',
} as const;

/** The PDF's monospace font for the hash: Courier, one of the 14 standard PDF fonts (hex digits only). */
export const PDF_MONO_FONT = 'Courier';
