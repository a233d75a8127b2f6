/**
 * PDF and DOCX minutes: rendered from a Minutes model (and from a real event log through buildMinutes),
 * read back with pdf-parse and mammoth, and checked for the facts, the order, the untrusted text and the
 * fonts. Set EXPORT_ARTIFACTS=dir to keep the files (e.g. to look at them with pdftoppm).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Actor, EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import type { Minutes, MinutesQuestion } from '../src-shared/minutes/model.js';
import { renderMinutesDocx } from '../src-main/host/export/docx.js';
import { faceFor } from '../src-main/host/export/fonts.js';
import { renderMinutesPdf } from '../src-main/host/export/pdf.js';
import { PNG_HEIGHT, PNG_WIDTH, QUESTION_COLOR, VOTE_COLOR } from '../src-main/host/export/chart.js';

const T0 = Date.UTC(2025, 2, 4, 18, 0, 0); // 19:00 in Europe/Berlin (CET)
const min = (n: number) => T0 + n * 60_000;
const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

export const NASTY = [
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x","y")',
  '[link](http://x)',
  'مرحبا بالعالم',
  'שלום עולם',
  '漢字',
  '🎉',
  'Größe café naïve',
].join(' ');

function q(number: number, over: Partial<MinutesQuestion>): MinutesQuestion {
  return {
    number,
    id: `q${number}`,
    text: `Question ${number}`,
    name: '',
    askedAt: min(number * 3),
    votes: 0,
    outcome: 'open',
    answeredAt: null,
    reply: null,
    floorAt: null,
    ...over,
  };
}

export function fixture(status: Minutes['session']['status'] = 'closed'): Minutes {
  const questions: MinutesQuestion[] = [
    q(1, { text: 'When will the Elm Street crossing get a traffic light?', name: 'Maria Lopez', votes: 42, outcome: 'answered-live', floorAt: min(20), answeredAt: min(26) }),
    q(2, { text: 'Why did the library close on Sundays?', votes: 17, outcome: 'answered-in-writing', answeredAt: min(95), reply: 'The Sunday service ends because of the budget freeze; it returns in May.' }),
    q(3, { text: 'Can the council publish the noise survey?', name: 'Ahmed', votes: 9, outcome: 'open', floorAt: min(60) }),
    q(4, { text: NASTY, name: 'Zoë 🎉', votes: 31, outcome: 'open' }),
    q(5, { text: 'Is the skate park still planned for 2026?', votes: 5, outcome: 'open' }),
    q(6, { text: 'Thanks for the bike lanes!', votes: 0, outcome: 'answered-live', answeredAt: min(70), floorAt: min(68) }),
  ];
  const followUp = questions.filter((x) => x.outcome === 'open').sort((a, b) => b.votes - a.votes);
  return {
    session: {
      id: 's1',
      title: 'Town Hall — Spring Budget',
      place: 'Council Chamber, Rathausplatz 1',
      facilitator: 'Jane Doe',
      timeZone: 'Europe/Berlin',
      status,
      createdAt: T0 - 3_600_000,
      openedAt: T0,
      closedAt: status === 'closed' ? min(125) : null,
    },
    locale: 'en-GB',
    generatedAt: min(130),
    questions,
    moderation: { hidden: 2, withdrawn: 1, pending: 0 },
    participation: {
      devicesJoined: 80,
      peakConnected: 64,
      paperCodes: { issued: 120, used: 75, joinedWithout: 5, required: true, requiredAt: min(2) },
      shareAsked: 0.1,
      shareVoted: 0.55,
      questionsAsked: 9,
      questionsApproved: 6,
      answeredLive: 2,
      answeredInWriting: 1,
      questionsOpen: 3,
      medianMinutesToAnswer: 12.5,
      votesCast: 104,
      bucketMinutes: 10,
      timeline: Array.from({ length: 13 }, (_, i) => ({ start: min(i * 10), questions: [1, 2, 0, 1, 3, 0, 1, 0, 1, 0, 0, 0, 0][i] ?? 0, votes: [0, 10, 25, 12, 20, 8, 14, 9, 4, 2, 0, 0, 0][i] ?? 0 })),
    },
    followUp,
    log: { events: 187, finalHash: HASH },
  };
}

async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: bytes.slice() });
  const result = await parser.getText();
  await parser.destroy();
  return { text: result.text, pages: result.total };
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value;
}

function keep(name: string, bytes: Uint8Array): void {
  const dir = process.env.EXPORT_ARTIFACTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), bytes);
}

/** Positions of `needles` in `haystack`, asserting each is present. */
function positions(haystack: string, needles: string[]): number[] {
  return needles.map((n) => {
    const i = haystack.indexOf(n);
    expect(i, `missing: ${n}`).toBeGreaterThanOrEqual(0);
    return i;
  });
}

