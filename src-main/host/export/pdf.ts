/**
 * PDF minutes (pdfkit, Node only). The wording comes from src-shared/minutes/wording.ts (shared with the DOCX); text is
 * laid out by pdf-layout.ts with the bundled Noto fonts, so accents, CJK, emoji, Hebrew and Arabic render
 * as glyphs, not boxes. All attendee text is drawn as plain glyph runs: nothing in it is interpreted, and the
 * document has no links, forms or scripts.
 *
 * Layout: A4, title block, a "Provisional" banner when the session is not closed, tables for the questions
 * and the follow-up list (header rows repeat on every page; long rows split across pages), the chart as
 * vector drawing, the final hash in Courier, and "Page n of m" with the title on every page.
 */
import PDFDocument from 'pdfkit';
import type { AgendaText } from '../../../src-shared/features/agenda/minutes-text.js';
import type { Minutes } from '../../../src-shared/minutes/model.js';
import { chartData, drawChartPdf } from './chart.js';
import { PDF_MONO_FONT } from './fonts.js';
import { drawPollChartPdf, pollChartPdfHeight } from './poll-chart.js';
import { pollsHeading, pollsNote, pollText } from '../../../src-shared/features/polls/minutes.js';
import { minutesText, type MinutesText } from '../../../src-shared/minutes/wording.js';
import { layoutText, linesHeight, PdfText, type Line, type Span, type TextStyle } from './pdf-layout.js';

