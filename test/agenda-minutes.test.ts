import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { exportEvents } from '../src-main/host/export/export-session.js';
import { Meeting } from './helpers/agenda-meeting.js';

const OPTS = { locale: 'en-GB', generatedAt: 1_700_000_900_000 };

/** Three items; two phones and a walk-in speak on the first, one with an interpreter; questions filed. */
function councilMeeting(): Meeting {
  const m = new Meeting();
  m.append('host', [{ type: 'device.joined', deviceId: 'phoneA' }, { type: 'device.joined', deviceId: 'phoneB' }, { type: 'device.joined', deviceId: 'phoneC' }]);
  const budget = m.do('addItem', { title: 'Budget 2027', description: 'First reading', speakingSeconds: 120 });
  m.do('addItem', { title: 'Minutes of last meeting', publicComment: false });
  m.do('addItem', { title: 'Parks' });
  m.append('device:phoneC', [{ type: 'question.asked', questionId: 'questEarly', deviceId: 'phoneC', requestId: 'reqEarly1', text: 'Before the agenda', name: '', approved: true }]);
  m.do('setCurrentItem', { itemId: budget });
  m.speak('phoneA', budget, { name: 'Ana *Bold* [x](y)', subject: 'Library | hours', interpreter: true });
  m.speak('phoneB', budget, { subject: 'Parking' });
  m.do('addSpeaker', { itemId: budget, name: 'Walter', subject: '=SUM(A1)' });
  m.speak('phoneC', budget);
  m.phone('phoneC', { kind: 'unspeak', id: 'unspeakC1', itemId: budget });
  m.append('device:phoneC', [{ type: 'question.asked', questionId: 'questBudget', deviceId: 'phoneC', requestId: 'reqBudget1', text: 'Why the deficit?', name: '', approved: true }]);
  m.do('callSpeaker', {});
  m.do('timer', { action: 'start' });
  m.tick(200_000);
  m.do('timer', { action: 'extend' });
  m.tick(10_000);
  m.do('callSpeaker', {}); // Speaker 2 on the floor; Ana done with 3:30 used of 4:30
  m.do('endSpeaker', { speakerId: m.state.agenda.floor!, as: 'absent' });
  m.do('callSpeaker', {});
  m.do('timer', { action: 'start' });
  m.tick(61_000);
  m.do('endSpeaker', { speakerId: m.state.agenda.floor!, as: 'done' });
  m.tick(5_000);
  m.do('setCurrentItem', { itemId: m.state.agenda.order[2]! });
  m.append('facilitator', [{ type: 'session.closed' }]);
  return m;
}

