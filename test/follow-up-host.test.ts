import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../src-shared/hash-chain.js';
import { FOLLOW_UP_REFUSALS } from '../src-shared/features/follow-up/decide-follow-up.js';
import { Store } from '../src-main/host/store/store.js';
import { exportSession } from '../src-main/host/export/export-session.js';
import { publishSessions } from '../src-main/host/publish/publish.js';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { startTestHost, type TestHost } from './helpers/host-harness.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

/** A meeting with three questions on the board: one answered on the floor, two left open. */
async function meetingWithOpenQuestions(h: TestHost, title: string): Promise<{ sessionId: string; answered: string; open: string[] }> {
  const code = await h.openSession(title, false);
  const phone = await h.phone(code);
  const ids: string[] = [];
  for (const text of ['When will the pool reopen?', 'Who pays for the new bridge?', 'Can the bus run on Sundays?']) {
    const rid = phone.send({ kind: 'ask', text });
    ids.push(((await phone.until(() => phone.receipt(rid))) as { questionId: string }).questionId);
  }
  const vote = phone.send({ kind: 'vote', questionId: ids[2]! });
  await phone.until(() => phone.receipt(vote));
  await h.mustControl('markAnswered', { questionId: ids[0]! });
  return { sessionId: h.host.currentSession()!.id, answered: ids[0]!, open: [ids[1]!, ids[2]!] };
}

const events = (h: TestHost, sessionId: string) => {
  const store = new Store(h.dataDir, { readOnly: true });
  try {
    return store.events(sessionId);
  } finally {
    store.close();
  }
};