const PAGE = { width: 595.28, height: 841.89 }; // A4
const MARGIN = { left: 56, right: 56, top: 56, bottom: 64 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const PAD = 4;

const INK = '#111111';
const MUTED = '#555555';
const ACCENT = '#1f3a5f';
const RULE = '#c8ccd2';
const HEADER_FILL = '#eef1f5';

const S = {
  title: { size: 20, bold: true, color: ACCENT } as TextStyle,
  subtitle: { size: 10, color: MUTED } as TextStyle,
  h1: { size: 14, bold: true, color: ACCENT } as TextStyle,
  h2: { size: 11, bold: true, color: ACCENT } as TextStyle,
  body: { size: 10, color: INK } as TextStyle,
  bodyBold: { size: 10, bold: true, color: INK } as TextStyle,
  small: { size: 8.5, color: MUTED } as TextStyle,
  smallBold: { size: 8.5, bold: true, color: INK } as TextStyle,
  th: { size: 9, bold: true, color: ACCENT } as TextStyle,
  banner: { size: 10, bold: true, color: '#7a2e00' } as TextStyle,
  footer: { size: 8, color: MUTED } as TextStyle,
};

interface Column {
  width: number;
  align?: 'start' | 'left' | 'right' | 'center';
}

type Cell = Line[];

class Writer {
  y = MARGIN.top;
  readonly text: PdfText;
  /** Redraws a table's header row after a page break inside the table. */
  private repeatHeader: (() => void) | null = null;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.text = new PdfText(doc);
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
    this.repeatHeader?.();
  }

  ensure(height: number): void {
    if (this.y + height > BOTTOM && this.y > MARGIN.top) this.newPage();
  }

  paragraph(spans: Span[], opts: { gapAfter?: number; indent?: number; align?: 'start' | 'left' | 'right' | 'center' } = {}): void {
    const indent = opts.indent ?? 0;
    const lines = layoutText(spans, CONTENT_WIDTH - indent);
    for (const line of lines) {
      this.ensure(line.height);
      this.text.drawLine(line, MARGIN.left + indent, this.y, CONTENT_WIDTH - indent, opts.align ?? 'start');
      this.y += line.height;
    }
    this.y += opts.gapAfter ?? 6;
  }

  heading(text: string, style: TextStyle = S.h1, keepWith = 60): void {
    const lines = layoutText([{ text, style }], CONTENT_WIDTH);
    this.y += style === S.h1 ? 10 : 4;
    this.ensure(linesHeight(lines) + keepWith);
    this.y = this.text.drawLines(lines, MARGIN.left, this.y, CONTENT_WIDTH, 'left');
    if (style === S.h1) {
      this.doc.moveTo(MARGIN.left, this.y + 1).lineTo(MARGIN.left + CONTENT_WIDTH, this.y + 1).lineWidth(0.75).strokeColor(ACCENT).stroke();
      this.y += 7;
    } else this.y += 3;
  }

  /** A table row; splits across pages when it is taller than what is left. */
  row(columns: Column[], cells: Cell[], opts: { fill?: string; rule?: boolean } = {}): void {
    const offsets = cells.map(() => 0);
    const remaining = () => Math.max(...cells.map((c, i) => linesHeight(c.slice(offsets[i]))));
    for (;;) {
      const need = remaining() + 2 * PAD;
      const avail = BOTTOM - this.y;
      const atTop = this.y <= MARGIN.top + 40;
      if (need > avail && !atTop && need <= BOTTOM - MARGIN.top - 40) {
        this.newPage();
        continue;
      }
      // Draw what fits (everything, unless the row is taller than a page).
      const heights: number[] = [];
      const ends = cells.map((cell, i) => {
        let h = 0;
        let j = offsets[i] as number;
        while (j < cell.length && h + (cell[j] as Line).height <= avail - 2 * PAD) h += (cell[j++] as Line).height;
        if (j === offsets[i] && j < cell.length) h += (cell[j++] as Line).height; // always progress
        heights.push(h);
        return j;
      });
      const rowH = Math.max(...heights) + 2 * PAD;
      if (opts.fill) this.doc.rect(MARGIN.left, this.y, CONTENT_WIDTH, rowH).fill(opts.fill);
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const col = columns[i] as Column;
        this.text.drawLines(cell.slice(offsets[i], ends[i]), x + PAD, this.y + PAD, col.width - 2 * PAD, col.align ?? 'start');
        x += col.width;
      });
      this.y += rowH;
      if (opts.rule !== false) {
        this.doc.moveTo(MARGIN.left, this.y).lineTo(MARGIN.left + CONTENT_WIDTH, this.y).lineWidth(0.5).strokeColor(RULE).stroke();
      }
      ends.forEach((e, i) => (offsets[i] = e));
      if (cells.every((c, i) => (offsets[i] as number) >= c.length)) return;
      this.newPage();
    }
  }

  /** A table with a header row that repeats after page breaks. */
  table(columns: Column[], header: string[], rows: Cell[][]): void {
    const headerCells = header.map((h, i) => layoutText([{ text: h, style: S.th }], (columns[i] as Column).width - 2 * PAD));
    const drawHeader = () => this.row(columns, headerCells, { fill: HEADER_FILL });
    const firstRowHeight = rows[0] ? Math.max(...rows[0].map(linesHeight)) + 2 * PAD : 0;
    this.ensure(linesHeight(headerCells[0] as Line[]) + 2 * PAD + Math.min(firstRowHeight, 120));
    drawHeader();
    this.repeatHeader = drawHeader;
    for (const cells of rows) this.row(columns, cells);
    this.repeatHeader = null;
  }

  /** Label/value pairs, two columns. */
  /** Height of a short facts table if it stays on one page, else 0 (a heading then keeps with less). */
  factsHeight(rows: Array<[string, string]>, labelWidth = 150): number {
    const total = this.factCells(rows, labelWidth).reduce((s, c) => s + Math.max(...c.map(linesHeight)) + 2 * PAD, 0);
    return total < 320 ? total : 0;
  }

  private factCells(rows: Array<[string, string]>, labelWidth: number): Line[][][] {
    return rows.map(([label, value]) => [
      layoutText([{ text: label, style: S.bodyBold }], labelWidth - 2 * PAD),
      layoutText([{ text: value, style: S.body }], CONTENT_WIDTH - labelWidth - 2 * PAD),
    ]);
  }

  facts(rows: Array<[string, string]>, labelWidth = 150, valueAlign: 'start' | 'right' = 'start'): void {
    const columns: Column[] = [{ width: labelWidth, align: 'left' }, { width: CONTENT_WIDTH - labelWidth, align: valueAlign }];
    const cells = this.factCells(rows, labelWidth);
    // Keep a short table on one page.
    const total = this.factsHeight(rows, labelWidth);
    if (total > 0) this.ensure(total);
    for (const c of cells) this.row(columns, c);
    this.y += 6;
  }
}

function cell(spans: Span[], width: number): Line[] {
  return layoutText(spans, width - 2 * PAD);
}

/** An item's written comments: a heading, then each comment's text and who wrote it when. */
function commentsList(w: Writer, comments: NonNullable<AgendaText['items'][number]['comments']>): void {
  w.paragraph([{ text: comments.heading, style: S.bodyBold }], { gapAfter: 2 });
  for (const c of comments.rows) {
    w.paragraph([{ text: c.text, style: S.body }], { gapAfter: 1 });
    w.paragraph([{ text: `— ${c.by}`, style: S.small }], { gapAfter: 4 });
  }
}

