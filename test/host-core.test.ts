import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { REFUSALS } from '../src-shared/refusals.js';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { verifyChain } from '../src-shared/hash-chain.js';
import { Store } from '../src-main/host/store/store.js';
import { startTestHost, type TestHost } from './helpers/host-harness.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

describe('the core loop over WebSockets', () => {
  it('a pre-moderated question reaches other phones only after approval; votes count once per phone', async () => {
    host = await startTestHost();
    const code = await host.openSession('Budget forum', true);
    const [a, b, c] = [await host.phone(code), await host.phone(code), await host.phone(code)];

    const rid = a.send({ kind: 'ask', text: 'Will the library stay open on Sundays?', name: 'Ana' });
    const receipt = await a.until(() => a.receipt(rid));
    expect(receipt).toMatchObject({ ok: true });
    const qid = (receipt as { questionId: string }).questionId;
    await a.until(() => roomParts(a.doc).mine.get(qid)?.status === 'waiting');
    expect(b.board().questions).toHaveLength(0);

    await host.mustControl('approve', { questionId: qid });
    await b.until(() => b.board().questions.length === 1);
    await c.until(() => c.board().questions.length === 1);
    expect(b.board().questions[0]).toMatchObject({ text: 'Will the library stay open on Sundays?', name: 'Ana', votes: 0 });

    b.send({ kind: 'vote', questionId: qid });
    c.send({ kind: 'vote', questionId: qid });
    await a.until(() => a.board().questions[0]?.votes === 2);
    const again = b.send({ kind: 'vote', questionId: qid });
    await b.until(() => b.receipt(again));
    expect(host.host.question(qid)!.votes).toBe(2);
    expect(roomParts(b.doc).myVotes.get(qid)).toBe(true);

    b.send({ kind: 'unvote', questionId: qid });
    await c.until(() => c.board().questions[0]?.votes === 1);
    await b.until(() => !roomParts(b.doc).myVotes.has(qid));

    await host.mustControl('setFloor', { questionId: qid });
    await a.until(() => roomParts(a.doc).mine.get(qid)?.status === 'on-floor');
    await host.mustControl('markAnswered', { questionId: qid });
    await a.until(() => roomParts(a.doc).mine.get(qid)?.status === 'answered');
    await c.until(() => c.board().questions[0]?.status === 'answered');
  });

  it('refuses votes on questions that are not approved, and questions over the per-minute limit', async () => {
    host = await startTestHost();
    const code = await host.openSession('Limits', true);
    const a = await host.phone(code);
    const first = a.send({ kind: 'ask', text: 'Pending question' });
    const qid = ((await a.until(() => a.receipt(first))) as { questionId: string }).questionId;
    const vote = a.send({ kind: 'vote', questionId: qid });
    expect(await a.until(() => a.receipt(vote))).toMatchObject({ ok: false, reason: REFUSALS.notVotable });

    const ids = [1, 2, 3, 4, 5].map((i) => a.send({ kind: 'ask', text: `Question ${i}` }));
    const receipts = await Promise.all(ids.map((id) => a.until(() => a.receipt(id))));
    expect(receipts.filter((r) => r.ok)).toHaveLength(4);
    expect(receipts.at(-1)).toMatchObject({ ok: false, reason: REFUSALS.tooManyQuestions });
  });

  it('rejects a question over 500 characters with a reason, and a name over 40', async () => {
    host = await startTestHost();
    const code = await host.openSession('Validation', false);
    const a = await host.phone(code);
    const long = a.send({ kind: 'ask', text: 'x'.repeat(501) });
    expect(await a.until(() => a.receipt(long))).toMatchObject({ ok: false, reason: 'A question can be at most 500 characters.' });
    const named = a.send({ kind: 'ask', text: 'ok', name: 'n'.repeat(41) });
    expect(await a.until(() => a.receipt(named))).toMatchObject({ ok: false, reason: 'A name can be at most 40 characters.' });
    expect(host.host.currentSession()!.questions).toBe(0);
  });
});

