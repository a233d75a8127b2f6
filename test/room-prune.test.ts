/**
 * Issue 21: a room holds what is open now, not the meeting's history. The phone deletes a request once it
 * has its final receipt (room-prune.ts), the host drops the receipt and now and then renews its parts of
 * the room (room-pruning.ts); nothing is lost, nothing is decided twice.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { appendRequest, hostParts, roomParts } from '../src-shared/docs/room-doc.js';
import { answeredRequests, pruneAnswered } from '../src-shared/docs/room-prune.js';
import { LIMITS } from '../src-shared/limits.js';
import { REFUSALS } from '../src-shared/refusals.js';
import { Store } from '../src-main/host/store/store.js';
import { startTestHost, type TestHost, type TestPhone } from './helpers/host-harness.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

const ids = (doc: Y.Doc, positions: number[]): string[] => positions.map((i) => (roomParts(doc).requests.get(i) as { id: string }).id);

describe('what the phone deletes from its room (pure)', () => {
  it('accepted requests once the host shows them; a refused one once a later one replaces it; refused questions never', () => {
    const doc = new Y.Doc();
    appendRequest(doc, { kind: 'vote', id: 'v1', questionId: 'q1' });
    appendRequest(doc, { kind: 'vote', id: 'v2', questionId: 'q2' });
    appendRequest(doc, { kind: 'ask', id: 'a1', text: 'Accepted, not yet in mine' });
    appendRequest(doc, { kind: 'ask', id: 'a2', text: 'Refused question' });
    appendRequest(doc, { kind: 'vote', id: 'v3', questionId: 'q3' });
    appendRequest(doc, { kind: 'vote', id: 'v4', questionId: 'q4' });
    const { receipts, mine } = hostParts(doc);
    receipts.set('v1', { ok: true, at: 1 });
    receipts.set('v2', { ok: false, at: 1, reason: 'Voting is closed.' });
    receipts.set('a1', { ok: true, at: 1, questionId: 'qa1' });
    receipts.set('a2', { ok: false, at: 1, reason: 'Too many questions in a minute.' });
    receipts.set('v3', { ok: false, at: 1, reason: 'The laptop cannot save right now.', retry: true });
    // v4: no receipt yet
    expect(ids(doc, answeredRequests(doc))).toEqual(['v1']);

    mine.set('qa1', { id: 'qa1', requestId: 'a1', text: 'Accepted, not yet in mine', status: 'waiting', askedAt: 1 });
    appendRequest(doc, { kind: 'unvote', id: 'v5', questionId: 'q2' });
    expect(ids(doc, answeredRequests(doc))).toEqual(['v1', 'v2', 'a1']);
    expect(pruneAnswered(doc)).toBe(3);
    expect(roomParts(doc).requests.toArray().map((r) => (r as { id: string }).id)).toEqual(['a2', 'v3', 'v4', 'v5']);
  });

  it('written comments: the last one on each item stays with its receipt (the phone says "received" from it) until a later one replaces it', () => {
    const doc = new Y.Doc();
    appendRequest(doc, { kind: 'comment', id: 'c1', itemId: 'item1', text: 'First' });
    appendRequest(doc, { kind: 'comment', id: 'c2', itemId: 'item2', text: 'Refused' });
    const { receipts } = hostParts(doc);
    receipts.set('c1', { ok: true, at: 1 });
    receipts.set('c2', { ok: false, at: 1, reason: 'No.' });
    expect(answeredRequests(doc)).toEqual([]);
    appendRequest(doc, { kind: 'comment', id: 'c3', itemId: 'item1', text: 'Second' });
    appendRequest(doc, { kind: 'comment', id: 'c4', itemId: 'item2', text: 'Again' });
    expect(ids(doc, answeredRequests(doc))).toEqual(['c1', 'c2']);
  });
});

/** What the phone app does on every change of its room: drop what is answered (the outbox first, then the room). */
function pruneLikeThePhone(phone: TestPhone): void {
  phone.doc.on('afterTransaction', (tx: Y.Transaction) => {
    if (tx.origin !== 'phone:prune') pruneAnswered(phone.doc);
  });
}

async function storedRoom(dataDir: string, roomId: string): Promise<{ encoded: number; stored: number; rows: number }> {
  const store = new Store(dataDir, { readOnly: true });
  try {
    const { updates } = store.docUpdates(`room-${roomId}`);
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return { encoded: Y.encodeStateAsUpdate(doc).length, stored: updates.reduce((n, u) => n + u.length, 0), rows: updates.length };
  } finally {
    store.close();
  }
}

