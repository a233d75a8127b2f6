import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlResult } from '../src-shared/control.js';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { exportHref, type ExportListing } from '../src-shared/endpoints.js';
import type { LoggedEvent } from '../src-shared/events.js';
import { verifyArchive, type Archive } from '../src-shared/minutes/archive.js';
import type { ExportFormat } from '../src-shared/minutes/formats.js';
import { unescapeMarkdown } from '../src-shared/minutes/markdown-escape.js';
import { HIDDEN_TEXT } from '../src-main/host/export/csv.js';
import { startTestHost, type TestHost, type TestPhone } from './helpers/host-harness.js';

const run = promisify(execFile);
const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'open-floor.cjs');

const NASTY =
  '=HYPERLINK("http://x") <script>alert("x")</script> [link](http://x) مرحبا بالجميع שלום לכולם 🎉👍🏽';
const HIDDEN = 'Secret abusive text that must stay out of the minutes';
const REPLY = '-> Two new lanes in 2026 (see the plan)';

async function ask(phone: TestPhone, text: string, name?: string): Promise<string> {
  const rid = phone.send({ kind: 'ask', text, ...(name ? { name } : {}) });
  const receipt = await phone.until(() => phone.receipt(rid));
  if (!receipt.ok || !receipt.questionId) throw new Error(`ask refused: ${JSON.stringify(receipt)}`);
  return receipt.questionId;
}

async function act(phone: TestPhone, kind: 'vote' | 'unvote', questionId: string): Promise<void> {
  const rid = phone.send({ kind, questionId });
  const receipt = await phone.until(() => phone.receipt(rid));
  if (!receipt.ok) throw new Error(`${kind} refused: ${receipt.reason}`);
}

let host: TestHost;
let sessionId: string;
const q: Record<'named' | 'anon' | 'hidden' | 'nasty' | 'park' | 'lights', string> = {} as never;
const exportsLive: Partial<Record<ExportFormat, { body: Buffer; disposition: string; type: string }>> = {};
let finalHash: string;
let phones: TestPhone[];

async function download(format: ExportFormat, token = host.host.token) {
  const res = await fetch(`${host.host.loopbackOrigin}${exportHref(sessionId, format, token)}`);
  return {
    status: res.status,
    body: Buffer.from(await res.arrayBuffer()),
    disposition: res.headers.get('content-disposition') ?? '',
    type: res.headers.get('content-type') ?? '',
  };
}

/**
 * Each block gets its own host and session, scripted the same way: six phones, questions approved,
 * hidden, voted, answered live and in writing, and the four text exports downloaded while live.
 */
async function scriptedSession(): Promise<void> {
  host = await startTestHost();
  const created = (await host.control('createSession', {
    title: 'Budget forum: 2025/26',
    place: 'Town hall',
    facilitator: 'Mia Jansen',
  })) as ControlResult<'createSession'>;
  if (!created.ok) throw new Error(created.error);
  sessionId = created.value.sessionId;
  await host.mustControl('setPremoderation', { on: true });
  await host.mustControl('openSession', {});
  const code = host.host.currentSession()!.joinCode;
  phones = [];
  for (let i = 0; i < 6; i++) phones.push(await host.phone(code));
  const [a, b, c, d, e, f] = phones as [TestPhone, TestPhone, TestPhone, TestPhone, TestPhone, TestPhone];

  q.named = await ask(a, 'Will the library open on Sundays?', 'Ana Silva');
  q.anon = await ask(b, 'Can we get more bus lanes?');
  q.hidden = await ask(c, HIDDEN);
  q.nasty = await ask(d, NASTY, '@admin');
  q.park = await ask(e, 'What about the park lights?');
  q.lights = await ask(f, 'Is the pool staying open?');
  for (const id of [q.named, q.anon, q.nasty, q.park, q.lights]) await host.mustControl('approve', { questionId: id });
  await host.mustControl('hide', { questionId: q.hidden });

  for (const p of [b, c, d]) await act(p, 'vote', q.named);
  await act(d, 'unvote', q.named); // q.named: 2 votes
  for (const p of [a, b, c]) await act(p, 'vote', q.lights); // 3
  for (const p of [a, b]) await act(p, 'vote', q.park); // 2
  await act(e, 'vote', q.anon); // 1

  await host.mustControl('setFloor', { questionId: q.named });
  await host.mustControl('markAnswered', { questionId: q.named });
  await host.mustControl('markAnswered', { questionId: q.anon, reply: REPLY });
  await host.mustControl('setFloor', { questionId: q.park });
  await host.mustControl('setFloor', { questionId: null });

  // Export while the session is live, through the loopback route the console links to.
  for (const format of ['md', 'csv', 'events-csv', 'json'] as const) {
    const r = await download(format);
    expect(r.status, format).toBe(200);
    exportsLive[format] = r;
  }
}

