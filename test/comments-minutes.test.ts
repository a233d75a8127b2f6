import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { exportEvents } from '../src-main/host/export/export-session.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { Meeting } from './helpers/agenda-meeting.js';

/** Two items with public comment and one without; written comments on the first, one named, one with two lines. */
function meetingWithComments(): Meeting {
  const m = new Meeting();
  m.append('host', [{ type: 'device.joined', deviceId: 'phoneA' }, { type: 'device.joined', deviceId: 'phoneB' }]);
  const budget = m.do('addItem', { title: 'Budget 2027' });
  m.do('addItem', { title: 'Minutes of last meeting', publicComment: false });
  m.do('addItem', { title: 'Parks' });
  m.do('setCurrentItem', { itemId: budget });
  m.tick(60_000);
  expect(m.phone('phoneA', { kind: 'comment', id: 'commentReq01', itemId: budget, text: 'Keep the *library* open on Sundays.', name: 'Ana [x](y)' }).ok).toBe(true);
  m.tick(60_000);
  expect(m.phone('phoneB', { kind: 'comment', id: 'commentReq02', itemId: budget, text: 'Fix the roads first.\n# Not a heading' }).ok).toBe(true);
  m.append('facilitator', [{ type: 'session.closed' }]);
  return m;
}

/** The text between an item's heading and the next item's. */
const section = (text: string, from: string, to: string): string => {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  expect(start, text).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
};

const LOCALES = [
  { locale: 'en-GB', heading: 'Written comments (2)', anonymous: 'anonymous' },
  { locale: 'es-ES', heading: 'Comentarios escritos (2)', anonymous: 'anónimo' },
];

describe('written comments in the minutes', () => {
  it('the model lists them under their item, in order, with name and time; other items have none', () => {
    const m = meetingWithComments();
    const items = buildMinutes(m.events, { locale: 'en-GB', generatedAt: m.now }).agenda!.items;
    expect(items[0]!.comments.map((c) => [c.text, c.name])).toEqual([
      ['Keep the *library* open on Sundays.', 'Ana [x](y)'],
      ['Fix the roads first.\n# Not a heading', ''],
    ]);
    expect(items[0]!.comments[1]!.at - items[0]!.comments[0]!.at).toBe(60_000);
    expect(items[1]!.comments).toEqual([]);
    expect(items[2]!.comments).toEqual([]);
  });

  for (const { locale, heading, anonymous } of LOCALES) {
    it(`Markdown (${locale}): under the item, the text inert, the name or "${anonymous}"`, () => {
      const m = meetingWithComments();
      const md = renderMinutesMarkdown(buildMinutes(m.events, { locale, generatedAt: m.now }));
      const budget = section(md, '### 1\\. Budget 2027', '### 2\\. ');
      expect(budget).toContain(`**${heading}**`);
      expect(budget).toContain('- Keep the \\*library\\* open on Sundays. — *Ana \\[x\\](y), ');
      expect(budget).toContain('- Fix the roads first.\\\n  \\# Not a heading — *' + anonymous + ', ');
      expect(md.split(heading)).toHaveLength(2);
    });

    it(`PDF and DOCX (${locale}): the comments under their item`, async () => {
      const m = meetingWithComments();
      const opts = { locale, now: m.now };
      const parser = new PDFParse({ data: (await exportEvents(m.events, 'pdf', opts)).data });
      const pdf = (await parser.getText()).text;
      await parser.destroy();
      const { value: docx } = await mammoth.extractRawText({ buffer: Buffer.from((await exportEvents(m.events, 'docx', opts)).data) });
      for (const text of [pdf, docx]) {
        const budget = section(text, '1. Budget 2027', '2. Minutes of last meeting');
        expect(budget).toContain(heading);
        expect(budget).toContain('Keep the *library* open on Sundays.');
        expect(budget).toContain('— Ana [x](y), ');
        expect(budget).toContain('Fix the roads first.');
        expect(budget).toContain('# Not a heading');
        expect(budget).toContain(`— ${anonymous}, `);
        expect(section(text, '2. Minutes of last meeting', '3. Parks')).not.toContain(heading);
      }
    });
  }
});
