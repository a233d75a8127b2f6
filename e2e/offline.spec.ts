import { ready, ask, boardItem, openPhone } from './fixtures/pages.js';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/test.js';

/** Whether `text` is in the phone's y-indexeddb store of its room (updates are Yjs binary, text UTF-8). */
function storedInIndexedDb(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (wanted) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('room-'));
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      if (!db.objectStoreNames.contains('updates')) continue;
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction('updates', 'readonly').objectStore('updates').getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      const decoder = new TextDecoder();
      if (values.some((v) => v instanceof Uint8Array && decoder.decode(v).includes(wanted))) return true;
    }
    return false;
  }, text);
}

test('a question typed offline survives a reload and arrives exactly once when the phone is back', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Weak Wi-Fi']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);

  const { context, page } = await newPhone('Pixel 7');
  await openPhone(page, joinUrl!);
  // The page can reload without a network once its offline copy is stored.
  await expect(page.locator('body')).toHaveAttribute('data-offline-ready', 'true');

  await context.setOffline(true);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  const question = 'Typed in the basement with no signal';
  await ask(page, question);
  await expect(page.getByText('Waiting to send')).toBeVisible();
  // The request is in the room's IndexedDB copy before the reload (a reload within a few milliseconds of
  // typing, on a loaded machine, can otherwise abort the write before it commits).
  await expect.poll(() => storedInIndexedDb(page, question)).toBe(true);

  await page.reload();
  await expect(page.getByText(question)).toBeVisible();
  await expect(page.getByText('Waiting to send')).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
  await expect(boardItem(page, question)).toBeVisible();
  await expect(page.getByText('Waiting to send')).toHaveCount(0);

  // Exactly once, as the console sees it.
  const laptop = await browser.newContext();
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await expect(consolePage.getByText(question)).toHaveCount(1);
  await laptop.close();
});
