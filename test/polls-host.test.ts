import { afterEach, describe, expect, it } from 'vitest';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { LIMITS } from '../src-shared/limits.js';
import { POLL_REFUSALS } from '../src-shared/refusals.js';
import { startTestHost, TestPhone, type TestHost } from './helpers/host-harness.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

async function createPoll(h: TestHost, input: Parameters<TestHost['control']>[1] & object): Promise<string> {
  const r = await h.control('createPoll', input as never);
  if (!r.ok) throw new Error(r.error);
  return (r.value as { pollId: string }).pollId;
}

describe('polls through the host', () => {
  it('phones answer over WebSockets; the board shows live counts, each phone its own ballot, the desk everything', async () => {
    host = await startTestHost();
    const code = await host.openSession('Parks');
    const pollId = await createPoll(host, { kind: 'single', question: 'Which park design?', options: ['North', 'River', 'Hill'] });
    const [a, b, c] = [await host.phone(code), await host.phone(code), await host.phone(code)];
    // A draft is not on the board.
    expect(a.board().polls).toEqual([]);
    await host.mustControl('openPoll', { pollId });
    await host.mustControl('showPoll', { pollId });
    await a.until(() => a.board().polls.length === 1 && a.board().pollShown === pollId);

    const ra = a.send({ kind: 'ballot', pollId, choices: [0] });
    b.send({ kind: 'ballot', pollId, choices: [1] });
    c.send({ kind: 'ballot', pollId, choices: [1] });
    await a.until(() => a.board().polls[0]?.results?.ballots === 3);
    expect(a.receipt(ra)).toMatchObject({ ok: true });
    expect(roomParts(a.doc).myBallots.get(pollId)).toEqual([0]);
    // A changes its answer: the last ballot counts.
    a.send({ kind: 'ballot', pollId, choices: [2] });
    await c.until(() => c.board().polls[0]?.results?.counts.join() === '0,2,1');
    await a.until(() => roomParts(a.doc).myBallots.get(pollId)?.[0] === 2);
    // Nobody else's ballot reaches a phone.
    expect(roomParts(b.doc).myBallots.get(pollId)).toEqual([1]);

    const desk = await host.desk();
    await desk.until(() => desk.view().polls[0]?.changes === 4);
    expect(desk.view().polls[0]).toMatchObject({ status: 'open', results: { counts: [0, 2, 1], ballots: 3 } });

    // Refusals the phone shows.
    const bad = a.send({ kind: 'ballot', pollId, choices: [7] });
    const empty = a.send({ kind: 'ballot', pollId, choices: [] });
    const unknown = a.send({ kind: 'ballot', pollId: 'nosuchpoll', choices: [0] });
    await a.until(() => a.receipt(unknown));
    expect(a.receipt(bad)).toMatchObject({ ok: false, reason: POLL_REFUSALS.noSuchOption });
    expect(a.receipt(empty)).toMatchObject({ ok: false, reason: POLL_REFUSALS.emptyBallot });
    expect(a.receipt(unknown)).toMatchObject({ ok: false, reason: POLL_REFUSALS.unknownPoll });

    await host.mustControl('closePoll', { pollId });
    const late = b.send({ kind: 'ballot', pollId, choices: [0] });
    await b.until(() => b.receipt(late));
    expect(b.receipt(late)).toMatchObject({ ok: false, reason: POLL_REFUSALS.closedPoll });
    expect(b.board().polls[0]).toMatchObject({ status: 'closed', results: { counts: [0, 2, 1] } });
  });

  it('hides counts from the room until close, and never shows console-only counts', async () => {
    host = await startTestHost();
    const code = await host.openSession('Budget');
    const hidden = await createPoll(host, { kind: 'rating', question: 'How clear was the budget?', visibility: 'after-close' });
    const secret = await createPoll(host, { kind: 'yesno', question: 'Staff only?', visibility: 'console' });
    await host.mustControl('openPoll', { pollId: hidden });
    await host.mustControl('openPoll', { pollId: secret });
    const phone = await host.phone(code);
    await phone.until(() => phone.board().polls.length === 2);
    phone.send({ kind: 'ballot', pollId: hidden, choices: [3] });
    const r = phone.send({ kind: 'ballot', pollId: secret, choices: [0] });
    await phone.until(() => phone.receipt(r));
    expect(phone.board().polls.map((p) => p.results)).toEqual([null, null]);
    await host.mustControl('closePoll', { pollId: hidden });
    await host.mustControl('closePoll', { pollId: secret });
    await phone.until(() => phone.board().polls.find((p) => p.id === hidden)?.results);
    expect(phone.board().polls.find((p) => p.id === hidden)!.results).toEqual({ counts: [0, 0, 0, 1, 0], ballots: 1, mean: 4 });
    expect(phone.board().polls.find((p) => p.id === secret)!.results).toBeNull();
  });

  it('after a restart the polls, their counts and each phone’s own ballot come back', async () => {
    host = await startTestHost();
    const code = await host.openSession('Restart');
    const pollId = await createPoll(host, { kind: 'multiple', question: 'Which days?', options: ['Mon', 'Tue', 'Wed'], maxChoices: 2 });
    await host.mustControl('openPoll', { pollId });
    await host.mustControl('showPoll', { pollId });
    const phone = await host.phone(code);
    const roomId = phone.roomId;
    const r = phone.send({ kind: 'ballot', pollId, choices: [2, 0] });
    await phone.until(() => phone.receipt(r));
    const dataDir = host.dataDir;
    await host.stop(false);
    host = await startTestHost(dataDir);
    const again = new TestPhone(host.lanOrigin, roomId);
    try {
      await again.synced();
      await again.until(() => again.board().polls[0]?.results?.ballots === 1);
      expect(again.board()).toMatchObject({ pollShown: pollId, polls: [{ id: pollId, status: 'open', results: { counts: [1, 0, 1] } }] });
      expect(roomParts(again.doc).myBallots.get(pollId)).toEqual([0, 2]);
    } finally {
      again.destroy();
    }
  });

  it('refuses ballots faster than the rate limit with a reason', async () => {
    host = await startTestHost();
    const code = await host.openSession('Storm');
    const pollId = await createPoll(host, { kind: 'single', question: 'A or B?', options: ['A', 'B'] });
    await host.mustControl('openPoll', { pollId });
    const phone = await host.phone(code);
    const sent = Array.from({ length: LIMITS.ballotsPerMinute + 1 }, (_, i) => phone.send({ kind: 'ballot', pollId, choices: [i % 2] }));
    await phone.until(() => phone.receipt(sent.at(-1)!));
    expect(phone.receipt(sent.at(-2)!)).toMatchObject({ ok: true });
    expect(phone.receipt(sent.at(-1)!)).toMatchObject({ ok: false, reason: POLL_REFUSALS.tooFast });
  });
});