describe('a long meeting in one room (host and phone)', () => {
  it('after 500 requests the room holds what is open now: under 5 KB encoded, stored size bounded by it, a fresh copy gets the same votes', async () => {
    host = await startTestHost();
    const code = await host.openSession('Three hours', false);
    const asker = await host.phone(code);
    const questionIds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = asker.send({ kind: 'ask', text: `Question ${i}` });
      questionIds.push(((await asker.until(() => asker.receipt(r))) as { questionId: string }).questionId);
    }
    const phone = await host.phone(code);
    pruneLikeThePhone(phone);
    const voted = new Set<string>();
    for (let round = 0; round < 50; round++) {
      const sent: string[] = [];
      for (let k = 0; k < 10; k++) {
        const q = questionIds[(round * 10 + k) % questionIds.length]!;
        sent.push(phone.send({ kind: voted.has(q) ? 'unvote' : 'vote', questionId: q }));
        if (voted.has(q)) voted.delete(q);
        else voted.add(q);
      }
      // every request answered and gone from the phone's room (the last refused vote of a question may stay)
      await phone.until(() => sent.every((id) => !roomParts(phone.doc).requests.toArray().some((r) => (r as { id: string }).id === id && !roomParts(phone.doc).receipts.get(id))), 10_000);
    }
    await phone.until(() => roomParts(phone.doc).requests.length <= questionIds.length);
    const roomId = phone.roomId;
    await phone.until(() => roomParts(phone.doc).receipts.size <= questionIds.length);
    const phoneBytes = Y.encodeStateAsUpdate(phone.doc).length;
    const room = await storedRoom(host.dataDir, roomId);
    console.log(`[room-prune] after 500 requests: room ${room.encoded} B encoded, ${room.stored} B stored in ${room.rows} rows; phone copy with the board ${phoneBytes} B`);
    expect(room.encoded).toBeLessThanOrEqual(5 * 1024);
    // stored: compacted once the rows hold 8 KB more than twice the last compaction
    expect(room.stored).toBeLessThanOrEqual(2 * room.encoded + 8 * 1024 + 2 * 1024);

    // A reload without a local copy downloads the room as it is now.
    const again = new (phone.constructor as new (origin: string, roomId: string) => TestPhone)(host.lanOrigin, roomId);
    await again.synced();
    await again.until(() => roomParts(again.doc).myVotes.size === voted.size || undefined);
    expect([...roomParts(again.doc).myVotes.keys()].sort()).toEqual([...voted].sort());
    console.log(`[room-prune] a reload without a local copy: ${Y.encodeStateAsUpdate(again.doc).length} B with the board`);
    again.destroy();
  });

  it('a request pruned and sent again under its id gets the same answer: an accepted vote counts once, a refusal stays a refusal', async () => {
    host = await startTestHost();
    const code = await host.openSession('Replays', true);
    const asker = await host.phone(code);
    const ask = asker.send({ kind: 'ask', text: 'Pending until approved' });
    const qid = ((await asker.until(() => asker.receipt(ask))) as { questionId: string }).questionId;

    const phone = await host.phone(code);
    pruneLikeThePhone(phone);
    const early = phone.send({ kind: 'vote', questionId: qid, id: 'vote-before-approval' });
    expect(await phone.until(() => phone.receipt(early))).toMatchObject({ ok: false, reason: REFUSALS.notVotable });
    await host.mustControl('approve', { questionId: qid });
    const counted = phone.send({ kind: 'vote', questionId: qid, id: 'vote-after-approval' });
    await phone.until(() => roomParts(phone.doc).myVotes.get(qid));
    // The refused vote was replaced by the later one; both are gone from the room, and so are their receipts.
    await phone.until(() => roomParts(phone.doc).requests.length === 0 && roomParts(phone.doc).receipts.size === 0);

    // A stale copy (another tab, an old outbox) sends both again as new items with the same ids.
    phone.send({ kind: 'vote', questionId: qid, id: counted });
    phone.send({ kind: 'vote', questionId: qid, id: early });
    expect(await phone.until(() => phone.receipt(counted))).toMatchObject({ ok: true });
    expect(await phone.until(() => phone.receipt(early))).toMatchObject({ ok: false, reason: REFUSALS.notVotable });
    expect(host.host.question(qid)!.votes).toBe(1);
  });

  it('a phone that was offline while the host pruned others loses nothing it had not sent', async () => {
    host = await startTestHost();
    const code = await host.openSession('Offline', false);
    const asker = await host.phone(code);
    pruneLikeThePhone(asker);
    const ask = asker.send({ kind: 'ask', text: 'On the screen' });
    const qid = ((await asker.until(() => asker.receipt(ask))) as { questionId: string }).questionId;
    const offline = await host.phone(code);
    pruneLikeThePhone(offline);
    offline.provider.disconnect();
    const kept = offline.send({ kind: 'vote', questionId: qid });
    // meanwhile other phones' requests come and go
    for (let i = 0; i < 20; i++) asker.send({ kind: i % 2 ? 'unvote' : 'vote', questionId: qid });
    await asker.until(() => roomParts(asker.doc).requests.length === 0);
    expect(roomParts(offline.doc).requests.length).toBe(1);
    offline.provider.connect();
    expect(await offline.until(() => offline.receipt(kept))).toMatchObject({ ok: true });
    await offline.until(() => roomParts(offline.doc).requests.length === 0);
    expect(host.host.question(qid)!.votes).toBe(1);
  });

  it('a phone that has written more than a room may hold, but pruned it, is not refused for its history', async () => {
    host = await startTestHost();
    const code = await host.openSession('Busy phone', false);
    const phone = await host.phone(code);
    pruneLikeThePhone(phone);
    const chunk = 50_000;
    const rounds = Math.ceil((1.5 * LIMITS.roomStoredBytes) / chunk);
    for (let i = 0; i < rounds; i++) {
      // refused (no such kind), answered, then deleted by the phone
      const id = phone.send({ kind: 'nonsense', id: `junk-${i}`, padding: 'x'.repeat(chunk) } as never);
      let answered = false;
      await phone.until(() => (answered ||= phone.receipt(id) !== undefined) && roomParts(phone.doc).requests.length === 0, 10_000);
    }
    const r = phone.send({ kind: 'ask', text: 'Still heard after all that?' });
    expect(await phone.until(() => phone.receipt(r))).toMatchObject({ ok: true });
  });
});
