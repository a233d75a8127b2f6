/**
 * The small participation chart: questions asked and votes cast per time interval (`participation.timeline`),
 * as two bar panels (their scales differ by orders of magnitude, so they do not share an axis).
 *
 * Drawn without a browser: vector paths with pdfkit in the PDF, and in the DOCX a PNG drawn here pixel by
 * pixel and encoded with pngjs (a PNG picture renders the same in Word and LibreOffice, unlike DrawingML
 * shapes). The PNG carries only digits (axis values and 24-hour times, from a built-in 5×7 pixel font); its
 * titles and legend are text in the document.
 */
import { PNG } from 'pngjs';
import type { Participation } from '../../../src-shared/minutes/model.js';
import type { PdfText } from './pdf-layout.js';
import { layoutText } from './pdf-layout.js';

export interface ChartPanel {
  title: string;
  color: string;
  values: number[];
  /** Top of the axis: a "nice" number ≥ the largest value. */
  max: number;
}

export interface ChartData {
  /** Start time label per bar. */
  labels: string[];
  /** Which bars get a time label under them (at most ~6, evenly spread). */
  labelled: boolean[];
  panels: [ChartPanel, ChartPanel];
}

export const QUESTION_COLOR = '#2f6fb3';
export const VOTE_COLOR = '#d9822b';

/** Top of an axis: 2, 4, 6, 8, 10, 12, 16, 20, 30, 40, 60, 80, 100, 120, … (even, so half of it is whole). */
export function niceMax(n: number): number {
  if (n <= 2) return 2;
  for (let pow = 1; ; pow *= 10) {
    for (const m of pow === 1 ? [2, 4, 6, 8] : [1, 1.2, 1.6, 2, 3, 4, 6, 8]) if (Math.round(m * pow) >= n) return Math.round(m * pow);
  }
}

export function chartData(p: Participation, timeLabel: (at: number) => string, titles: { questions: string; votes: string }): ChartData | null {
  if (p.timeline.length === 0) return null;
  const labels = p.timeline.map((b) => timeLabel(b.start));
  const step = Math.max(1, Math.ceil(labels.length / 6));
  const labelled = labels.map((_, i) => i % step === 0);
  const q = p.timeline.map((b) => b.questions);
  const v = p.timeline.map((b) => b.votes);
  return {
    labels,
    labelled,
    panels: [
      { title: titles.questions, color: QUESTION_COLOR, values: q, max: niceMax(Math.max(0, ...q)) },
      { title: titles.votes, color: VOTE_COLOR, values: v, max: niceMax(Math.max(0, ...v)) },
    ],
  };
}

// ---- PDF (vector) --------------------------------------------------------------------------------------

const AXIS = '#555555';
const GRID = '#dddddd';

/** Draws both panels from `top`; returns the height used. */
export function drawChartPdf(doc: PDFKit.PDFDocument, text: PdfText, data: ChartData, x: number, top: number, width: number): number {
  const panelHeight = 92;
  const gap = 14;
  const axisWidth = 34;
  let y = top;
  for (const panel of data.panels) {
    const titleLines = layoutText([{ text: panel.title, style: { size: 9, bold: true, color: '#222222' } }], width - 14);
    doc.rect(x, y + 2, 8, 8).fill(panel.color);
    y = text.drawLines(titleLines, x + 12, y, width - 12, 'left') + 2;
    const plotX = x + axisWidth;
    const plotW = width - axisWidth;
    const plotH = panelHeight - 32;
    const plotTop = y + 4;
    const plotBottom = plotTop + plotH;
    // Grid and axis values (0, half, max).
    for (const f of [0, 0.5, 1]) {
      const gy = plotBottom - f * plotH;
      doc.moveTo(plotX, gy).lineTo(plotX + plotW, gy).lineWidth(0.5).strokeColor(f === 0 ? AXIS : GRID).stroke();
      const value = panel.max * f;
      const label = Number.isInteger(value) ? String(value) : value.toFixed(1);
      const lines = layoutText([{ text: label, style: { size: 7, color: AXIS } }], axisWidth - 4);
      text.drawLines(lines, x, gy - 5, axisWidth - 4, 'right');
    }
    const n = panel.values.length;
    const slot = plotW / n;
    const barW = Math.max(1, slot * 0.72);
    panel.values.forEach((value, i) => {
      const h = panel.max > 0 ? (value / panel.max) * plotH : 0;
      if (h > 0) doc.rect(plotX + i * slot + (slot - barW) / 2, plotBottom - h, barW, h).fill(panel.color);
    });
    // Time labels under the bars.
    data.labels.forEach((label, i) => {
      if (!data.labelled[i]) return;
      const lines = layoutText([{ text: label, style: { size: 7, color: AXIS } }], 60);
      text.drawLines(lines, plotX + i * slot + slot / 2 - 30, plotBottom + 3, 60, 'center');
    });
    y = plotBottom + 16 + gap;
  }
  return y - top;
}