function expectIncreasing(xs: number[]): void {
  for (let i = 1; i < xs.length; i++) expect(xs[i] as number).toBeGreaterThan(xs[i - 1] as number);
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

/** What both the PDF and the DOCX must say of the fixture: the facts, then the questions in order with votes and outcome. */
function expectFactsAndQuestions(text: string): void {
  expect(text).toContain('Town Hall — Spring Budget');
  expect(text).toContain('Council Chamber, Rathausplatz 1');
  expect(text).toContain('Tuesday, 4 March 2025');
  expect(text).toContain('Started 19:00');
  expect(text).toContain('Ended 21:05');
  expect(text).toContain('Facilitator Jane Doe');
  expect(text).toContain('80 (at most 64 connected at once)');
  // A binding vote: how phones came in (issue 9, paper codes).
  expect(squash(text)).toContain('Paper codes Required from 19:02. Printed: 120 · used to join: 75 · devices that joined without a code: 5');
  expect(text).not.toContain('Provisional');
  // Questions in order, each with its votes and outcome.
  expectIncreasing(positions(text, ['When will the Elm Street', 'Why did the library', 'Can the council publish', '<script>', 'Is the skate park', 'Thanks for the bike lanes']));
  expect(text).toMatch(/When will the Elm Street crossing get a traffic light\? Asked by Maria Lopez at 19:03 42 Answered live at 19:26/);
  expect(text).toMatch(/Why did the library close on Sundays\? Asked at 19:06 Written reply: The Sunday service ends because of the budget freeze; it returns in May\. 17 Answered in writing at 20:35/);
  expect(text).toMatch(/Asked by Ahmed at 19:09 9 Left open \(was on the floor at 20:00\)/);
}

describe('PDF minutes', () => {
  it('contains the facts, the questions in order, the follow-up list and the hash', async () => {
    const m = fixture();
    const bytes = await renderMinutesPdf(m);
    keep('minutes.pdf', bytes);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const { text: raw } = await pdfText(bytes);
    const text = squash(raw);
    expectFactsAndQuestions(text);
    expect(text).toMatch(/Is the skate park still planned for 2026\? Asked at 19:15 5 Left open/);
    // Names only where given.
    expect(text.match(/Asked by /g)?.length).toBe(3);
    // Moderation counts, participation.
    expect(text).toContain('2 questions were hidden by the moderator');
    expect(text).toContain('1 question was withdrawn by the asker');
    expect(text).toContain('Share of devices that voted 55 %');
    expect(text).toContain('Median minutes from asked to answered 12.5');
    expect(text).toContain('Votes cast (one per phone, withdrawn not counted) 104');
    expect(text).toContain('Questions and votes over time (10-minute intervals)');
    // Follow-up in vote order.
    const follow = text.slice(text.indexOf('Follow-up: questions left open'));
    expectIncreasing(positions(follow, ['Question 4 ·', 'Question 3 ·', 'Question 5 ·']));
    // The full hash (monospace Courier) and the event count.
    expect(text).toContain(HASH);
    expect(text).toContain('Events in the log 187');
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('renders attendee text as intact text: markup, formulas, RTL, CJK, emoji', async () => {
    const m = fixture();
    const bytes = await renderMinutesPdf(m);
    const { text } = await pdfText(bytes);
    for (const s of ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '[link](http://x)', '漢字', '🎉', 'Größe café naïve', 'Zoë']) {
      expect(text).toContain(s);
    }
    // Right-to-left words come out whole (word order across a line depends on the extractor's bidi).
    for (const word of ['مرحبا', 'بالعالم', 'שלום', 'עולם']) expect(text).toContain(word);
    // No link annotations, no JavaScript: the text is only glyphs.
    const pdf = Buffer.from(bytes).toString('latin1');
    expect(pdf).not.toMatch(/\/JavaScript|\/JS\b|\/URI|\/Annots/);
  });

  it('draws every character of the test strings with a bundled font that has the glyph, and embeds those fonts', async () => {
    const bytes = await renderMinutesPdf(fixture());
    const pdf = Buffer.from(bytes).toString('latin1');
    const wanted = new Set<string>();
    for (const ch of NASTY.replace(/\s/g, '')) {
      const face = faceFor(ch.codePointAt(0) as number);
      expect(face, `no bundled font has ${ch} U+${(ch.codePointAt(0) as number).toString(16)}`).not.toBeNull();
      expect(face?.font.hasGlyphForCodePoint(ch.codePointAt(0) as number)).toBe(true);
      wanted.add((face?.font.postscriptName as string).replace(/[^A-Za-z0-9-]/g, ''));
    }
    expect([...wanted].sort()).toEqual(['NotoEmoji-Regular', 'NotoSans-Regular', 'NotoSansArabic-Regular', 'NotoSansHebrew-Regular', 'NotoSansSC-Regular']);
    for (const name of wanted) expect(pdf, `${name} embedded`).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${name}`));
    // Embedded subsets are real font programs (FontFile2), not references to system fonts.
    expect((pdf.match(/\/FontFile2/g) ?? []).length).toBeGreaterThanOrEqual(5);
  });

  it('marks minutes of a session that is not closed as provisional', async () => {
    const { text } = await pdfText(await renderMinutesPdf(fixture('open')));
    expect(squash(text)).toContain('Provisional: made at 21:10 on Tuesday, 4 March 2025 while the session was still open');
    expect(squash(text)).toContain('not closed yet');
    expect(squash(text)).toContain('(provisional)');
  });
});

describe('DOCX minutes', () => {
  it('contains the facts, the questions in order, the follow-up list and the hash', async () => {
    const bytes = await renderMinutesDocx(fixture());
    keep('minutes.docx', bytes);
    const text = squash(await docxText(bytes));
    expectFactsAndQuestions(text);
    expect(text.match(/Asked by /g)?.length).toBe(3);
    expect(text).toContain('2 questions were hidden by the moderator');
    expect(text).toContain('Share of devices that voted 55 %');
    expect(text).toContain('Median minutes from asked to answered 12.5');
    expect(text).toContain('Votes cast (one per phone, withdrawn not counted) 104');
    const follow = text.slice(text.indexOf('Follow-up: questions left open'));
    expectIncreasing(positions(follow, ['Question 4 ·', 'Question 3 ·', 'Question 5 ·']));
    expect(text).toContain(HASH);
    expect(text).toContain('Events in the log 187');
  });

  it('keeps attendee text as plain runs, marks RTL runs, and embeds the chart as a PNG', async () => {
    const bytes = await renderMinutesDocx(fixture());
    const text = await docxText(bytes);
    for (const s of ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '[link](http://x)', 'مرحبا بالعالم', 'שלום עולם', '漢字', '🎉', 'Größe café naïve', 'Zoë 🎉']) {
      expect(text).toContain(s);
    }
    const files = unzip(Buffer.from(bytes));
    const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/w:fldSimple|w:instrText|w:hyperlink/);
    expect(xml).toMatch(/<w:rtl\/>[\s\S]{0,400}?שלום עולם|<w:rtl\/>[\s\S]{0,400}?مرحبا بالعالم/);
    const pngs = [...files.keys()].filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
    expect(pngs.length).toBe(2);
    const png = files.get(pngs[0] as string) as Buffer;
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Both panels decode as opaque 8-bit RGB pictures of the chart size, with bars in their panel's colour.
    const colours = pngs.map((k) => {
      const image = PNG.sync.read(files.get(k) as Buffer);
      expect([image.width, image.height, image.colorType, image.depth]).toEqual([PNG_WIDTH, PNG_HEIGHT, 2, 8]);
      const seen = new Set<string>();
      for (let i = 0; i < image.data.length; i += 4) seen.add(`#${image.data.subarray(i, i + 3).toString('hex')}`);
      return seen;
    });
    expect(colours.some((c) => c.has(QUESTION_COLOR)) && colours.some((c) => c.has(VOTE_COLOR))).toBe(true);
    expect(colours.every((c) => c.has('#ffffff') && c.has('#555555'))).toBe(true);
    // Page numbers in the footer.
    const footer = [...files.entries()].filter(([k]) => k.startsWith('word/footer')).map(([, v]) => v.toString('utf8')).join('');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });

  it('marks minutes of a session that is not closed as provisional', async () => {
    const text = squash(await docxText(await renderMinutesDocx(fixture('open'))));
    expect(text).toContain('Provisional: made at 21:10 on Tuesday, 4 March 2025 while the session was still open');
  });
});

