import { ready, ask, boardItem, openPhone, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';
import { Store } from '../src-main/host/store/store.js';
import { verifyChain } from '../src-shared/hash-chain.js';

test('after SIGKILL and a restart on the same data dir, every screen shows the same state and the chain verifies', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Power cut']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const lanPort = new URL(host.urls.lanOrigin).port;

  const a = (await newPhone('Pixel 7')).page;
  const b = (await newPhone('iPhone 14')).page;
  await openPhone(a, joinUrl!);
  await openPhone(b, joinUrl!);
  const q1 = 'Is the bridge repair funded?';
  const q2 = 'Can we have more benches?';
  await ask(a, q1);
  await ask(b, q2);
  await upvote(b, q1).click();
  await upvote(a, q2).click();
  await upvote(b, q2).click();
  await expect(boardItem(a, q1)).toContainText('1 vote');
  await expect(boardItem(a, q2)).toContainText('2 votes');

  await host.kill('SIGKILL');
  await expect(a.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

  // Same LAN port, so the phones find the host again by themselves; the console gets a new token.
  await host.start(['--port', lanPort]);
  await expect(a.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
  await expect(b.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });

  const laptop = await browser.newContext();
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);

  for (const page of [a, b]) {
    await expect(boardItem(page, q1)).toContainText('1 vote');
    await expect(boardItem(page, q2)).toContainText('2 votes');
  }
  await expect(upvote(a, q2)).toHaveAttribute('aria-pressed', 'true');
  await expect(projector.getByText(q1)).toBeVisible();
  await expect(projector.getByText(q2)).toBeVisible();
  await expect(consolePage.getByText(q1)).toBeVisible();
  await expect(consolePage.getByText(q2)).toBeVisible();

  // A vote replayed after the restart is not counted twice.
  await upvote(b, q2).click();
  await expect(boardItem(a, q2)).toContainText('1 vote');
  await upvote(b, q2).click();
  await expect(boardItem(a, q2)).toContainText('2 votes');

  await host.kill('SIGTERM');
  const store = new Store(host.dataDir);
  const events = store.events(sessionId!);
  store.close();
  const check = verifyChain(events);
  expect(check.ok).toBe(true);
  expect(events.filter((e) => e.body.type === 'question.asked')).toHaveLength(2);
  await laptop.close();
});
