import { ask, boardItem } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

test('the question form works before the room’s code arrives, and a phone whose WebSocket works never fetches WebRTC', async ({ host, newPhone }) => {
  await host.start(['--session', 'Quick start']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);

  const { page } = await newPhone('Pixel 7');
  const fetched: string[] = [];
  const sockets: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
  // Hold the live room's chunk (Yjs and the transports) until the question is sent.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/room-live-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });

  await page.goto(joinUrl!);
  const question = 'Asked before the room had loaded';
  await ask(page, question);
  // Kept on the phone (the outbox) and shown as such, with no room document yet.
  await expect(page.getByText('Waiting to send')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Connecting' })).toBeVisible();
  expect(sockets).toEqual([]);

  release();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(boardItem(page, question)).toBeVisible();
  await expect(page.getByText('Waiting to send')).toHaveCount(0);

  expect(fetched.some((p) => p.startsWith('/assets/room-live-'))).toBe(true);
  expect(fetched.filter((p) => /webrtc/i.test(p))).toEqual([]);
  expect(sockets.filter((p) => p === '/signal')).toEqual([]);
  expect(sockets.some((p) => p.startsWith('/sync/room-'))).toBe(true);
});

test('a question shown as waiting to send is already kept on the phone: a reload before the room loaded keeps it, and it arrives once', async ({ host, newPhone }) => {
  await host.start(['--session', 'Kept at once']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);

  const { page } = await newPhone('Pixel 7');
  // No room document at all (so no IndexedDB) until released: only the outbox can keep the question.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/room-live-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(joinUrl!);
  const question = 'Typed, then the page went away at once';
  await ask(page, question);
  await expect(page.getByText('Waiting to send')).toBeVisible();

  await page.reload();
  await expect(page.getByText(question)).toBeVisible();
  await expect(page.getByText('Waiting to send')).toBeVisible();

  release();
  await expect(boardItem(page, question)).toBeVisible();
  await expect(page.getByText('Waiting to send')).toHaveCount(0);
  await expect(boardItem(page, question)).toHaveCount(1);
});
