/**
 * A poll's chart in the PDF and the DOCX (issue 8). PDF: horizontal vector bars, one per option, with the
 * option, its count and its percentage written as text beside it (values never by colour alone). DOCX:
 * the PNG bar panel of chart.ts (bars numbered like the rows of the option table under it).
 */
import type { MinutesPoll } from '../../../src-shared/features/polls/minutes.js';
import { niceMax, QUESTION_COLOR, renderChartPng, type ChartPanel } from './chart.js';
import { layoutText, linesHeight, type PdfText } from './pdf-layout.js';

const AXIS = '#555555';
const TRACK = '#eef1f5';

/** Draws the bars from `top`; returns the height used. */
export function drawPollChartPdf(doc: PDFKit.PDFDocument, text: PdfText, poll: MinutesPoll, x: number, top: number, width: number): number {
  const labelW = Math.min(200, width * 0.38);
  const valueW = 80;
  const barX = x + labelW + 8;
  const barW = width - labelW - valueW - 16;
  const max = Math.max(1, ...poll.options.map((o) => o.count));
  let y = top;
  poll.options.forEach((o, i) => {
    const label = layoutText([{ text: `${i + 1}. ${o.label}`, style: { size: 9, color: '#111111' } }], labelW);
    const rowH = Math.max(16, linesHeight(label));
    text.drawLines(label, x, y + 1, labelW, 'left');
    doc.rect(barX, y + 2, barW, 11).fill(TRACK);
    const w = (o.count / max) * barW;
    if (w > 0) doc.rect(barX, y + 2, w, 11).fill(QUESTION_COLOR);
    const value = layoutText([{ text: `${o.count} · ${o.percent} %`, style: { size: 9, bold: true, color: AXIS } }], valueW);
    text.drawLines(value, barX + barW + 8, y + 1, valueW, 'right');
    y += rowH + 4;
  });
  return y - top;
}

/** The poll as one PNG panel (bars numbered 1..n like the option table). */
export function pollChartPng(poll: MinutesPoll, title: string): Uint8Array {
  const values = poll.options.map((o) => o.count);
  const panel: ChartPanel = { title, color: QUESTION_COLOR, values, max: niceMax(Math.max(0, ...values)) };
  return renderChartPng(
    panel,
    poll.options.map((_, i) => String(i + 1)),
    poll.options.map(() => true),
  );
}

/** Worst case height of the PDF chart, to keep it with its heading. */
export const pollChartPdfHeight = (poll: MinutesPoll): number => poll.options.length * 24;