/** The agenda, item by item: times, questions filed under it, its speakers in order, its participation. */
function agendaSection(w: Writer, a: AgendaText): void {
  w.heading(a.heading);
  w.paragraph([{ text: a.intro, style: S.body }], { gapAfter: 6 });
  const cols: Column[] = [{ width: 28, align: 'right' }, { width: 110 }, { width: CONTENT_WIDTH - 28 - 110 - 105 - 105 }, { width: 105 }, { width: 105 }];
  for (const item of a.items) {
    w.heading(item.heading, S.h2, 90);
    if (item.description) w.paragraph([{ text: item.description, style: S.body }], { gapAfter: 4 });
    w.facts(item.facts, 120);
    if (item.questions) w.paragraph([{ text: item.questions, style: S.body }], { gapAfter: 4 });
    if (item.speakers.length > 0) {
      const rows = item.speakers.map((s) =>
        [s.order, s.speaker, s.subject, s.time, s.note].map((text, i) => cell([{ text, style: i === 4 ? S.small : S.body }], (cols[i] as Column).width)),
      );
      const c = a.speakerColumns;
      w.table(cols, [c.order, c.speaker, c.subject, c.time, c.note], rows);
    }
    if (item.speakersNote) w.paragraph([{ text: item.speakersNote, style: S.body }], { gapAfter: 4 });
    if (item.comments) commentsList(w, item.comments);
    w.paragraph([{ text: item.participation, style: S.small }], { gapAfter: 8 });
  }
  if (a.unfiled) w.paragraph([{ text: a.unfiled, style: S.body }], { gapAfter: 6 });
  w.heading(a.totalsHeading, S.h2, Math.max(60, w.factsHeight(a.totals, 300)));
  w.facts(a.totals, 300, 'right');
}

function render(doc: PDFKit.PDFDocument, m: Minutes, t: MinutesText): void {
  const w = new Writer(doc);
  titleSection(w, t);
  questionsSection(w, t);
  pollsSection(w, m, t);
  moderationAndParticipation(w, m, t);
  followUpSection(w, t);
  recordSection(w, t);
  pageFooters(w, t);
}

/** The title, the provisional notice, the session facts and the agenda. */
function titleSection(w: Writer, t: MinutesText): void {
  const { doc } = w;
  w.paragraph([{ text: t.title, style: S.title }], { gapAfter: 2 });
  w.paragraph([{ text: t.subtitle, style: S.subtitle }], { gapAfter: 10 });
  if (t.provisional) {
    const lines = layoutText([{ text: t.provisional, style: S.banner }], CONTENT_WIDTH - 16);
    const h = linesHeight(lines) + 12;
    doc.rect(MARGIN.left, w.y, CONTENT_WIDTH, h).lineWidth(1).fillAndStroke('#fff4e5', '#d9822b');
    w.text.drawLines(lines, MARGIN.left + 8, w.y + 6, CONTENT_WIDTH - 16, 'left');
    w.y += h + 10;
  }
  w.facts(t.facts, 120);
  if (t.agenda) agendaSection(w, t.agenda);
}

/** The questions with their votes and outcome. */
function questionsSection(w: Writer, t: MinutesText): void {
  w.heading(t.questionsHeading);
  w.paragraph([{ text: t.questionsIntro, style: S.body }], { gapAfter: 6 });
  if (t.questions.length > 0) {
    const cols: Column[] = [
      { width: 32, align: 'right' },
      { width: CONTENT_WIDTH - 32 - 44 - 130 },
      { width: 44, align: 'right' },
      { width: 130, align: 'left' },
    ];
    const rows = t.questions.map((q) => {
      const qw = (cols[1] as Column).width;
      const main = cell([{ text: q.text, style: S.body }], qw);
      main.push(...cell([{ text: q.asked, style: S.small }], qw));
      if (q.reply !== null) {
        main.push(...cell([{ text: `${t.replyLabel} `, style: S.smallBold }, { text: q.reply, style: { ...S.small, color: INK } }], qw));
      }
      return [
        cell([{ text: q.number, style: S.body }], (cols[0] as Column).width),
        main,
        cell([{ text: q.votes, style: S.bodyBold }], (cols[2] as Column).width),
        cell([{ text: q.outcome, style: S.small }], (cols[3] as Column).width),
      ];
    });
    const c = t.questionColumns;
    w.table(cols, [c.number, c.question, c.votes, c.outcome], rows);
  }
}

/** Polls (issue 8): facts, the chart with values as text, and the table of options. */
function pollsSection(w: Writer, m: Minutes, t: MinutesText): void {
  const { doc } = w;
  if (m.polls && m.polls.length > 0) {
    w.heading(pollsHeading(t.words));
    w.paragraph([{ text: pollsNote(t.words), style: S.small }], { gapAfter: 6 });
    for (const poll of m.polls) {
      const pt = pollText(poll, t.time, t.words);
      w.heading(pt.heading, S.h2, w.factsHeight(pt.facts, 120) + pollChartPdfHeight(poll));
      w.facts(pt.facts, 120);
      w.ensure(pollChartPdfHeight(poll));
      w.y += drawPollChartPdf(doc, w.text, poll, MARGIN.left, w.y, CONTENT_WIDTH) + 4;
      const cols: Column[] = [{ width: CONTENT_WIDTH - 140 }, { width: 70, align: 'right' }, { width: 70, align: 'right' }];
      const rows = pt.rows.map((r, i) => [cell([{ text: `${i + 1}. ${r[0]}`, style: S.body }], (cols[0] as Column).width), cell([{ text: r[1], style: S.bodyBold }], 70), cell([{ text: r[2], style: S.body }], 70)]);
      w.table(cols, pt.columns, rows);
    }
  }
}

