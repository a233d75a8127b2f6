import { ready, ask, boardItem, openPhone } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

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