describe('bad input closes one connection, never the host', () => {
  const rawRoom = async (h: TestHost, roomId: string) => {
    const ws = new WebSocket(`${h.lanOrigin.replace('http', 'ws')}/sync/room-${roomId}`);
    await new Promise((r) => ws.once('open', r));
    return ws;
  };
  const closed = (ws: WebSocket) => new Promise<number>((r) => ws.once('close', (code) => r(code)));

  it('a malformed Yjs update, an unknown message and an oversize message each close only their socket', async () => {
    host = await startTestHost();
    const code = await host.openSession('Robustness', false);
    const good = await host.phone(code);
    const joined = await host.join(code);
    if (!joined.ok) throw new Error(joined.error);

    const bad1 = await rawRoom(host, joined.roomId);
    const c1 = closed(bad1);
    bad1.send(new Uint8Array([0, 2, 10, 255, 255, 255, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(await c1).toBe(1008);

    const bad2 = await rawRoom(host, joined.roomId);
    const c2 = closed(bad2);
    bad2.send(new Uint8Array([42, 1, 2]));
    expect(await c2).toBe(1008);

    const bad3 = await rawRoom(host, joined.roomId);
    const c3 = closed(bad3);
    bad3.send(new Uint8Array(70 * 1024));
    expect(await c3).toBe(1009);

    const bad4 = await rawRoom(host, joined.roomId);
    const c4 = closed(bad4);
    bad4.send('not binary');
    expect(await c4).toBe(1008);

    const rid = good.send({ kind: 'ask', text: 'Still working?' });
    expect(await good.until(() => good.receipt(rid))).toMatchObject({ ok: true });
    expect(good.provider.wsconnected).toBe(true);
  });

  it('an unknown room is refused at the door', async () => {
    host = await startTestHost();
    await host.openSession('Rooms', false);
    const ws = new WebSocket(`${host.lanOrigin.replace('http', 'ws')}/sync/room-doesnotexist`);
    const err = await new Promise<Error>((r) => ws.once('error', r));
    expect(err.message).toContain('404');
  });

  it('a request of unknown shape gets a rejection receipt and changes nothing', async () => {
    host = await startTestHost();
    const code = await host.openSession('Shapes', false);
    const a = await host.phone(code);
    roomParts(a.doc).requests.push([{ kind: 'delete-everything', id: 'req-evil-001' }]);
    expect(await a.until(() => a.receipt('req-evil-001'))).toMatchObject({ ok: false });
    expect(host.host.currentSession()!.questions).toBe(0);
  });
});

describe('a flood from one phone', () => {
  it('is cut off (rate limits, then the socket) while other phones carry on', async () => {
    host = await startTestHost();
    const code = await host.openSession('Flood', false);
    const victim = await host.phone(code);
    const flooder = await host.phone(code);
    const asked = victim.send({ kind: 'ask', text: 'A normal question' });
    const qid = ((await victim.until(() => victim.receipt(asked))) as { questionId: string }).questionId;
    await flooder.until(() => flooder.board().questions.length === 1);

    const closedBy = new Promise<number>((r) => flooder.provider.ws?.addEventListener('close', (e) => r(e.code)));
    // Each push is its own Yjs update, so its own message: 700 in a burst.
    const ids: string[] = [];
    for (let i = 0; i < 700; i++) ids.push(flooder.send({ kind: i % 2 ? 'unvote' : 'vote', questionId: qid }));
    const other = victim.send({ kind: 'ask', text: 'Still heard during the flood?' });
    expect(await victim.until(() => victim.receipt(other))).toMatchObject({ ok: true });
    expect(await closedBy).toBe(1008);

    const receipts = ids.map((id) => host!.host.receipt(flooder.roomId, id));
    const answered = receipts.filter((r) => r !== undefined);
    expect(answered.filter((r) => r!.ok)).toHaveLength(120);
    expect(answered.filter((r) => !r!.ok).every((r) => !r!.ok && r!.reason === REFUSALS.tooManyVotes)).toBe(true);
    expect(host.host.question(qid)!.votes).toBeLessThanOrEqual(1);
  });
});

describe('joining and control', () => {
  it('allows 30 joins a minute per address, then says why it refuses', async () => {
    host = await startTestHost();
    const code = await host.openSession('Joins', false);
    const results = [];
    for (let i = 0; i < 31; i++) results.push(await host.join(code));
    expect(results.slice(0, 30).every((r) => r.ok)).toBe(true);
    expect(results[30]).toEqual({ ok: false, error: 'Too many phones joined from this network in the last minute. Try again shortly.' });
  });

  it('refuses a wrong code and the control API without the right token', async () => {
    host = await startTestHost();
    await host.openSession('Tokens', false);
    expect(await host.join('ZZZZZZ')).toMatchObject({ ok: false, error: 'No session with that code is running here.' });
    const wrong = await fetch(`${host.host.loopbackOrigin}/api/closeSession`, { method: 'POST', headers: { 'x-open-floor-token': 'nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const missing = await fetch(`${host.host.loopbackOrigin}/api/closeSession`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(401);
    const foreign = await fetch(`${host.host.loopbackOrigin}/api/closeSession`, {
      method: 'POST', body: '{}', headers: { 'x-open-floor-token': host.host.token, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(host.host.currentSession()!.status).toBe('open');
    // The LAN listener does not serve control at all.
    const viaLan = await fetch(`${host.lanOrigin}/api/closeSession`, { method: 'POST', headers: { 'x-open-floor-token': host.host.token }, body: '{}' });
    expect(viaLan.status).toBe(405);
    const desk = new WebSocket(`${host.host.loopbackOrigin.replace('http', 'ws')}/sync/desk?t=wrong`);
    expect((await new Promise<Error>((r) => desk.once('error', r))).message).toContain('403');
  });

  it('a control command with bad input answers with a clear error', async () => {
    host = await startTestHost();
    expect(await host.control('createSession', { title: '   ' })).toEqual({ ok: false, error: 'Give the session a title.' });
    expect(await host.control('approve', { questionId: 'nosuchquestion' })).toEqual({ ok: false, error: 'There is no session yet. Create one first.' });
  });
});

describe('sessions', () => {
  it('lists every session with its status, and a new one only after the current one is closed', async () => {
    host = await startTestHost();
    await host.openSession('First', false);
    expect(await host.control('createSession', { title: 'Second' })).toEqual({ ok: false, error: 'Close “First” before starting a new session.' });
    await host.mustControl('closeSession', {});
    await host.mustControl('createSession', { title: 'Second' });
    expect(host.host.sessionList().map((s) => [s.title, s.status])).toEqual([
      ['First', 'closed'],
      ['Second', 'draft'],
    ]);
    await host.mustControl('openSession', {});
    expect(host.host.sessionList().map((s) => s.status)).toEqual(['closed', 'open']);
  });
});

describe('durability', () => {
  it('after a restart the same state comes back, replayed requests apply once, and the chain verifies', async () => {
    host = await startTestHost();
    const code = await host.openSession('Restart', false);
    const a = await host.phone(code);
    const b = await host.phone(code);
    const rid = a.send({ kind: 'ask', text: 'Survives a restart?' });
    const qid = ((await a.until(() => a.receipt(rid))) as { questionId: string }).questionId;
    await b.until(() => b.board().questions.length === 1);
    const vid = b.send({ kind: 'vote', questionId: qid });
    await b.until(() => b.receipt(vid));
    const dataDir = host.dataDir;
    const roomB = b.roomId;
    const bState = b.doc;
    await host.stop(false);

    host = await startTestHost(dataDir);
    const session = host.host.currentSession()!;
    expect(session.status).toBe('open');
    expect(host.host.question(qid)!.votes).toBe(1);

    // Phone B comes back with its old copy (including the already-applied vote request).
    const { TestPhone } = await import('./helpers/host-harness.js');
    const again = new TestPhone(host.lanOrigin, roomB);
    const { applyUpdate, encodeStateAsUpdate } = await import('yjs');
    applyUpdate(again.doc, encodeStateAsUpdate(bState));
    await again.synced();
    const second = again.send({ kind: 'vote', questionId: qid });
    await again.until(() => again.receipt(second));
    expect(again.board().questions[0]!.votes).toBe(1);
    again.destroy();

    const store = new Store(dataDir);
    const events = store.events(session.id);
    store.close();
    expect(verifyChain(events).ok).toBe(true);
    expect(events.filter((e) => e.body.type === 'vote.cast')).toHaveLength(1);
  });
});
