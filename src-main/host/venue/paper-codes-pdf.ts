import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import * as en from '../../../src-shared/i18n/en.js';
import * as es from '../../../src-shared/i18n/es.js';
import { createTranslate, type Locale, type Translate } from '../../../src-shared/i18n/format.js';
import { displayPaperCode, PAPER_CODE_QUERY } from '../../../src-shared/features/paper-codes/format.js';
import { layoutText, PdfText, type TextStyle } from '../export/pdf-layout.js';
import { shortUrl } from './handout.js';

/**
 * Paper slips with single-use codes (issue 9): eight to an A4 page, with cut lines. Each slip has the
 * meeting's title, its own code in large type, its number, and a QR that joins with the code already in
 * it; the words say how to join without the QR. In the projector's language, and in both when the
 * projector's join call is bilingual (like the handout).
 */
export interface PaperSlipFacts {
  title: string;
  /** http://<address>:<port>/j/<CODE> */
  joinUrl: string;
  joinCode: string;
  codes: ReadonlyArray<{ number: number; code: string }>;
  languages: readonly Locale[];
}

const slipText = (locale: Locale): Translate =>
  createTranslate(locale, { paperSlip: locale === 'es' ? es.paperSlip : en.paperSlip }, { paperSlip: en.paperSlip });

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const COLUMNS = 2;
/** Four rows of slips in one language; three when each slip says everything in two. */
const rowsFor = (languages: number): number => (languages > 1 ? 3 : 4);
const SLIP_W = (PAGE.width - 2 * MARGIN) / COLUMNS;
const PAD = 12;
const QR_SIDE = 88;
const INK = '#111111';
const ACCENT = '#1f3a5f';
const MUTED = '#555555';


/** The link a slip's QR opens: the join link with the paper code in it. */
const slipUrl = (joinUrl: string, code: string): string => `${joinUrl}?${PAPER_CODE_QUERY}=${code}`;

/** Yields to the event loop after every page: 1,000 slips take about a second, and phones are waiting. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function renderPaperCodesPdf(facts: PaperSlipFacts): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Title: `Paper codes: ${facts.title}`, Author: 'Open Floor', Creator: 'Open Floor' },
    lang: facts.languages[0] ?? 'en',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const text = new PdfText(doc);
  const words = facts.languages.length > 0 ? facts.languages.map(slipText) : [slipText('en')];
  const rows = rowsFor(words.length);
  const slipHeight = (PAGE.height - 2 * MARGIN) / rows;
  for (const [i, c] of facts.codes.entries()) {
    const place = i % (COLUMNS * rows);
    if (place === 0) {
      if (i > 0) await nextTurn();
      doc.addPage();
      cutLines(doc, rows, slipHeight);
    }
    const x = MARGIN + (place % COLUMNS) * SLIP_W;
    const y = MARGIN + Math.floor(place / COLUMNS) * slipHeight;
    drawSlip(doc, text, words, facts, c, x, y);
  }
  doc.end();
  return done;
}

function cutLines(doc: PDFKit.PDFDocument, rows: number, slipHeight: number): void {
  doc.save().lineWidth(0.5).strokeColor('#999999').dash(4, { space: 4 });
  for (let c = 0; c <= COLUMNS; c++) doc.moveTo(MARGIN + c * SLIP_W, MARGIN).lineTo(MARGIN + c * SLIP_W, PAGE.height - MARGIN);
  for (let r = 0; r <= rows; r++) doc.moveTo(MARGIN, MARGIN + r * slipHeight).lineTo(PAGE.width - MARGIN, MARGIN + r * slipHeight);
  doc.stroke().undash().restore();
}

function drawSlip(
  doc: PDFKit.PDFDocument,
  text: PdfText,
  words: readonly Translate[],
  f: PaperSlipFacts,
  c: { number: number; code: string },
  x: number,
  y: number,
): void {
  const inner = SLIP_W - 2 * PAD;
  let top = y + PAD;
  const block = (s: string, style: TextStyle, left: number, width: number, gap: number): void => {
    top = text.drawLines(layoutText([{ text: s, style }], width), left, top, width, 'start') + gap;
  };
  // The title in at most two lines: the slip's room is for the code.
  const titleLines = layoutText([{ text: f.title, style: { size: 10, bold: true, color: ACCENT } }], inner).slice(0, 2);
  top = text.drawLines(titleLines, x + PAD, top, inner, 'start') + 6;

  const qrTop = top;
  drawQr(doc, slipUrl(f.joinUrl, c.code), x + PAD, qrTop, QR_SIDE);
  const right = x + PAD + QR_SIDE + 10;
  const rightWidth = inner - QR_SIDE - 10;
  for (const tr of words) block(tr('paperSlip.yourCode'), { size: 8, color: MUTED }, right, rightWidth, 1);
  block(displayPaperCode(c.code), { size: 20, bold: true, color: INK }, right, rightWidth, 2);
  block((words[0] ?? slipText('en'))('paperSlip.number', { n: c.number }), { size: 8, color: MUTED }, right, rightWidth, 0);

  top = Math.max(top, qrTop + QR_SIDE) + 6;
  for (const tr of words) {
    block(tr('paperSlip.how', { address: shortUrl(f.joinUrl), code: f.joinCode }), { size: 7, color: INK }, x + PAD, inner, 1);
    block(tr('paperSlip.oneCode'), { size: 7, bold: true, color: INK }, x + PAD, inner, 4);
  }
}

/** A QR as filled squares (vector, sharp when printed), each row's dark runs drawn as one rectangle. */
function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, side: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = side / (n + 2);
  doc.save().fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; ) {
      if (!qr.modules.get(r, col)) {
        col++;
        continue;
      }
      let end = col;
      while (end < n && qr.modules.get(r, end)) end++;
      doc.rect(x + (col + 1) * cell, y + (r + 1) * cell, (end - col) * cell + 0.01, cell + 0.01);
      col = end;
    }
  }
  doc.fill().restore();
}