/** The scripted session, then a late question (hidden), then closed: what the record is made from. */
async function closedSession(): Promise<void> {
  await scriptedSession();
  const late = await ask(phones[5]!, 'A question after the export');
  await host.mustControl('hide', { questionId: late });
  const closed = (await host.control('closeSession', {})) as ControlResult<'closeSession'>;
  if (!closed.ok) throw new Error(closed.error);
  finalHash = closed.value.finalHash;
}

describe('export while live', () => {
  /** The console's listing, read right after the exports: a later test that asks must not change it. */
  let listing: ExportListing;
  beforeAll(async () => {
    await scriptedSession();
    listing = (await (await fetch(`${host.host.loopbackOrigin}/export/?t=${host.host.token}`)).json()) as ExportListing;
  }, 60_000);
  afterAll(() => host.stop());

  it('serves attachments with a dated file name, and refuses a wrong token', async () => {
    const date = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now());
    expect(exportsLive.md!.disposition).toContain(`filename="${date} budget-forum-2025-26.md"`);
    expect(exportsLive.json!.disposition).toMatch(/^attachment; /);
    expect(exportsLive['events-csv']!.disposition).toContain(' events.csv"');
    expect(exportsLive.csv!.type).toBe('text/csv; charset=utf-8');
    expect((await download('md', 'wrong-token')).status).toBe(401);
    const unknown = await fetch(`${host.host.loopbackOrigin}/export/${sessionId}.exe?t=${host.host.token}`);
    expect(unknown.status).toBe(404);
    expect(listing).toMatchObject({ ok: true, sessions: [{ id: sessionId, status: 'open', counts: { questions: 6, approved: 5, hidden: 1, answered: 2, votes: 8 } }] });
  });

  it('the live Markdown is marked provisional', () => {
    expect(exportsLive.md!.body.toString('utf8')).toContain('**Provisional:**');
  });

  it('connected phones keep working: a phone asks after the export and gets its receipt', async () => {
    const late = await ask(phones[5]!, 'A question after the export');
    expect(await phones[5]!.until(() => roomParts(phones[5]!.doc).mine.get(late)?.status)).toBe('waiting');
    expect(host.host.question(late)).toMatchObject({ text: 'A question after the export', moderation: 'pending' });
  });
});

