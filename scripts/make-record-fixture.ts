/**
 * Makes test/fixtures/record-format-1/: a full meeting recorded by a REAL host (real SQLite, phones over
 * WebSockets, control commands over HTTP, as the tests drive it), closed, then its archive and its minutes
 * in every export format, English and Spanish. Run once per record format, then never again for that
 * format (the fixture is frozen: later code must read it as it is):
 *
 *   npm run -s build && npx vitest run -c scripts/make-record-fixture.vitest.mts
 *
 * The committed record-format-1 was made by this script run over the sources of commit c13fdcf (the last
 * release before record formats: `git archive c13fdcf` into a temp folder with this script beside it), so
 * its data folder is a true old one (store version 1, no record_format column).
 *
 * The host's clock is shifted to a fixed evening (Date.now plus an offset) so the record reads like a
 * meeting and a speaker can run over time without waiting; the times within it are as they ran.
 */
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { exportSession } from '../src-main/host/export/export-session.js';
import { paperCode } from '../src-main/host/features/paper-codes/code-book.js';
import { Store } from '../src-main/host/store/store.js';
import { EXPORT_FORMAT_NAMES, type ExportFormat } from '../src-shared/minutes/formats.js';
import { startTestHost, TestPhone, type TestHost } from '../test/helpers/host-harness.js';
import { joinFrom } from '../test/helpers/join-from.js';
import { FIXTURE_DIR, FIXTURE_EXPORTED_AT, FIXTURE_LOCALES, fixtureFileName } from '../test/fixtures/record-fixture-layout.js';

const MEETING_START = Date.UTC(2026, 2, 12, 18, 0, 0);

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

async function ask(phone: TestPhone, text: string, name?: string): Promise<string> {
  const rid = phone.send({ kind: 'ask', text, ...(name ? { name } : {}) });
  const receipt = await phone.until(() => phone.receipt(rid));
  if (!receipt.ok || !receipt.questionId) throw new Error(`ask refused: ${text}`);
  return receipt.questionId;
}

async function request(phone: TestPhone, draft: Parameters<TestPhone['send']>[0]): Promise<void> {
  const rid = phone.send(draft);
  const receipt = await phone.until(() => phone.receipt(rid));
  if (!receipt.ok) throw new Error(`${draft.kind} refused: ${receipt.reason}`);
}

async function pollOf(h: TestHost, input: Record<string, unknown>): Promise<string> {
  const r = await h.control('createPoll', input as never);
  if (!r.ok) throw new Error(r.error);
  return (r.value as { pollId: string }).pollId;
}

