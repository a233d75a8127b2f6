import { ready, ask, boardItem, openPhone } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

test('markup in a question and a name is shown as text and never runs', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Untrusted text']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const a = (await newPhone('Pixel 7')).page;
  const b = (await newPhone('iPhone 14')).page;
  await openPhone(a, joinUrl!);
  await openPhone(b, joinUrl!);

  const evil = '<img src=x onerror="document.body.dataset.pwned=1"> and <b>bold</b>?';
  await ask(a, evil, '<i>Mallory</i>');
  await expect(boardItem(b, evil)).toBeVisible();
  await expect(boardItem(b, evil)).toContainText('<i>Mallory</i>');
  const laptop = await browser.newContext();
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);
  await expect(projector.getByText(evil)).toBeVisible();
  for (const page of [a, b, projector]) {
    await expect(page.locator('body')).not.toHaveAttribute('data-pwned', '1');
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('b, i').filter({ hasText: /^(bold|Mallory)$/ })).toHaveCount(0);
  }
  await laptop.close();
});

test('a question over 500 characters cannot be sent, and the phone says why', async ({ host, newPhone }) => {
  await host.start(['--session', 'Limits']);
  const { joinUrl } = await host.waitForLine('session-open');
  const { page } = await newPhone('Pixel 7');
  await openPhone(page, joinUrl!);
  const box = page.getByLabel('Your question');
  await box.fill('x'.repeat(600));
  // The field stops at the limit; what was typed is kept, not thrown away.
  await expect(box).toHaveValue('x'.repeat(500));
  await expect(page.getByLabel('Your name (optional)')).toHaveAttribute('maxlength', '40');
});

test('the 31st join from one address in a minute is refused, and the phone shows why', async ({ host, newPhone }) => {
  await host.start(['--session', 'Crowded network']);
  const { joinUrl, code } = await host.waitForLine('session-open');
  for (let i = 0; i < 30; i++) {
    const res = await fetch(`${host.urls.lanOrigin.replace(/\/\/[^:]+:/, '//127.0.0.1:')}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(res.status).toBe(200);
  }
  const { page } = await newPhone('Pixel 7');
  await page.goto(joinUrl!);
  await expect(page.getByText('Too many phones joined from this network in the last minute. Try again shortly.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
});
