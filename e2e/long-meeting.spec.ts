import * as Y from 'yjs';
import { boardItem, openPhone, ask, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';
import { Store } from '../src-main/host/store/store.js';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { verifyChain } from '../src-shared/hash-chain.js';

/** The room documents of a session as the host stored them (read after the host stopped). */
function storedRooms(store: Store, sessionId: string): Y.Doc[] {
  return store.devices(sessionId).map(({ roomId }) => {
    const doc = new Y.Doc();
    for (const u of store.docUpdates(`room-${roomId}`).updates) Y.applyUpdate(doc, u);
    return doc;
  });
}

// Issue 21: the phone deletes a request from its room once it has the final receipt (and the request has
// left its outbox); the host drops the receipt. A kill -9 lands between the host logging a vote and the
// phone pruning it: after the restart every tap counts once and the room holds nothing answered.
test('the phone prunes answered requests, and a kill -9 between the log and the pruning loses and doubles nothing', async ({ host, newPhone }) => {
  await host.start(['--session', 'Three hours']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const lanPort = new URL(host.urls.lanOrigin).port;

  const phone = (await newPhone('Pixel 7')).page;
  await openPhone(phone, joinUrl!);
  const q = 'Will the swimming pool reopen this summer?';
  await ask(phone, q);
  await expect(boardItem(phone, q)).toContainText('0 votes');
  for (let i = 0; i < 10; i++) {
    await upvote(phone, q).click();
    await expect(boardItem(phone, q)).toContainText(i % 2 === 0 ? '1 vote' : '0 votes');
  }

  // Five quick taps (vote, withdraw, vote, withdraw, vote) and the laptop dies right after the last.
  for (let i = 0; i < 5; i++) await upvote(phone, q).click();
  await host.kill('SIGKILL');
  await expect(phone.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await host.start(['--port', lanPort]);
  await expect(phone.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
  await expect(boardItem(phone, q)).toContainText('1 vote');
  await expect(upvote(phone, q)).toHaveAttribute('aria-pressed', 'true');

  // Two more taps, answered after the phone's earlier deletes reached the host (one WebSocket, in order).
  await upvote(phone, q).click();
  await expect(boardItem(phone, q)).toContainText('0 votes');
  await upvote(phone, q).click();
  await expect(boardItem(phone, q)).toContainText('1 vote');
  await host.kill('SIGTERM');
  const store = new Store(host.dataDir);
  try {
    const events = store.events(sessionId!);
    expect(verifyChain(events).ok).toBe(true);
    const votes = events.filter((e) => e.body.type === 'vote.cast' || e.body.type === 'vote.withdrawn').map((e) => e.body.type);
    // Every tap alternates (a tap applied twice would show two casts or two withdrawals in a row).
    votes.forEach((type, i) => expect(type).toBe(i % 2 === 0 ? 'vote.cast' : 'vote.withdrawn'));
    expect(votes.at(-1)).toBe('vote.cast');
    // 10 taps, 5 around the kill, 2 after: each exactly once.
    expect(votes).toHaveLength(17);
    for (const doc of storedRooms(store, sessionId!)) {
      const { requests, receipts } = roomParts(doc);
      expect(requests.length).toBeLessThanOrEqual(1);
      expect(receipts.size).toBeLessThanOrEqual(1);
    }
  } finally {
    store.close();
  }
});
