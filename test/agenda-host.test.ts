import { afterEach, describe, expect, it } from 'vitest';
import { SPEAK_REFUSALS } from '../src-shared/refusals.js';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { remainingAt } from '../src-shared/features/agenda/timer.js';
import { PATHS } from '../src-shared/endpoints.js';
import { must, startTestHost, type TestHost } from './helpers/host-harness.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

describe('agenda and public comment through the host', () => {
  it('phones sign up, the desk sees the queue with phone labels, each phone its place; call next; refusals reach the phone', async () => {
    host = await startTestHost();
    const code = await host.openSession('Council', false);
    const { itemId: budget } = await must(host.control('addItem', { title: 'Budget', speakingSeconds: 120 }));
    const { itemId: minutes } = await must(host.control('addItem', { title: 'Minutes', publicComment: false }));
    await must(host.control('setCurrentItem', { itemId: budget }));
    const [a, b] = [await host.phone(code), await host.phone(code)];
    await a.until(() => a.board().agenda?.items.length === 2);
    expect(a.board().agenda).toMatchObject({ current: budget, items: [{ title: 'Budget', signupOpen: true }, { title: 'Minutes', signupOpen: false }] });

    const ra = a.send({ kind: 'speak', itemId: budget, name: 'Ana', subject: 'Library hours', interpreter: true });
    expect(await a.until(() => a.receipt(ra))).toMatchObject({ ok: true });
    const rb = b.send({ kind: 'speak', itemId: budget, subject: 'Parking' });
    expect(await b.until(() => b.receipt(rb))).toMatchObject({ ok: true });
    await b.until(() => [...roomParts(b.doc).mySpeaking.values()][0]?.place === 2);

    const again = a.send({ kind: 'speak', itemId: budget });
    expect(await a.until(() => a.receipt(again))).toMatchObject({ ok: false, reason: SPEAK_REFUSALS.alreadySignedUp });
    const closedItem = a.send({ kind: 'speak', itemId: minutes });
    expect(await a.until(() => a.receipt(closedItem))).toMatchObject({ ok: false, reason: SPEAK_REFUSALS.noPublicComment });
    const long = a.send({ kind: 'speak', itemId: budget, subject: 'x'.repeat(121) });
    expect(await a.until(() => a.receipt(long))).toMatchObject({ ok: false, reason: 'A subject can be at most 120 characters.' });

    const desk = await host.desk();
    const queue = await desk.until(() => {
      const q = desk.view().agenda?.items[0]?.queue;
      return q?.length === 2 ? q : null;
    });
    expect(queue.map((s) => [s.label, s.subject, s.interpreter, s.device, s.allowedMs])).toEqual([
      ['Ana', 'Library hours', true, 'Phone 1', 240_000],
      ['Speaker 2', 'Parking', false, 'Phone 2', 120_000],
    ]);

    await must(host.control('callSpeaker', {}));
    await b.until(() => [...roomParts(b.doc).mySpeaking.values()][0]?.place === 1);
    await a.until(() => [...roomParts(a.doc).mySpeaking.values()][0]?.status === 'floor');
    const unspeak = a.send({ kind: 'unspeak', itemId: budget });
    expect(await a.until(() => a.receipt(unspeak))).toMatchObject({ ok: false, reason: SPEAK_REFUSALS.alreadyCalled });
    await must(host.control('timer', { action: 'toggle' }));
    const board = await b.until(() => b.board().speaking?.timer);
    expect(board).toMatchObject({ allowedMs: 240_000, remainingMs: 240_000 });
    expect(b.board().speaking!.floor).toMatchObject({ label: 'Ana', subject: 'Library hours', interpreter: true });
  });

  it('a question is filed under the current item; the facilitator moves it to another', async () => {
    host = await startTestHost();
    const code = await host.openSession('Council', false);
    const { itemId: budget } = await must(host.control('addItem', { title: 'Budget' }));
    const { itemId: parks } = await must(host.control('addItem', { title: 'Parks' }));
    await must(host.control('setCurrentItem', { itemId: budget }));
    const a = await host.phone(code);
    const rid = a.send({ kind: 'ask', text: 'Why is the pool closed?' });
    const { questionId } = (await a.until(() => a.receipt(rid))) as { questionId: string };
    const desk = await host.desk();
    await desk.until(() => desk.view().agenda?.questionItems[questionId] === budget);
    await must(host.control('moveQuestion', { questionId, itemId: parks }));
    await desk.until(() => desk.view().agenda?.questionItems[questionId] === parks);
    expect(await host.control('moveQuestion', { questionId, itemId: 'no-such-item' })).toEqual({ ok: false, error: 'No such agenda item.' });
  });

  it('limits how fast a phone signs up and withdraws', async () => {
    host = await startTestHost();
    const code = await host.openSession('Council', false);
    const { itemId } = await must(host.control('addItem', { title: 'Budget' }));
    const a = await host.phone(code);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(a.send({ kind: i % 2 === 0 ? 'speak' : 'unspeak', itemId }));
    await a.until(() => ids.every((id) => a.receipt(id)));
    expect(ids.map((id) => a.receipt(id)!.ok)).toEqual([true, true, true, true, true, true, false]);
    expect(a.receipt(ids[6]!)).toMatchObject({ reason: SPEAK_REFUSALS.tooManySignUps });
  });

  it('tells the time of the host on the LAN listener, for phones to correct their own clocks', async () => {
    host = await startTestHost();
    const before = Date.now();
    const res = await fetch(`${host.lanOrigin}${PATHS.time}`);
    const body = (await res.json()) as { now: number };
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(Date.now());
  });

  it('after a restart on the same data dir, the queue and the running timer are as they were', async () => {
    host = await startTestHost();
    const code = await host.openSession('Council', false);
    const { itemId } = await must(host.control('addItem', { title: 'Budget', speakingSeconds: 60 }));
    await must(host.control('setCurrentItem', { itemId }));
    const a = await host.phone(code);
    for (const name of ['Ana', 'Ben', 'Cy']) await must(host.control('addSpeaker', { itemId, name }));
    await must(host.control('callSpeaker', {}));
    await must(host.control('timer', { action: 'start' }));
    const timer = await a.until(() => a.board().speaking?.timer);
    const dir = host.dataDir;
    await host.stop(false);
    host = await startTestHost(dir);
    const desk = await host.desk();
    const agenda = await desk.until(() => desk.view().agenda);
    expect(agenda.timer).toEqual(timer);
    expect(agenda.floor?.label).toBe('Ana');
    expect(agenda.items[0]!.queue.map((s) => s.label)).toEqual(['Ben', 'Cy']);
    const left = remainingAt(agenda.timer!, Date.now());
    expect(left).toBeGreaterThan(55_000);
    expect(left).toBeLessThanOrEqual(60_000);
  });
});
