/**
 * Polls in the record: minutes model, Markdown, PDF, DOCX, the poll results CSV (aggregates only), the
 * events CSV (no device, no answer), and the archive verifying with poll events in it.
 */
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Actor, EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { renderArchiveJson, verifyArchive } from '../src-shared/minutes/archive.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { unescapeMarkdown } from '../src-shared/minutes/markdown-escape.js';
import { exportEvents } from '../src-main/host/export/export-session.js';

const T0 = Date.UTC(2025, 2, 4, 18, 0, 0);
const min = (n: number) => T0 + n * 60_000;

function log(entries: Array<[number, Actor, EventBody]>): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  for (const [at, actor, body] of entries) out.push(chainEvent(out.at(-1) ?? null, at, actor, body));
  return out;
}

const ballot = (at: number, d: string, choices: number[], pollId = 'poll-parks', type: 'ballot.cast' | 'ballot.changed' = 'ballot.cast'): [number, Actor, EventBody] => [
  at,
  `device:${d}`,
  { type, pollId, deviceId: d, requestId: `r-${d}-${at}`, choices },
];

const events = log([
  [min(0), 'facilitator', { type: 'session.created', sessionId: 's1', title: 'Parks forum', place: 'Hall', timeZone: 'Europe/Berlin' }],
  [min(1), 'facilitator', { type: 'session.opened' }],
  [min(2), 'facilitator', { type: 'poll.created', pollId: 'poll-parks', kind: 'single', question: 'Which park design?', options: ['North meadow', 'River walk', '=Hill'], maxChoices: 1, visibility: 'live' }],
  [min(2), 'facilitator', { type: 'poll.created', pollId: 'poll-rate', kind: 'rating', question: 'How clear was the budget?', options: ['1', '2', '3', '4', '5'], maxChoices: 1, visibility: 'after-close' }],
  [min(2), 'facilitator', { type: 'poll.created', pollId: 'poll-draft', kind: 'yesno', question: 'Never opened?', options: ['Yes', 'No', 'Abstain'], maxChoices: 1, visibility: 'live' }],
  [min(3), 'facilitator', { type: 'poll.opened', pollId: 'poll-parks' }],
  [min(3), 'facilitator', { type: 'poll.shown', pollId: 'poll-parks' }],
  ballot(min(4), 'dA', [0]),
  ballot(min(4), 'dB', [1]),
  ballot(min(4), 'dC', [1]),
  ballot(min(5), 'dA', [2], 'poll-parks', 'ballot.changed'),
  [min(6), 'facilitator', { type: 'poll.closed', pollId: 'poll-parks', connected: 4 }],
  [min(6), 'facilitator', { type: 'poll.hidden', pollId: 'poll-parks' }],
  [min(7), 'facilitator', { type: 'poll.opened', pollId: 'poll-rate' }],
  ballot(min(8), 'dA', [4], 'poll-rate'),
  ballot(min(8), 'dB', [2], 'poll-rate'),
  [min(9), 'facilitator', { type: 'attendance.peak', connected: 5 }],
  [min(10), 'facilitator', { type: 'session.closed' }],
]);

describe('a poll attached to an agenda item', () => {
  it('names the item in the minutes, in either language', () => {
    const withItem = log([
      [min(0), 'facilitator', { type: 'session.created', sessionId: 's2', title: 'Council', place: '', timeZone: 'UTC' }],
      [min(0), 'facilitator', { type: 'agenda.itemAdded', itemId: 'item-budget', title: 'Budget 2027', description: '', speakingMs: 180_000, publicComment: true, maxSpeakers: null }],
      [min(1), 'facilitator', { type: 'session.opened' }],
      [min(2), 'facilitator', { type: 'poll.created', pollId: 'poll-adopt', kind: 'yesno', question: 'Adopt it?', options: ['Yes', 'No', 'Abstain'], maxChoices: 1, visibility: 'live', itemId: 'item-budget' }],
      [min(3), 'facilitator', { type: 'poll.opened', pollId: 'poll-adopt' }],
      [min(4), 'facilitator', { type: 'session.closed' }],
    ]);
    const minutes = buildMinutes(withItem, { locale: 'en-GB', generatedAt: min(5) });
    expect(minutes.polls?.[0]).toMatchObject({ itemId: 'item-budget', item: 'Budget 2027' });
    expect(renderMinutesMarkdown(minutes)).toMatch(/Agenda item.{0,12}Budget 2027/);
    expect(renderMinutesMarkdown(buildMinutes(withItem, { locale: 'es-ES', generatedAt: min(5) }))).toMatch(/Punto del orden del día.{0,12}Budget 2027/);
  });
});