/** Moderation, participation and its chart over the session. */
function moderationAndParticipation(w: Writer, m: Minutes, t: MinutesText): void {
  const { doc } = w;
  w.heading(t.moderationHeading);
  for (const line of t.moderation) w.paragraph([{ text: line, style: S.body }], { gapAfter: 3 });

  // Participation.
  // The heading goes with its table: a heading alone at the foot of a page is no use to a reader.
  w.heading(t.participationHeading, S.h1, Math.max(60, w.factsHeight(t.participation, 300)));
  w.facts(t.participation, 300, 'right');
  const chart = chartData(m.participation, t.time, {
    questions: t.chartLegend.questions,
    votes: t.chartLegend.votes,
  });
  if (chart && t.chartHeading) {
    w.heading(t.chartHeading, S.h2, 250);
    w.y += drawChartPdf(doc, w.text, chart, MARGIN.left, w.y, CONTENT_WIDTH);
  }
}

/** Questions left open, as a follow-up list (with what was written after the meeting), and those carried in. */
function followUpSection(w: Writer, t: MinutesText): void {
  w.heading(t.followUpHeading);
  w.paragraph([{ text: t.followUpIntro, style: S.body }], { gapAfter: 6 });
  if (t.followUp.length > 0) followUpTable(w, t, t.followUp);
  if (t.carriedIn) {
    w.heading(t.carriedIn.heading);
    followUpTable(w, t, t.carriedIn.rows);
  }
}

function followUpTable(w: Writer, t: MinutesText, rows: MinutesText['followUp']): void {
  const cols: Column[] = [{ width: 40, align: 'right' }, { width: CONTENT_WIDTH - 40 - 50 }, { width: 50, align: 'right' }];
  const qw = (cols[1] as Column).width;
  const written = (f: MinutesText['followUp'][number]) =>
    f.followUp ? [...cell([{ text: f.followUp.line, style: S.bodyBold }], qw), ...(f.followUp.text ? cell([{ text: f.followUp.text, style: S.body }], qw) : [])] : [];
  const lines = rows.map((f) => [
    cell([{ text: f.rank, style: S.body }], 40),
    [...cell([{ text: f.text, style: S.body }], qw), ...cell([{ text: f.detail, style: S.small }], qw), ...written(f)],
    cell([{ text: f.votes, style: S.bodyBold }], 50),
  ]);
  const c = t.followUpColumns;
  w.table(cols, [c.rank, c.question, c.votes], lines);
}

/** The record: its facts and the final hash. */
function recordSection(w: Writer, t: MinutesText): void {
  const { doc } = w;
  w.heading(t.recordHeading, S.h1, 120);
  w.facts(t.record, 120);
  w.paragraph([{ text: t.hashLabel, style: S.bodyBold }], { gapAfter: 2 });
  w.ensure(20);
  doc.font(PDF_MONO_FONT).fontSize(9.5).fillColor(INK).text(t.hash, MARGIN.left, w.y + 2, { lineBreak: false });
  w.y += 18;
  w.paragraph([{ text: t.recordNote, style: S.small }]);
}

/** Running footer with page numbers on every page. */
function pageFooters(w: Writer, t: MinutesText): void {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const footerLines = layoutText([{ text: t.footer, style: S.footer }], CONTENT_WIDTH - 90);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const fy = PAGE.height - MARGIN.bottom + 22;
    doc.moveTo(MARGIN.left, fy - 6).lineTo(MARGIN.left + CONTENT_WIDTH, fy - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    if (footerLines[0]) w.text.drawLine(footerLines[0], MARGIN.left, fy, CONTENT_WIDTH - 90, 'left');
    const pageLines = layoutText([{ text: t.pageLabel(i - range.start + 1, range.count), style: S.footer }], 90);
    w.text.drawLines(pageLines, MARGIN.left + CONTENT_WIDTH - 90, fy, 90, 'right');
  }
}

/** The minutes as a PDF file. */
export function renderMinutesPdf(minutes: Minutes): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    try {
      const t = minutesText(minutes);
      const doc = new PDFDocument({
        size: 'A4',
        margins: MARGIN,
        bufferPages: true,
        autoFirstPage: true,
        info: {
          Title: `Minutes: ${t.title}`,
          Author: 'Open Floor',
          Subject: t.subtitle,
          Creator: 'Open Floor',
          CreationDate: new Date(minutes.generatedAt),
        },
        lang: minutes.locale,
        displayTitle: true,
      });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      doc.on('error', reject);
      render(doc, minutes, t);
      doc.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