describe('minutes grouped by agenda item', () => {
  it('lists each item with its times, questions, speakers in order with time used and allowed, and the numbers', () => {
    const minutes = buildMinutes(councilMeeting().events, OPTS);
    const a = minutes.agenda!;
    expect(a.items.map((i) => i.title)).toEqual(['Budget 2027', 'Minutes of last meeting', 'Parks']);
    const budget = a.items[0]!;
    expect(budget.speakers.map((s) => [s.order, s.label, s.outcome, s.usedMs, s.allowedMs, s.interpreter, s.walkIn])).toEqual([
      [1, 'Ana *Bold* [x](y)', 'spoke', 210_000, 270_000, true, false],
      [2, 'Speaker 2', 'absent', null, 120_000, false, false],
      [3, 'Walter', 'spoke', 61_000, 120_000, false, true],
    ]);
    expect(budget).toMatchObject({ signedUp: 3, withdrawn: 1, notCalled: 0, devicesSpoke: 1, usedMs: 271_000, allowedMs: 390_000 });
    expect(budget.startedAt).not.toBeNull();
    expect(budget.endedAt).not.toBeNull();
    expect(budget.questionNumbers).toEqual([2]);
    expect(a.unfiledQuestionNumbers).toEqual([1]);
    expect(a).toMatchObject({ speakers: 2, walkIns: 1, interpreter: 1, devicesSpoke: 1, usedMs: 271_000, allowedMs: 390_000 });
    expect(a.shareSpoke).toBeCloseTo(1 / 3);
  });

  it('a speaker still speaking has the time run up to when the minutes are made', () => {
    const m = new Meeting();
    const item = m.do('addItem', { title: 'Budget' });
    m.do('setCurrentItem', { itemId: item });
    m.do('addSpeaker', { itemId: item, name: 'Ana' });
    m.do('callSpeaker', {});
    m.do('timer', { action: 'start' });
    const started = m.now;
    const speaker = buildMinutes(m.events, { ...OPTS, generatedAt: started + 30_000 }).agenda!.items[0]!.speakers[0]!;
    expect(speaker).toMatchObject({ outcome: 'speaking', usedMs: 30_000, allowedMs: 180_000 });
  });

  it('an overrun: the same whole seconds in the minutes and the CSV, and the overtime said plainly, in both languages', async () => {
    // Issue 17: the minutes said "0:13 of 0:10" with no word of overtime while the CSV said 14 s.
    const m = new Meeting();
    const item = m.do('addItem', { title: 'Budget', speakingSeconds: 10 });
    m.do('setCurrentItem', { itemId: item });
    m.do('addSpeaker', { itemId: item, name: 'Ana' });
    m.do('callSpeaker', {});
    m.do('timer', { action: 'start' });
    m.tick(13_600);
    m.do('endSpeaker', { speakerId: m.state.agenda.floor!, as: 'done' });
    const en = renderMinutesMarkdown(buildMinutes(m.events, OPTS));
    expect(en).toContain('0:13 of 0:10, 0:03 over time');
    const es = renderMinutesMarkdown(buildMinutes(m.events, { ...OPTS, locale: 'es-ES' }));
    expect(es).toContain('0:13 de 0:10, 0:03 por encima del tiempo');
    const csv = Buffer.from((await exportEvents(m.events, 'speakers-csv', { locale: 'en-GB', now: OPTS.generatedAt })).data).toString('utf8');
    const [row] = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(row).toMatchObject({ seconds_used: '13', seconds_allowed: '10', seconds_over: '3' });
  });

  it('a session without an agenda has no agenda section in any format', async () => {
    const m = new Meeting();
    m.append('facilitator', [{ type: 'session.closed' }]);
    const minutes = buildMinutes(m.events, OPTS);
    expect(minutes.agenda).toBeUndefined();
    expect(renderMinutesMarkdown(minutes)).not.toContain('## Agenda');
    const csv = new TextDecoder().decode((await exportEvents(m.events, 'speakers-csv', OPTS)).data);
    expect(parse(csv, { bom: true })).toEqual([['item_number', 'item', 'order', 'speaker', 'name', 'subject', 'interpreter', 'walk_in', 'outcome', 'called_at', 'seconds_used', 'seconds_allowed', 'seconds_extended', 'seconds_over']]);
  });

  it('Markdown: speakers per item as an inert table', () => {
    const md = renderMinutesMarkdown(buildMinutes(councilMeeting().events, OPTS));
    expect(md).toContain('## Agenda');
    expect(md).toContain('### 1\\. Budget 2027');
    expect(md).toContain('| 1 | Ana \\*Bold\\* \\[x\\](y) | Library \\| hours | 3:30 of 4:30 (+0:30 given) | With interpreter (double time) |');
    expect(md).toContain('| 2 | Speaker 2 | Parking | – of 2:00 | Absent when called |');
    // Nobody has to give a name: in Spanish minutes the unnamed speaker is "Participante 2".
    const es = renderMinutesMarkdown(buildMinutes(councilMeeting().events, { ...OPTS, locale: 'es-ES' }));
    expect(es).toMatch(/\| 2 \| Participante 2 \| Parking \|/);
    expect(md).toContain('Walk-in');
    expect(md).toContain('Question 2 (see Questions).');
    expect(md).toContain('| Speakers who spoke | 2 |');
    expect(md.indexOf('## Agenda')).toBeLessThan(md.indexOf('## Questions'));
  });

  it('speakers CSV: one row per speaker called, formulas neutralised, no device ids', async () => {
    const m = councilMeeting();
    const csv = new TextDecoder().decode((await exportEvents(m.events, 'speakers-csv', OPTS)).data);
    const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.item, r.order, r.speaker, r.subject, r.outcome, r.seconds_used, r.seconds_allowed, r.interpreter, r.walk_in])).toEqual([
      ['Budget 2027', '1', 'Ana *Bold* [x](y)', 'Library | hours', 'spoke', '210', '270', 'yes', 'no'],
      ['Budget 2027', '2', 'Speaker 2', 'Parking', 'absent', '', '120', 'no', 'no'],
      ['Budget 2027', '3', 'Walter', "'=SUM(A1)", 'spoke', '61', '120', 'no', 'yes'],
    ]);
    expect(csv).not.toContain('phoneA');
  });

  it('events CSV: a withdrawn sign-up keeps its subject unpublished; a called speaker is on the record', async () => {
    const m = councilMeeting();
    const csv = new TextDecoder().decode((await exportEvents(m.events, 'events-csv', OPTS)).data);
    const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    const signUps = rows.filter((r) => r.type === 'speaker.signedUp');
    expect(signUps.map((r) => [r.actor, r.name, JSON.parse(r.details!).subject])).toEqual([
      ['Phone 1', 'Ana *Bold* [x](y)', 'Library | hours'],
      ['Phone 2', '', 'Parking'],
      ['Phone 3', '', '[not published; kept in the JSON archive]'],
    ]);
  });

  it('PDF and DOCX carry the agenda, its speakers and the public comment numbers', async () => {
    const m = councilMeeting();
    const pdfFile = await exportEvents(m.events, 'pdf', OPTS);
    const parser = new PDFParse({ data: pdfFile.data });
    const pdf = (await parser.getText()).text;
    await parser.destroy();
    const { value: docx } = await mammoth.extractRawText({ buffer: Buffer.from((await exportEvents(m.events, 'docx', OPTS)).data) });
    for (const text of [pdf, docx]) {
      expect(text).toContain('1. Budget 2027');
      expect(text).toContain('Ana *Bold* [x](y)');
      expect(text).toContain('Library | hours');
      expect(text).toContain('3:30 of 4:30');
      expect(text).toContain('Speaker 2');
      expect(text).toContain('Public comment in numbers');
      expect(text).toContain('3. Parks');
    }
  });
});