describe('minutes from a real event log (buildMinutes)', () => {
  it('renders what the log says, without the hidden question', async () => {
    let prev: LoggedEvent | null = null;
    const log: LoggedEvent[] = [];
    const add = (at: number, actor: Actor, body: EventBody) => {
      prev = chainEvent(prev, at, actor, body);
      log.push(prev);
    };
    add(min(-60), 'facilitator', { type: 'session.created', sessionId: 's9', title: 'Ortsbeirat Süd', place: 'Bürgerhaus', timeZone: 'Europe/Berlin', facilitator: 'Ana' });
    add(min(0), 'facilitator', { type: 'session.opened' });
    for (const d of ['d1', 'd2', 'd3']) add(min(1), `device:${d}`, { type: 'device.joined', deviceId: d });
    add(min(2), 'device:d1', { type: 'question.asked', questionId: 'qa', deviceId: 'd1', requestId: 'r1', text: 'Wann kommt der Radweg? 🚲', name: 'Jonas', approved: true });
    add(min(3), 'device:d2', { type: 'question.asked', questionId: 'qb', deviceId: 'd2', requestId: 'r2', text: 'SECRET insult text', name: '', approved: true });
    add(min(4), 'device:d3', { type: 'question.asked', questionId: 'qc', deviceId: 'd3', requestId: 'r3', text: 'Was kostet die Sanierung?', name: '', approved: true });
    add(min(5), 'facilitator', { type: 'question.hidden', questionId: 'qb' });
    add(min(6), 'device:d2', { type: 'vote.cast', questionId: 'qa', deviceId: 'd2', requestId: 'v1' });
    add(min(6), 'device:d3', { type: 'vote.cast', questionId: 'qa', deviceId: 'd3', requestId: 'v2' });
    add(min(7), 'device:d1', { type: 'vote.cast', questionId: 'qc', deviceId: 'd1', requestId: 'v3' });
    add(min(10), 'facilitator', { type: 'floor.set', questionId: 'qa' });
    add(min(15), 'facilitator', { type: 'question.answered', questionId: 'qa' });
    add(min(20), 'facilitator', { type: 'question.answered', questionId: 'qc', reply: 'Rund 2,4 Mio. Euro laut Haushaltsplan.' });
    add(min(30), 'facilitator', { type: 'session.closed' });
    const m = buildMinutes(log, { locale: 'de-DE', generatedAt: min(31) });
    const last = log[log.length - 1] as LoggedEvent;
    for (const [name, text] of [
      ['pdf', squash((await pdfText(await renderMinutesPdf(m))).text)],
      ['docx', squash(await docxText(await renderMinutesDocx(m)))],
    ] as const) {
      expect(text, name).toContain('Ortsbeirat Süd');
      expect(text, name).toContain('Dienstag, 4. März 2025');
      expect(text, name).toMatch(/Wann kommt der Radweg\? 🚲 Asked by Jonas at 19:02 2 Answered live at 19:15/);
      expect(text, name).toMatch(/Was kostet die Sanierung\? Asked at 19:04 Written reply: Rund 2,4 Mio\. Euro laut Haushaltsplan\. 1 Answered in writing at 19:20/);
      expect(text, name).toContain('1 question was hidden by the moderator');
      expect(text, name).not.toContain('SECRET');
      expect(text, name).toContain(last.hash);
      expect(text, name).toContain(`Events in the log ${log.length}`);
    }
  });
});

/** A minimal ZIP reader (stored/deflated entries) to look inside the DOCX. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
