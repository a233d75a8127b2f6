/**
 * DOCX minutes (the `docx` library, Node only), for clerks who edit in Word. Same wording as the PDF
 * (src-shared/minutes/wording.ts). Every attendee string is a plain text run — the library XML-escapes it, and nothing
 * becomes a field, hyperlink or formula. Right-to-left stretches (Hebrew, Arabic) are their own runs marked
 * `rightToLeft`, and paragraphs that are mostly right to left are `bidirectional`; Word and LibreOffice do the
 * shaping, bidi and font fallback themselves. Runs use Noto Sans (Noto Sans SC for East Asian text, Arial for
 * complex scripts), with the usual substitution when a font is not installed.
 *
 * Built-in heading styles (navigation pane, table of contents), tables whose header rows repeat on each page,
 * the chart as two PNG pictures (chart.ts) and "Page n of m" fields in the footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { isoDateTime } from '../../../src-shared/minutes/format.js';
import type { AgendaText } from '../../../src-shared/features/agenda/minutes-text.js';
import type { Minutes } from '../../../src-shared/minutes/model.js';
import { chartData, PNG_HEIGHT, PNG_WIDTH, renderChartPng } from './chart.js';
import { DOCX_FONTS } from './fonts.js';
import { pollChartPng } from './poll-chart.js';
import { pollsHeading, pollsNote, pollText } from '../../../src-shared/features/polls/minutes.js';
import { isMostlyRtl, minutesText, type MinutesText } from '../../../src-shared/minutes/wording.js';

const ACCENT = '1F3A5F';
const MUTED = '555555';
const RULE = 'C8CCD2';
const HEADER_FILL = 'EEF1F5';
/** A4 with 2 cm margins, in twentieths of a point. */
const PAGE_WIDTH = 11906;
const PAGE_HEIGHT = 16838;
const MARGIN = 1134;
const CONTENT = PAGE_WIDTH - 2 * MARGIN;

const FONT = { ascii: DOCX_FONTS.ascii, hAnsi: DOCX_FONTS.hAnsi, eastAsia: DOCX_FONTS.eastAsia, cs: DOCX_FONTS.cs };

type RunStyle = Omit<IRunOptions, 'text' | 'children'>;

const RTL_CHAR = '\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF';
/** Stretches of right-to-left script, including the spaces, digits and punctuation between their words. */
const RTL_STRETCH_REGEX = new RegExp(`[${RTL_CHAR}](?:[${RTL_CHAR}\\s\\d.,:;!?'"()\\-]*[${RTL_CHAR}])?`, 'gu');

/** Plain text runs for one string: line breaks kept, right-to-left stretches marked as such. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
  const out: TextRun[] = [];
  text.split('\n').forEach((line, lineIndex) => {
    let last = 0;
    const parts: Array<{ text: string; rtl: boolean }> = [];
    for (const match of line.matchAll(RTL_STRETCH_REGEX)) {
      const at = match.index ?? 0;
      if (at > last) parts.push({ text: line.slice(last, at), rtl: false });
      parts.push({ text: match[0], rtl: true });
      last = at + match[0].length;
    }
    if (last < line.length || parts.length === 0) parts.push({ text: line.slice(last), rtl: false });
    parts.forEach((part, i) => {
      out.push(
        new TextRun({
          ...style,
          text: part.text,
          ...(part.rtl ? { rightToLeft: true } : {}),
          ...(lineIndex > 0 && i === 0 ? { break: 1 } : {}),
        }),
      );
    });
  });
  return out;
}

function para(children: TextRun[] | ImageRun[], opts: { rtlText?: string; spacingAfter?: number; keepNext?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  const bidi = opts.rtlText !== undefined && isMostlyRtl(opts.rtlText);
  return new Paragraph({
    children,
    spacing: { after: opts.spacingAfter ?? 80 },
    ...(bidi ? { bidirectional: true } : {}),
    ...(opts.keepNext ? { keepNext: true } : {}),
    ...(opts.alignment ? { alignment: opts.alignment } : {}),
  });
}

/** A paragraph of attendee (or clerk) text: plain runs, bidi when mostly right to left. */
function textPara(text: string, style: RunStyle = {}, spacingAfter = 40): Paragraph {
  return para(runs(text, style), { rtlText: text, spacingAfter });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
/** Borders and cell padding set once per table (not per cell: a 1000-row table stays small and quick). */
const tableBorders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };
const cellMargins = { top: 60, bottom: 60, left: 90, right: 90 };

