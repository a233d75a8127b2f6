import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import * as en from '../../../src-shared/i18n/en.js';
import * as es from '../../../src-shared/i18n/es.js';
import { createTranslate, type Locale, type Translate } from '../../../src-shared/i18n/format.js';
import { layoutText, PdfText, type TextStyle } from '../export/pdf-layout.js';

/**
 * The printable handout: one A4 page for tables and the back of the hall, with the QR (drawn as vector
 * squares, sharp at any print size), the address to type, and the code in large type. The title is the
 * facilitator's text and is drawn as glyphs with the bundled fonts, like the minutes.
 */

export interface HandoutFacts {
  title: string;
  place: string;
  /** http://<address>:<port>/j/<CODE> */
  joinUrl: string;
  code: string;
  /** The projector's language first; a second one when the projector shows the join call in both. */
  languages: readonly Locale[];
  /** Where the record will be published (issue 19); empty when not set yet. */
  recordUrl?: string;
}

const handoutText = (locale: Locale): Translate =>
  createTranslate(locale, { handout: locale === 'es' ? es.handout : en.handout }, { handout: en.handout });

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const WIDTH = PAGE.width - 2 * MARGIN;
const INK = '#111111';
const ACCENT = '#1f3a5f';
const MUTED = '#555555';

/** "http://192.168.1.5:4321/j/ABC234" → "192.168.1.5:4321": what people type before the code. */
export function shortUrl(joinUrl: string): string {
  try {
    return new URL(joinUrl).host;
  } catch {
    return joinUrl;
  }
}

export function renderHandoutPdf(facts: HandoutFacts): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    try {
      const doc = new PDFDocument({
        size: 'A4',
        margin: MARGIN,
        info: { Title: `Join: ${facts.title}`, Author: 'Open Floor', Creator: 'Open Floor' },
        lang: facts.languages[0] ?? 'en',
      });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      doc.on('error', reject);
      draw(doc, facts);
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

function draw(doc: PDFKit.PDFDocument, f: HandoutFacts): void {
  const text = new PdfText(doc);
  let y = MARGIN;
  const block = (s: string, style: TextStyle, gap = 8) => {
    const lines = layoutText([{ text: s, style }], WIDTH);
    y = text.drawLines(lines, MARGIN, y, WIDTH, 'center') + gap;
  };
  // Each sentence in the first language, then (smaller) in the second when there is one.
  const [first = handoutText('en'), second]: Array<Translate | undefined> = f.languages.map(handoutText);
  const say = (key: string, style: TextStyle, gap = 8) => {
    block(first(`handout.${key}`), style, second !== undefined ? 2 : gap);
    if (second !== undefined) block(second(`handout.${key}`), { ...style, size: Math.round(style.size * 0.85) }, gap);
  };
  say('joinTitle', { size: 16, color: MUTED }, 4);
  block(f.title, { size: 24, bold: true, color: ACCENT }, f.place ? 2 : 14);
  if (f.place) block(f.place, { size: 13, color: MUTED }, 14);

  // The QR, centred, about 9 cm wide; a quiet zone of 4 modules is left white around it.
  const qr = QRCode.create(f.joinUrl, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = 300;
  const cell = side / (n + 8);
  const x0 = (PAGE.width - side) / 2 + 4 * cell;
  const y0 = y + 4 * cell;
  doc.save().fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x0 + c * cell, y0 + r * cell, cell + 0.01, cell + 0.01);
    }
  }
  doc.fill().restore();
  y += side + 12;

  say('scan', { size: 13, color: INK }, 2);
  block(shortUrl(f.joinUrl), { size: 28, bold: true, color: INK }, 10);
  say('typeCode', { size: 13, color: INK }, 0);
  block(f.code, { size: 64, bold: true, color: ACCENT }, 12);
  say('sameWifi', { size: 11, color: MUTED });
  if (f.recordUrl) {
    say('recordAt', { size: 11, color: MUTED }, 2);
    block(f.recordUrl, { size: 12, bold: true, color: INK });
  }
}