describe('the record after closing', () => {
  let md: string;
  let csvRows: Array<Record<string, string>>;
  let eventRows: Array<Record<string, string>>;
  let archiveText: string;
  let archive: Archive;

  beforeAll(async () => {
    await closedSession();
    md = (await download('md')).body.toString('utf8');
    const csv = (await download('csv')).body;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads UTF-8
    csvRows = parse(csv, { bom: true, columns: true }) as Array<Record<string, string>>;
    eventRows = parse((await download('events-csv')).body, { bom: true, columns: true }) as Array<Record<string, string>>;
    archiveText = (await download('json')).body.toString('utf8');
    archive = JSON.parse(archiveText) as Archive;
  }, 60_000);
  afterAll(() => host.stop());

  it('Markdown: facts, order, statuses, follow-up ranked by votes, the final hash', () => {
    expect(md).toMatch(/^# Budget forum: 2025\/26\n/);
    expect(md).toContain('- **Place:** Town hall');
    expect(md).toContain('- **Facilitator:** Mia Jansen');
    expect(md).not.toContain('Provisional');
    const order = ['Will the library open on Sundays?', 'Can we get more bus lanes?', 'What about the park lights?', 'Is the pool staying open?'].map((t) =>
      md.indexOf(t),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(md).toContain('asked by Ana Silva');
    expect(md).toContain('Answered live at');
    // Only what Markdown would read as a block (the leading "-") is escaped; the rest reads as typed.
    expect(md).toContain(`**Written reply:** \\${REPLY}`);
    expect(md).toContain('Left open (was on the floor at');
    expect(md).toContain('| Questions asked | 7 |');
    expect(md).toContain('| Questions approved | 5 |');
    expect(md).toContain('| Answered live | 1 |');
    expect(md).toContain('| Answered in writing | 1 |');
    expect(md).toContain('| Left open | 3 |');
    expect(md).toContain('| Votes cast (one per phone, withdrawn not counted) | 8 |');
    expect(md).toContain('| Devices joined | 6 |');
    expect(md).toContain('2 questions were hidden');
    const followUp = md.slice(md.indexOf('## Follow-up'), md.indexOf('## Record'));
    expect(followUp.indexOf('pool')).toBeLessThan(followUp.indexOf('park'));
    expect(followUp.indexOf('park')).toBeLessThan(followUp.indexOf('HYPERLINK'));
    expect(followUp).toContain('3 votes');
    expect(md).toContain(`\`${finalHash}\``);
  });

  it('Markdown: hidden text absent, attendee text inert and intact', () => {
    expect(md).not.toContain(HIDDEN);
    expect(md).not.toContain('A question after the export');
    expect(md).not.toMatch(/(^|[^\\])<script>/);
    expect(md).not.toMatch(/[^\\]\]\(/);
    const withoutQuotes = md.replace(/^ {3}> /gm, '   ');
    expect(withoutQuotes).not.toMatch(/(^|[^\\])[<[\]]/m);
    const line = md.split('\n').find((l) => l.includes('HYPERLINK') && /^\d+\. /.test(l))!;
    expect(unescapeMarkdown(line.replace(/^\d+\. /, ''))).toBe(NASTY);
    expect(md).toContain('مرحبا بالجميع שלום לכולם 🎉👍🏽');
    expect(md).toContain('asked by @admin');
  });

  it('CSV of questions: one row per question, in order, formulas neutralised, text intact', () => {
    expect(csvRows.map((r) => r.number)).toEqual(['1', '2', '3', '4', '5']);
    expect(csvRows.map((r) => r.question_id)).toEqual([q.named, q.anon, q.nasty, q.park, q.lights]);
    expect(csvRows.map((r) => r.status)).toEqual(['answered live', 'answered in writing', 'open', 'open', 'open']);
    expect(csvRows.map((r) => r.votes)).toEqual(['2', '1', '0', '2', '3']);
    expect(csvRows[0]).toMatchObject({ question: 'Will the library open on Sundays?', name: 'Ana Silva', written_reply: '' });
    expect(csvRows[0]!.answered_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(csvRows[1]).toMatchObject({ name: '', written_reply: `'${REPLY}` });
    expect(csvRows[2]!.question).toBe(`'${NASTY}`);
    expect(csvRows[2]!.name).toBe(`'@admin`);
    expect(csvRows[3]!.on_floor_at).not.toBe('');
    expect(csvRows[4]!.answered_at).toBe('');
    for (const row of csvRows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(JSON.stringify(csvRows)).not.toContain(HIDDEN);
  });

  it('CSV of events: one row per event, hidden text left out', () => {
    expect(eventRows).toHaveLength(archive.events.length);
    expect(eventRows.map((r) => Number(r.seq))).toEqual(archive.events.map((e) => e.seq));
    expect(eventRows.at(-1)).toMatchObject({ type: 'session.closed', hash: finalHash });
    expect(JSON.stringify(eventRows)).not.toContain(HIDDEN);
    const hiddenAsk = eventRows.find((r) => r.type === 'question.asked' && r.question_id === q.hidden)!;
    expect(hiddenAsk.text).toBe(HIDDEN_TEXT);
    const nastyAsk = eventRows.find((r) => r.type === 'question.asked' && r.question_id === q.nasty)!;
    expect(nastyAsk.text).toBe(`'${NASTY}`);
    for (const row of eventRows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // No device ids in the public events table, and votes name nobody.
    const deviceIds = archive.events.flatMap((e) => ('deviceId' in e.body ? [e.body.deviceId] : []));
    for (const id of new Set(deviceIds)) expect(JSON.stringify(eventRows)).not.toContain(id);
    const votes = eventRows.filter((r) => r.type === 'vote.cast');
    expect(votes.length).toBeGreaterThan(0);
    expect(votes.every((r) => r.actor === 'attendee' && !r.details.includes('device'))).toBe(true);
    const joins = eventRows.filter((r) => r.type === 'device.joined');
    expect(joins.map((r) => JSON.parse(r.details!).device)).toEqual(joins.map((_, i) => `Phone ${i + 1}`));
  });

  it('PDF and DOCX come through the same route (rendered by src-main/host/export/pdf.ts and docx.ts)', async () => {
    const pdf = await download('pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.disposition).toContain('budget-forum-2025-26.pdf"');
    const docx = await download('docx');
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.type).toContain('wordprocessingml');
  }, 30_000);

  it('JSON archive: the whole chain, hidden text included, verifiable, text exact', () => {
    expect(archive).toMatchObject({ format: 'open-floor-archive', version: 1, finalHash, session: { id: sessionId, status: 'closed', title: 'Budget forum: 2025/26' } });
    expect(archiveText).toContain(HIDDEN);
    const asked = (id: string) =>
      archive.events.find((e: LoggedEvent) => e.body.type === 'question.asked' && e.body.questionId === id)!.body as { text: string };
    expect(asked(q.nasty).text).toBe(NASTY);
    expect(verifyArchive(JSON.parse(archiveText))).toMatchObject({ ok: true, finalHash });
  });
});

/** The built CLI, run as people run it. Builds first when out/ is missing or older than the sources. */
describe('the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-cli-'));
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], { cwd: dir }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );

  beforeAll(async () => {
    const built = join(ROOT, 'out', 'main', 'cli.js');
    const sources = ['src-main/cli.ts', 'src-main/host/export/export-session.ts', 'src-main/host/store/store.ts', 'src-shared/minutes/archive.ts'];
    const stale = !existsSync(built) || sources.some((s) => statSync(join(ROOT, s)).mtimeMs > statSync(built).mtimeMs);
    if (stale) await run('npx', ['electron-vite', 'build'], { cwd: ROOT });
    await closedSession();
  }, 240_000);
  afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists and exports from the data dir of a running host, read-only', async () => {
    const list = await cli('sessions', '--data', host.dataDir);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(sessionId);
    expect(list.stdout).toMatch(/closed .*7 asked, 5 approved, 2 answered, 2 hidden, 8 votes, 6 devices {2}Budget forum: 2025\/26/);
    const out = join(dir, 'record.json');
    const exported = await cli('export', '--data', host.dataDir, '--session', sessionId, '--format', 'json', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(verifyArchive(JSON.parse(readFileSync(out, 'utf8')))).toMatchObject({ ok: true, finalHash });
    const toDir = await cli('export', '--data', host.dataDir, '--session', sessionId, '--format', 'md', '--out', dir);
    expect(toDir.stdout).toMatch(/budget-forum-2025-26\.md/);
    const missing = await cli('export', '--data', host.dataDir, '--session', 'nosuchsession', '--format', 'md');
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.stderr).toContain('No session with id');
  });

  it('verify: intact for a fresh archive, names the event after one changed byte, explains an unreadable file', async () => {
    const file = join(dir, 'archive.json');
    const text = (await download('json')).body.toString('utf8');
    writeFileSync(file, text);
    const intact = await cli('verify', file);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout.trim()).toBe(`intact: ${(JSON.parse(text) as Archive).events.length} events, final hash ${finalHash}`);

    const archive = JSON.parse(text) as Archive;
    const target = archive.events.find((e) => e.body.type === 'question.asked' && e.body.questionId === q.anon)!;
    const at = text.indexOf('Can we get more bus lanes?');
    const bytes = Buffer.from(text, 'utf8');
    const offset = Buffer.byteLength(text.slice(0, at), 'utf8') + 'Can we get more '.length;
    bytes[offset] = 'B'.charCodeAt(0); // "bus" → "Bus": one byte
    writeFileSync(file, bytes);
    const altered = await cli('verify', file);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain(`altered: event #${target.seq}`);

    writeFileSync(file, text.slice(0, 100));
    const unreadable = await cli('verify', file);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/cannot read .*not valid JSON/);
    expect((await cli('verify', join(dir, 'nope.json'))).code).toBe(2);
    writeFileSync(file, '{"format":"something else"}');
    const other = await cli('verify', file);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('not an Open Floor archive');
  });
});