describe('follow-up after the meeting', () => {
  it('lists the questions not answered on the floor; a written answer after the close extends the chain, and an edit keeps the earlier text', async () => {
    host = await startTestHost();
    const m = await meetingWithOpenQuestions(host, 'Spring forum');
    const early = await host.control('writeFollowUp', { sessionId: m.sessionId, questionId: m.open[0]!, outcome: 'answered', text: 'In May.', by: 'clerk' });
    expect(early).toEqual({ ok: false, error: FOLLOW_UP_REFUSALS.notClosed });
    await host.mustControl('closeSession', {});

    const view = await host.control('followUpView', { sessionId: m.sessionId });
    if (!view.ok) throw new Error(view.error);
    // Most votes first; the question answered on the floor is not there.
    expect(view.value.questions.map((q) => q.questionId)).toEqual([m.open[1], m.open[0]]);

    const first = await host.control('writeFollowUp', { sessionId: m.sessionId, questionId: m.open[0]!, outcome: 'answered', text: 'The county pays.', by: 'clerk' });
    expect(first.ok).toBe(true);
    const edited = await host.control('writeFollowUp', { sessionId: m.sessionId, questionId: m.open[0]!, outcome: 'answered', text: 'The county pays 80 %.', by: 'facilitator' });
    if (!edited.ok) throw new Error(edited.error);
    const q = edited.value.questions.find((x) => x.questionId === m.open[0]);
    expect(q?.current).toMatchObject({ outcome: 'answered', text: 'The county pays 80 %.', by: 'facilitator' });
    expect(q?.earlier.map((e) => e.text)).toEqual(['The county pays.']);
    const none = await host.control('writeFollowUp', { sessionId: m.sessionId, questionId: m.answered, outcome: 'answered', text: 'x', by: 'clerk' });
    expect(none).toEqual({ ok: false, error: FOLLOW_UP_REFUSALS.noQuestion });
    const empty = await host.control('writeFollowUp', { sessionId: m.sessionId, questionId: m.open[1]!, outcome: 'referred', text: '  ', by: 'clerk' });
    expect(empty).toEqual({ ok: false, error: FOLLOW_UP_REFUSALS.needsText.referred });

    const log = events(host, m.sessionId);
    const closedAt = log.findIndex((e) => e.body.type === 'session.closed');
    expect(log.slice(closedAt + 1).map((e) => e.body.type)).toEqual(['followup.written', 'followup.written']);
    expect(verifyChain(log).ok).toBe(true);
  });

  it('a question carried to the next meeting appears there, and answering it there answers it in both records', async () => {
    host = await startTestHost();
    const a = await meetingWithOpenQuestions(host, 'March meeting');
    await host.mustControl('closeSession', {});
    const carried = a.open[1]!;
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: carried, outcome: 'carried', text: 'Needs the transport report.', by: 'clerk' });

    await host.mustControl('createSession', { title: 'April meeting' });
    const b = host.host.currentSession()!.id;
    const inB = await host.control('followUpView', { sessionId: b });
    if (!inB.ok) throw new Error(inB.error);
    expect(inB.value.carriedIn).toEqual([
      expect.objectContaining({ questionId: carried, text: 'Can the bus run on Sundays?', votes: 1, from: expect.objectContaining({ sessionId: a.sessionId, title: 'March meeting' }) }),
    ]);
    const inA = await host.control('followUpView', { sessionId: a.sessionId });
    expect(inA.ok && inA.value.questions.find((q) => q.questionId === carried)?.carriedTo).toMatchObject({ sessionId: b, title: 'April meeting' });
    const again = await host.control('writeFollowUp', { sessionId: b, questionId: carried, outcome: 'carried', text: '', by: 'clerk' });
    expect(again).toEqual({ ok: false, error: FOLLOW_UP_REFUSALS.carriedAgain });

    // Answered at the later meeting (still a draft): recorded in both logs, once each.
    await host.mustControl('writeFollowUp', { sessionId: b, questionId: carried, outcome: 'answered', text: 'Yes, from June.', by: 'facilitator' });
    const aLog = events(host, a.sessionId);
    const bLog = events(host, b);
    expect(aLog.filter((e) => e.body.type === 'followup.written').map((e) => e.body)).toEqual([
      expect.objectContaining({ outcome: 'carried' }),
      expect.objectContaining({ outcome: 'answered', text: 'Yes, from June.', writtenIn: b }),
    ]);
    expect(aLog.filter((e) => e.body.type === 'followup.carried')).toHaveLength(1);
    expect(bLog.filter((e) => e.body.type === 'followup.carried-in')).toHaveLength(1);
    expect(bLog.filter((e) => e.body.type === 'followup.written').map((e) => e.body)).toEqual([expect.objectContaining({ outcome: 'answered', text: 'Yes, from June.' })]);
    expect(verifyChain(aLog).ok && verifyChain(bLog).ok).toBe(true);
    const store = new Store(host.dataDir, { readOnly: true });
    try {
      const md = async (id: string) => new TextDecoder().decode((await exportSession(store, id, 'md', { locale: 'en-GB' })).data);
      const aMinutes = await md(a.sessionId);
      expect(aMinutes).toContain('Written at “April meeting”.');
      expect(aMinutes).toContain('> Yes, from June.');
      const bMinutes = await md(b);
      expect(bMinutes).toMatch(/## Carried from earlier meetings\n\n1\. Can the bus run on Sundays\? \(Question 3 of “March meeting” \(.+\); 1 vote\)\n\n {3}\*Answered in writing by the facilitator/);
    } finally {
      store.close();
    }

    // A second new session does not get it again.
    await host.mustControl('closeSession', {});
    await host.mustControl('createSession', { title: 'May meeting' });
    const inC = await host.control('followUpView', { sessionId: host.host.currentSession()!.id });
    expect(inC.ok && inC.value.carriedIn).toEqual([]);
  });

  it('where the record is published is set once and refused when it is not a web address', async () => {
    host = await startTestHost();
    const m = await meetingWithOpenQuestions(host, 'June forum');
    const bad = await host.control('setPublication', { sessionId: m.sessionId, url: 'javascript:alert(1)', when: '' });
    expect(bad.ok).toBe(false);
    await host.mustControl('setPublication', { sessionId: m.sessionId, url: 'https://council.example/meetings', when: 'from 20 June' });
    await host.mustControl('setPublication', { sessionId: m.sessionId, url: 'https://council.example/meetings', when: 'from 20 June' });
    expect(events(host, m.sessionId).filter((e) => e.body.type === 'publication.set')).toHaveLength(1);
  });

  it('the minutes in both languages list the written answers with their dates and who wrote them, in every format', async () => {
    host = await startTestHost();
    const a = await meetingWithOpenQuestions(host, 'Harbour forum');
    await host.mustControl('closeSession', {});
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: a.open[0]!, outcome: 'answered', text: 'The county pays.', by: 'clerk' });
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: a.open[0]!, outcome: 'answered', text: 'The county pays 80 %.', by: 'clerk' });
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: a.open[1]!, outcome: 'referred', text: 'Transport department', by: 'facilitator' });
    const store = new Store(host.dataDir, { readOnly: true });
    try {
      const now = Date.UTC(2026, 11, 10, 12, 0);
      const en = new TextDecoder().decode((await exportSession(store, a.sessionId, 'md', { locale: 'en-GB', now })).data);
      expect(en).toMatch(/Answered in writing by the clerk on [^*]*\d{4}, \d{2}:\d{2}\. \(Edited; the earlier text is in the archive\.\)/);
      expect(en).toContain('> The county pays 80 %.');
      expect(en).toContain('What was done after the meeting is written under each question');
      expect(en).not.toContain('> The county pays.');
      expect(en).toMatch(/Referred by the facilitator on .+ to:\*\n\n {3}> Transport department/);
      const es = new TextDecoder().decode((await exportSession(store, a.sessionId, 'md', { locale: 'es-ES', now })).data);
      expect(es).toMatch(/Respondida por escrito por la secretaría el [^*]*\d{4}, \d{2}:\d{2}\./);
      expect(es).toContain('Remitida por la persona moderadora');

      const pdf = await exportSession(store, a.sessionId, 'pdf', { locale: 'en-GB', now });
      const parser = new PDFParse({ data: pdf.data.slice() });
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      await parser.destroy();
      expect(text).toContain('Answered in writing by the clerk on');
      expect(text).toContain('The county pays 80 %.');
      const docx = await exportSession(store, a.sessionId, 'docx', { locale: 'es-ES', now });
      const { value } = await mammoth.extractRawText({ buffer: Buffer.from(docx.data) });
      expect(value).toContain('Remitida por la persona moderadora');
      expect(value).toContain('Transport department');
    } finally {
      store.close();
    }
  });

  it('a follow-up that must go into two logs goes into both or neither: a failed write leaves both meetings as they were, then goes through', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-linked-'));
    const store = new Store(dataDir);
    host = await startTestHost(dataDir, { store });
    const a = await meetingWithOpenQuestions(host, 'March meeting');
    await host.mustControl('closeSession', {});
    const carried = a.open[1]!;
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: carried, outcome: 'carried', text: '', by: 'clerk' });
    await host.mustControl('createSession', { title: 'April meeting' });
    const b = host.host.currentSession()!.id;
    const before = { a: events(host, a.sessionId).length, b: events(host, b).length };

    // The later meeting's log refuses writes (as a failing disk would), the earlier one's does not.
    store.db.exec(`CREATE TEMP TRIGGER refuse_b BEFORE INSERT ON events WHEN NEW.session_id = '${b}' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
    const failed = await host.control('writeFollowUp', { sessionId: a.sessionId, questionId: carried, outcome: 'answered', text: 'Yes, from June.', by: 'clerk' });
    expect(failed.ok).toBe(false);
    expect(failed.ok ? '' : failed.error).toMatch(/The data folder cannot be written/);
    expect({ a: events(host, a.sessionId).length, b: events(host, b).length }).toEqual(before);
    const view = await host.control('followUpView', { sessionId: a.sessionId });
    expect(view.ok && view.value.questions.find((q) => q.questionId === carried)?.current?.outcome).toBe('carried');

    store.db.exec('DROP TRIGGER refuse_b');
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: carried, outcome: 'answered', text: 'Yes, from June.', by: 'clerk' });
    expect({ a: events(host, a.sessionId).length, b: events(host, b).length }).toEqual({ a: before.a + 1, b: before.b + 1 });
    const inB = await host.control('followUpView', { sessionId: b });
    expect(inB.ok && inB.value.carriedIn[0]?.current).toMatchObject({ outcome: 'answered', text: 'Yes, from June.', writtenIn: a.sessionId });
    await host.stop();
    host = null;
    store.close();
  });

  it('the published record carries the follow-up: under each question, in the public record, and the index counts it over meetings with a trend', async () => {
    host = await startTestHost();
    const a = await meetingWithOpenQuestions(host, 'March meeting');
    await host.mustControl('closeSession', {});
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: a.open[0]!, outcome: 'referred', text: 'Bridges & <Roads> department', by: 'clerk' });
    await host.mustControl('writeFollowUp', { sessionId: a.sessionId, questionId: a.open[1]!, outcome: 'carried', text: '', by: 'clerk' });
    await host.mustControl('createSession', { title: 'April meeting' });
    await host.mustControl('openSession', {});
    const b = host.host.currentSession()!.id;
    await host.mustControl('writeFollowUp', { sessionId: b, questionId: a.open[1]!, outcome: 'answered', text: 'Yes, from June.', by: 'facilitator' });
    const phone = await host.phone(host.host.currentSession()!.joinCode);
    const rid = phone.send({ kind: 'ask', text: 'Is the library open in August?' });
    const asked = ((await phone.until(() => phone.receipt(rid))) as { questionId: string }).questionId;
    await host.mustControl('approve', { questionId: asked });
    await host.mustControl('markAnswered', { questionId: asked });
    await host.mustControl('closeSession', {});

    const out = mkdtempSync(join(tmpdir(), 'open-floor-site-'));
    const store = new Store(host.dataDir, { readOnly: true });
    try {
      publishSessions(store, [a.sessionId, b], { outDir: out, locales: ['en-GB'], assetsDir: join(__dirname, '..', 'out', 'published') });
    } finally {
      store.close();
    }
    const page = readFileSync(join(out, 'meetings', a.sessionId, 'index.html'), 'utf8');
    expect(page).toContain('Referred by the clerk on');
    expect(page).toContain('Bridges &amp; &lt;Roads&gt; department');
    expect(page).not.toContain('<Roads>');
    const record = JSON.parse(readFileSync(join(out, 'meetings', b, 'record.json'), 'utf8')) as { entries: Array<Record<string, unknown>> };
    expect(JSON.stringify(record)).toContain('Can the bus run on Sundays?');
    expect(JSON.stringify(record)).toContain('Yes, from June.');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toMatch(/All meetings \(2\)/);
    expect(index).toContain('trend-answered.png');
    expect(existsSync(join(out, 'trend-answered.png'))).toBe(true);
  });
});