// ---- PNG (raster, for DOCX) -------------------------------------------------------------------------------

/** 5×7 pixel digits for axis values and times. */
const GLYPHS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  ':': ['00000', '00100', '00100', '00000', '00100', '00100', '00000'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
};

/** White RGBA pixels to draw on; encoded as an 8-bit RGB PNG (the alpha is always opaque and left out). */
class Raster {
  private readonly image: PNG;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.image = new PNG({ width, height });
    this.image.data.fill(255);
  }

  rect(x: number, y: number, w: number, h: number, color: string): void {
    const r = parseInt(color.slice(1, 3), 16);
    const g = parseInt(color.slice(3, 5), 16);
    const b = parseInt(color.slice(5, 7), 16);
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    const px = this.image.data;
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 4;
        px[i] = r;
        px[i + 1] = g;
        px[i + 2] = b;
      }
    }
  }

  /** Digits only (other characters are skipped); `scale` pixels per font pixel. Returns the width drawn. */
  text(s: string, x: number, y: number, scale: number, color: string, align: 'left' | 'right' | 'center' = 'left'): void {
    const chars = [...s].filter((c) => GLYPHS[c]);
    const w = chars.length * 6 * scale - scale;
    let cx = align === 'left' ? x : align === 'right' ? x - w : x - w / 2;
    for (const c of chars) {
      const rows = GLYPHS[c] as string[];
      rows.forEach((row, ry) => {
        for (let rx = 0; rx < row.length; rx++) if (row[rx] === '1') this.rect(cx + rx * scale, y + ry * scale, scale, scale, color);
      });
      cx += 6 * scale;
    }
  }

  /** 8-bit RGB. Row filter "Up" (2): bars and grid lines are vertical, so most rows repeat the row above;
   * half the time of pngjs's adaptive filter choice, for files about a third larger (and in total about a fifth
   * smaller than the filter-0 files this module wrote before). */
  png(): Uint8Array {
    return PNG.sync.write(this.image, { colorType: 2, filterType: 2 });
  }
}

export const PNG_WIDTH = 1200;
export const PNG_HEIGHT = 300;

/** One panel as a PNG (PNG_WIDTH × PNG_HEIGHT px); `labels` must be digits and ":" (24-hour times). */
export function renderChartPng(panel: ChartPanel, labels: string[], labelled: boolean[]): Uint8Array {
  const r = new Raster(PNG_WIDTH, PNG_HEIGHT);
  const scale = 3;
  const axisW = 110;
  const plotX = axisW;
  const plotW = PNG_WIDTH - axisW - 20;
  const plotTop = 20;
  const plotH = PNG_HEIGHT - plotTop - 50;
  const plotBottom = plotTop + plotH;
  for (const f of [1, 0.5, 0]) {
    const gy = plotBottom - f * plotH;
    r.rect(plotX, gy - 1, plotW, 2, f === 0 ? AXIS : GRID);
    const value = panel.max * f;
    r.text(Number.isInteger(value) ? String(value) : value.toFixed(1), plotX - 14, gy - 10, scale, AXIS, 'right');
  }
  const n = panel.values.length;
  const slot = plotW / n;
  const barW = Math.max(2, slot * 0.72);
  panel.values.forEach((value, i) => {
    const h = panel.max > 0 ? (value / panel.max) * plotH : 0;
    if (h > 0) r.rect(plotX + i * slot + (slot - barW) / 2, plotBottom - h, barW, h, panel.color);
  });
  labels.forEach((label, i) => {
    if (labelled[i]) r.text(label, plotX + i * slot + slot / 2, plotBottom + 14, scale, AXIS, 'center');
  });
  return r.png();
}