describe("a yes/no/abstain poll's answers", () => {
  // Issue 17: the answers were stored as English words and the Spanish minutes read "| Yes | 2 |".
  const yesNo = (options: string[]) =>
    log([
      [min(0), 'facilitator', { type: 'session.created', sessionId: 's3', title: 'Council', place: '', timeZone: 'UTC' }],
      [min(1), 'facilitator', { type: 'session.opened' }],
      [min(2), 'facilitator', { type: 'poll.created', pollId: 'poll-adopt', kind: 'yesno', question: 'Adopt it?', options, maxChoices: 1, visibility: 'live' }],
      [min(3), 'facilitator', { type: 'poll.opened', pollId: 'poll-adopt' }],
      ballot(min(4), 'd1', [0], 'poll-adopt'),
      ballot(min(4), 'd2', [0], 'poll-adopt'),
      ballot(min(4), 'd3', [2], 'poll-adopt'),
      [min(5), 'facilitator', { type: 'session.closed' }],
    ]);

  it.each([
    ['stored as keys (from now on)', ['yes', 'no', 'abstain']],
    ['stored as English words (records from before keys)', ['Yes', 'No', 'Abstain']],
  ])('are in the language of the minutes when %s', async (_, options) => {
    const events = yesNo(options);
    const es = unescapeMarkdown(renderMinutesMarkdown(buildMinutes(events, { locale: 'es-ES', generatedAt: min(6) })));
    expect(es).toMatch(/\| Sí \| 2 \| 67 % \|/);
    expect(es).toMatch(/\| Abstención \| 1 \| 33 % \|/);
    expect(es).not.toMatch(/\| (Yes|yes|Abstain) \|/);
    const en = unescapeMarkdown(renderMinutesMarkdown(buildMinutes(events, { locale: 'en-GB', generatedAt: min(6) })));
    expect(en).toMatch(/\| Yes \| 2 \| 67 % \|/);
    const csv = Buffer.from((await exportEvents(events, 'polls-csv', { locale: 'es-ES', now: min(6) })).data).toString('utf8');
    expect(csv).toContain(',Sí,2,67,');
  });
});

describe('polls in the minutes', () => {
  const minutes = buildMinutes(events, { locale: 'en-GB', generatedAt: min(11) });

  it('lists each opened poll with counts, percentages, ballots, times and participation', () => {
    expect(minutes.polls?.map((p) => p.id)).toEqual(['poll-parks', 'poll-rate']);
    const [parks, rate] = minutes.polls!;
    expect(parks!.options.map((o) => [o.count, o.percent])).toEqual([[0, 0], [2, 67], [1, 33]]);
    expect(parks).toMatchObject({ ballots: 3, changes: 1, openedAt: min(3), closedAt: min(6), base: { phones: 4, what: 'connected at close' }, shareAnswered: 0.75 });
    // Closed by the session's close: the base is the session's peak.
    expect(rate).toMatchObject({ ballots: 2, mean: 4, closedAt: min(10), base: { phones: 5, what: 'most connected at once' }, shareAnswered: 0.4 });
  });

  it('writes them into the Markdown', () => {
    const md = unescapeMarkdown(renderMinutesMarkdown(minutes));
    expect(md).toContain('## Polls');
    expect(md).toContain('### Poll 1: Which park design?');
    expect(md).toMatch(/\| River walk \| 2 \| 67 % \|/);
    expect(md).toContain('3 of 4 phones connected at close (75 %)');
    expect(md).toContain('Mean rating:** 4.0 of 5');
    expect(md).not.toContain('Never opened?');
  });

  it('writes them, with a chart, into the PDF and the DOCX', async () => {
    const pdfFile = await exportEvents(events, 'pdf', { locale: 'en-GB', now: min(11) });
    const parser = new PDFParse({ data: pdfFile.data });
    const pdf = (await parser.getText()).text;
    await parser.destroy();
    expect(pdf).toContain('Poll 1: Which park design?');
    expect(pdf).toContain('2 · 67 %');
    expect(pdf).toContain('One answer per phone');

    const docxFile = await exportEvents(events, 'docx', { locale: 'en-GB', now: min(11) });
    const { value: docx } = await mammoth.extractRawText({ buffer: Buffer.from(docxFile.data) });
    expect(docx).toContain('Poll 2: How clear was the budget?');
    expect(docx).toContain('2. River walk');
    // The chart is a picture in the document.
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(docxFile.data) });
    expect(html.match(/<img /g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  });

  it('exports a poll results CSV with aggregates only, and an events CSV without devices or answers of ballots', async () => {
    const csv = new TextDecoder().decode((await exportEvents(events, 'polls-csv', { now: min(11) })).data);
    const rows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(8);
    expect(rows[2]).toMatchObject({ poll_number: '1', option: "'=Hill", ballots_for_option: '1', percent_of_ballots: '33', ballots: '3', answers_changed: '1' });
    expect(csv).not.toMatch(/dA|dB|dC/);

    const eventsCsv = new TextDecoder().decode((await exportEvents(events, 'events-csv', { now: min(11) })).data);
    const eventRows = parse(eventsCsv, { bom: true, columns: true }) as Array<Record<string, string>>;
    const ballots = eventRows.filter((r) => r.type!.startsWith('ballot.'));
    expect(ballots).toHaveLength(6);
    for (const r of ballots) {
      expect(r.actor).toBe('attendee');
      expect(Object.keys(JSON.parse(r.details!) as object)).toEqual(['pollId']);
    }
    expect(eventsCsv).not.toContain('choices');
  });

  it('the archive covers poll events and verifies; a changed ballot breaks the chain', () => {
    const archive = JSON.parse(renderArchiveJson(events, min(11)));
    expect(verifyArchive(archive)).toMatchObject({ ok: true });
    const tampered = structuredClone(archive);
    const i = tampered.events.findIndex((e: LoggedEvent) => e.body.type === 'ballot.changed');
    tampered.events[i].body.choices = [0];
    expect(verifyArchive(tampered)).toMatchObject({ ok: false, badSeq: tampered.events[i].seq });
  });
});