function tcell(children: Paragraph[], width: number, opts: { header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    ...(opts.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } } : {}),
  });
}

function table(widths: number[], header: string[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: widths,
    borders: tableBorders,
    margins: cellMargins,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => tcell([para(runs(h, { bold: true, color: ACCENT, size: 18 }), { spacingAfter: 0 })], widths[i] as number, { header: true })),
      }),
      ...rows.map((cells) => new TableRow({ children: cells.map((c, i) => tcell(c, widths[i] as number)) })),
    ],
  });
}

function factsTable(rows: Array<[string, string]>, labelWidth: number, valueRight = false): Table {
  const widths = [labelWidth, CONTENT - labelWidth];
  return new Table({
    width: { size: CONTENT, type: WidthType.DXA },
    columnWidths: widths,
    borders: tableBorders,
    margins: cellMargins,
    rows: rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            tcell([para(runs(label, { bold: true }), { spacingAfter: 0 })], labelWidth),
            tcell(
              [
                new Paragraph({
                  children: runs(value),
                  spacing: { after: 0 },
                  ...(valueRight ? { alignment: AlignmentType.RIGHT } : isMostlyRtl(value) ? { bidirectional: true } : {}),
                }),
              ],
              CONTENT - labelWidth,
            ),
          ],
        }),
    ),
  });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1): Paragraph {
  return new Paragraph({ heading: level, children: runs(text), keepNext: true });
}