/** The meeting: agenda, speakers (interpreter, overrun, walk-in), every poll kind, moderation, paper codes. */
async function holdMeeting(h: TestHost, shiftClock: (ms: number) => void): Promise<string> {
  await h.mustControl('phonesPerAddress', { max: 50 });
  await h.mustControl('createSession', { title: 'Consejo Municipal / Town Council — March', place: 'Council Chamber', facilitator: 'Rosa Díaz' });
  await h.mustControl('setPremoderation', { on: true });
  await h.mustControl('openSession', {});
  const session = h.host.currentSession()!;
  const { itemId: budget } = await must(h.control('addItem', { title: 'Budget 2026–27', description: 'Draft budget, first reading.', speakingSeconds: 60 }));
  const { itemId: parks } = await must(h.control('addItem', { title: 'Parks and the river path', speakingSeconds: 120, maxSpeakers: 5 }));
  await must(h.control('addItem', { title: 'Approval of last minutes', publicComment: false }));
  await must(h.control('setCurrentItem', { itemId: budget }));

  // Paper codes issued; two phones join with one, the rest without.
  await must(h.control('issuePaperCodes', { count: 8 }));
  const store = new Store(h.dataDir, { readOnly: true });
  const secret = store.session(session.id)!.secret;
  store.close();
  const paperPhones: TestPhone[] = [];
  for (const n of [1, 2]) {
    const joined = await joinFrom(h, session.joinCode, '127.0.0.1', undefined, paperCode(secret, n));
    if (joined.status !== 200 || !joined.body.roomId) throw new Error(`paper code ${n} refused`);
    const phone = new TestPhone(h.lanOrigin, joined.body.roomId);
    await phone.synced();
    paperPhones.push(phone);
  }
  const [ana, ben] = paperPhones as [TestPhone, TestPhone];
  const [carla, dev, eve] = [await h.phone(session.joinCode), await h.phone(session.joinCode), await h.phone(session.joinCode)];

  // Questions, in English and Spanish; moderation: approve, edit, merge, hide, answer.
  const q1 = await ask(ana, 'Will the library open on Sundays?', 'Ana');
  const q2 = await ask(carla, '¿Por qué sube la tarifa del agua?', 'Carla');
  const q3 = await ask(ben, 'Library on Sunday??');
  const q4 = await ask(dev, 'This is off topic, buy my car');
  const q5 = await ask(eve, 'When will the river path be repaired?');
  for (const q of [q1, q2, q3, q5]) await h.mustControl('approve', { questionId: q });
  await h.mustControl('hide', { questionId: q4 });
  await h.mustControl('editQuestion', { questionId: q1, text: 'Will the library open on Sunday afternoons?' });
  await request(dev, { kind: 'vote', questionId: q3 });
  await request(eve, { kind: 'vote', questionId: q1 });
  await request(carla, { kind: 'vote', questionId: q1 });
  await h.mustControl('mergeQuestion', { questionId: q3, into: q1 });
  await h.mustControl('setFloor', { questionId: q1 });
  shiftClock(90_000);
  await h.mustControl('markAnswered', { questionId: q1 });
  await h.mustControl('setFloor', { questionId: q2 });
  shiftClock(60_000);
  await h.mustControl('markAnswered', { questionId: q2, reply: 'La tarifa sube un 3 % por el coste de la energía.' });

  // Speakers on the budget: Ana with an interpreter (double time), Ben runs over, a walk-in.
  await request(ana, { kind: 'speak', itemId: budget, name: 'Ana', subject: 'Library hours', interpreter: true });
  await request(ben, { kind: 'speak', itemId: budget, name: 'Ben', subject: 'Parking fees' });
  await must(h.control('addSpeaker', { itemId: budget, name: 'Mr. Okafor', subject: 'Street lights' }));
  await must(h.control('callSpeaker', {}));
  await must(h.control('timer', { action: 'start' }));
  shiftClock(100_000);
  await must(h.control('callSpeaker', {})); // ends Ana (done) and calls Ben
  await must(h.control('timer', { action: 'start' }));
  shiftClock(75_000); // 15 s over his minute
  const walkIn = await must(h.control('callSpeaker', {}));
  await must(h.control('timer', { action: 'start' }));
  shiftClock(40_000);
  await must(h.control('endSpeaker', { speakerId: walkIn.speakerId, as: 'done' }));

  // Every poll kind, on the parks item.
  await must(h.control('setCurrentItem', { itemId: parks }));
  const single = await pollOf(h, { kind: 'single', question: 'Which design for the river path?', options: ['Gravel', 'Boardwalk', 'Asphalt'] });
  const multiple = await pollOf(h, { kind: 'multiple', question: 'Which park facilities matter most?', options: ['Toilets', 'Lighting', 'Benches', 'Play area'], maxChoices: 2 });
  const yesno = await pollOf(h, { kind: 'yesno', question: '¿Aprobar el presupuesto de parques?' });
  const rating = await pollOf(h, { kind: 'rating', question: 'How clear was the budget presentation?', visibility: 'after-close' });
  await h.mustControl('editPoll', { pollId: single, kind: 'single', question: 'Which surface for the river path?', options: ['Gravel', 'Boardwalk', 'Asphalt'] });
  const phones = [ana, ben, carla, dev, eve];
  const ballots: Array<[string, number[][]]> = [
    [single, [[0], [1], [1], [2], [1]]],
    [multiple, [[0, 1], [1], [2, 3], [0, 1], [1, 2]]],
    [yesno, [[0], [0], [1], [2], [0]]],
    [rating, [[4], [3], [2], [4], [3]]],
  ];
  for (const [pollId, choices] of ballots) {
    await h.mustControl('openPoll', { pollId });
    await h.mustControl('showPoll', { pollId });
    for (const [i, phone] of phones.entries()) await request(phone, { kind: 'ballot', pollId, choices: choices[i]! });
    if (pollId === single) await request(carla, { kind: 'ballot', pollId, choices: [0] }); // changed her mind
    shiftClock(30_000);
    await h.mustControl('closePoll', { pollId });
  }
  await h.mustControl('showPoll', { pollId: null });
  await h.mustControl('closeSession', {});
  for (const p of [ana, ben]) p.destroy();
  return session.id;
}

it('records the format-1 fixture', { timeout: 120_000 }, async () => {
  const realNow = Date.now.bind(Date);
  let offset = MEETING_START - realNow();
  Date.now = () => realNow() + offset;
  const host = await startTestHost();
  let sessionId: string;
  try {
    sessionId = await holdMeeting(host, (ms) => (offset += ms));
  } finally {
    await host.stop(false);
    Date.now = realNow;
  }
  rmSync(FIXTURE_DIR, { recursive: true, force: true });
  mkdirSync(join(FIXTURE_DIR, 'minutes'), { recursive: true });
  cpSync(host.dataDir, join(FIXTURE_DIR, 'data'), { recursive: true });
  rmSync(host.dataDir, { recursive: true, force: true });
  const store = new Store(join(FIXTURE_DIR, 'data'), { readOnly: true });
  try {
    for (const format of EXPORT_FORMAT_NAMES) {
      for (const locale of format === 'json' ? [FIXTURE_LOCALES[0]] : FIXTURE_LOCALES) {
        const file = await exportSession(store, sessionId, format as ExportFormat, { locale, now: FIXTURE_EXPORTED_AT });
        const path = format === 'json' ? join(FIXTURE_DIR, 'archive.json') : join(FIXTURE_DIR, 'minutes', fixtureFileName(format, locale));
        writeFileSync(path, file.data);
      }
    }
  } finally {
    store.close();
  }
  // The read-only exports leave SQLite's shared-memory files beside the store: the store file alone is the data.
  for (const extra of ['-wal', '-shm']) rmSync(join(FIXTURE_DIR, 'data', `open-floor.sqlite${extra}`), { force: true });
  writeFileSync(join(FIXTURE_DIR, 'session-id.txt'), `${sessionId}\n`);
  expect(readdirSync(join(FIXTURE_DIR, 'minutes'))).toHaveLength((EXPORT_FORMAT_NAMES.length - 1) * FIXTURE_LOCALES.length);
});