/** The agenda, item by item: times, questions filed under it, its speakers in order, its participation. */
function agendaSection(a: AgendaText): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [heading(a.heading), textPara(a.intro, {}, 120)];
  const widths = [500, 1900, CONTENT - 500 - 1900 - 1800 - 1900, 1800, 1900];
  for (const item of a.items) {
    out.push(heading(item.heading, HeadingLevel.HEADING_2));
    if (item.description) out.push(textPara(item.description, {}, 80));
    out.push(factsTable(item.facts, 2000));
    if (item.questions) out.push(textPara(item.questions, {}, 80));
    if (item.speakers.length > 0) {
      const c = a.speakerColumns;
      out.push(
        table(
          widths,
          [c.order, c.speaker, c.subject, c.time, c.note],
          item.speakers.map((s) => [
            [para(runs(s.order), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
            [textPara(s.speaker, {}, 0)],
            [textPara(s.subject, {}, 0)],
            [textPara(s.time, {}, 0)],
            [textPara(s.note, { size: 17 }, 0)],
          ]),
        ),
      );
    }
    if (item.speakersNote) out.push(textPara(item.speakersNote, {}, 80));
    if (item.comments) {
      out.push(textPara(item.comments.heading, { bold: true }, 40));
      for (const c of item.comments.rows) out.push(textPara(c.text, {}, 0), textPara(`— ${c.by}`, { color: MUTED, size: 17 }, 80));
    }
    out.push(textPara(item.participation, { color: MUTED, size: 17 }, 160));
  }
  if (a.unfiled) out.push(textPara(a.unfiled, {}, 120));
  out.push(heading(a.totalsHeading, HeadingLevel.HEADING_2));
  out.push(factsTable(a.totals, 6000, true));
  return out;
}

/** The minutes as a DOCX file. */
export async function renderMinutesDocx(minutes: Minutes): Promise<Uint8Array> {
  const t = minutesText(minutes);
  const body: Array<Paragraph | Table> = [
    ...titleSection(t),
    ...questionsSection(t),
    ...pollsSection(minutes, t),
    ...moderationAndParticipation(minutes, t),
    ...followUpSection(t),
    ...recordSection(t),
  ];
  const doc = new Document({
    title: `Minutes: ${t.title}`,
    subject: t.subtitle,
    creator: 'Open Floor',
    description: t.provisional ?? t.subtitle,
    styles: {
      default: {
        document: { run: { font: FONT, size: 20 }, paragraph: { spacing: { after: 80 } } },
        title: { run: { font: FONT, size: 40, bold: true, color: ACCENT }, paragraph: { spacing: { after: 60 } } },
        heading1: { run: { font: FONT, size: 28, bold: true, color: ACCENT }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true } },
        heading2: { run: { font: FONT, size: 22, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE_WIDTH, height: PAGE_HEIGHT }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, footer: 567 } } },
        footers: { default: pageFooter(t) },
        children: body,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The title, the provisional notice, the session facts and the agenda. */
function titleSection(t: MinutesText): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [];
  body.push(new Paragraph({ heading: HeadingLevel.TITLE, children: runs(t.title), ...(isMostlyRtl(t.title) ? { bidirectional: true } : {}) }));
  body.push(textPara(t.subtitle, { color: MUTED }, 160));
  if (t.provisional) {
    body.push(
      new Paragraph({
        children: runs(t.provisional, { bold: true, color: '7A2E00' }),
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF4E5' },
        border: { top: { ...border, color: 'D9822B' }, bottom: { ...border, color: 'D9822B' }, left: { ...border, color: 'D9822B' }, right: { ...border, color: 'D9822B' } },
        spacing: { after: 200 },
      }),
    );
  }
  body.push(factsTable(t.facts, 2000));
  if (t.agenda) body.push(...agendaSection(t.agenda));
  return body;
}

/** The questions with their votes and outcome. */
function questionsSection(t: MinutesText): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [];
  body.push(heading(t.questionsHeading));
  body.push(textPara(t.questionsIntro, {}, 120));
  if (t.questions.length > 0) {
    const widths = [600, CONTENT - 600 - 800 - 2300, 800, 2300];
    const c = t.questionColumns;
    body.push(
      table(
        widths,
        [c.number, c.question, c.votes, c.outcome],
        t.questions.map((q) => {
          const main = [textPara(q.text), textPara(q.asked, { color: MUTED, size: 17 })];
          if (q.reply !== null) {
            main.push(para([new TextRun({ text: `${t.replyLabel} `, bold: true, size: 17 }), ...runs(q.reply, { size: 17 })], { rtlText: q.reply, spacingAfter: 0 }));
          }
          return [
            [para(runs(q.number), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
            main,
            [para(runs(q.votes, { bold: true }), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
            [para(runs(q.outcome, { size: 17 }), { spacingAfter: 0 })],
          ];
        }),
      ),
    );
  }
  return body;
}

/** Polls (issue 8): facts, the chart (bars numbered like the table's rows), the table of options. */
function pollsSection(minutes: Minutes, t: MinutesText): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [];
  if (minutes.polls && minutes.polls.length > 0) {
    body.push(heading(pollsHeading(t.words)));
    body.push(textPara(pollsNote(t.words), { color: MUTED, size: 17 }, 120));
    for (const poll of minutes.polls) {
      const pt = pollText(poll, t.time, t.words);
      body.push(heading(pt.heading, HeadingLevel.HEADING_2));
      body.push(factsTable(pt.facts, 2000));
      const description = pt.rows.map((r, i) => `${i + 1}. ${r[0]}: ${r[1]} (${r[2]})`).join('; ');
      body.push(
        para(
          [
            new ImageRun({
              type: 'png',
              data: pollChartPng(poll, pt.heading),
              transformation: { width: 600, height: Math.round((600 * PNG_HEIGHT) / PNG_WIDTH) },
              altText: { name: pt.heading, title: pt.heading, description },
            }),
          ],
          { spacingAfter: 80, keepNext: true },
        ),
      );
      body.push(
        table(
          [CONTENT - 2400, 1200, 1200],
          pt.columns,
          pt.rows.map((r, i) => [
            [textPara(`${i + 1}. ${r[0]}`, {}, 0)],
            [para(runs(r[1], { bold: true }), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
            [para(runs(r[2]), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
          ]),
        ),
      );
    }
  }
  return body;
}

/** Moderation, participation and its charts over the session. */
function moderationAndParticipation(minutes: Minutes, t: MinutesText): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [];
  body.push(heading(t.moderationHeading));
  for (const line of t.moderation) body.push(textPara(line, {}, 60));

  body.push(heading(t.participationHeading));
  body.push(factsTable(t.participation, 6000, true));
  const tz = minutes.session.timeZone;
  // The PNG's pixel font has digits only: 24-hour times in the session's zone.
  const chart = chartData(minutes.participation, (at) => isoDateTime(at, tz).slice(11, 16), t.chartLegend);
  if (chart && t.chartHeading) {
    body.push(heading(t.chartHeading, HeadingLevel.HEADING_2));
    for (const panel of chart.panels) {
      body.push(
        para([new TextRun({ text: '■ ', color: panel.color.slice(1) }), new TextRun({ text: panel.title, bold: true })], {
          keepNext: true,
          spacingAfter: 0,
        }),
      );
      body.push(
        para(
          [
            new ImageRun({
              type: 'png',
              data: renderChartPng(panel, chart.labels, chart.labelled),
              transformation: { width: 600, height: Math.round((600 * PNG_HEIGHT) / PNG_WIDTH) },
              altText: {
                name: panel.title,
                title: panel.title,
                description: `${panel.title}: ${chart.labels.map((l, i) => `${l} ${panel.values[i]}`).join(', ')}`,
              },
            }),
          ],
          { spacingAfter: 160 },
        ),
      );
    }
  }
  return body;
}

/** Questions left open, as a follow-up list (with what was written after the meeting), and those carried in. */
function followUpSection(t: MinutesText): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [];
  body.push(heading(t.followUpHeading));
  body.push(textPara(t.followUpIntro, {}, 120));
  if (t.followUp.length > 0) body.push(followUpTable(t, t.followUp));
  if (t.carriedIn) body.push(heading(t.carriedIn.heading), followUpTable(t, t.carriedIn.rows));
  return body;
}

function followUpTable(t: MinutesText, rows: MinutesText['followUp']): Table {
  const widths = [700, CONTENT - 700 - 900, 900];
  const c = t.followUpColumns;
  const written = (f: MinutesText['followUp'][number]) =>
    f.followUp ? [textPara(f.followUp.line, { bold: true }, 0), ...(f.followUp.text ? [textPara(f.followUp.text, {}, 0)] : [])] : [];
  return table(
    widths,
    [c.rank, c.question, c.votes],
    rows.map((f) => [
      [para(runs(f.rank), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
      [textPara(f.text), textPara(f.detail, { color: MUTED, size: 17 }, 0), ...written(f)],
      [para(runs(f.votes, { bold: true }), { alignment: AlignmentType.RIGHT, spacingAfter: 0 })],
    ]),
  );
}

/** The record: its facts and the final hash. */
function recordSection(t: MinutesText): Array<Paragraph | Table> {
  const body: Array<Paragraph | Table> = [];
  body.push(heading(t.recordHeading));
  body.push(factsTable(t.record, 2000));
  body.push(new Paragraph({ children: runs(t.hashLabel, { bold: true }), spacing: { before: 160, after: 40 }, keepNext: true }));
  body.push(new Paragraph({ children: [new TextRun({ text: t.hash, font: DOCX_FONTS.mono, size: 19 })], spacing: { after: 120 } }));
  body.push(textPara(t.recordNote, { color: MUTED, size: 17 }));
  return body;
}

/** The footer: the session and "Page n of m". */
function pageFooter(t: MinutesText): Footer {
  const [before = 'Page ', between = ' of ', after = ''] = t.pageLabel(1111, 2222).split(/1111|2222/);
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
        tabStops: [{ type: 'right', position: CONTENT }],
        children: [
          ...runs(t.footer, { size: 16, color: MUTED }),
          new TextRun({ size: 16, color: MUTED, children: [`\t${before}`, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after] }),
        ],
      }),
    ],
  });
}
