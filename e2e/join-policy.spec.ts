import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/** Issue 9, item 5, in real browsers: one phone keeps one device; the console shows and sets the cap. */
test('a browser joining again gets its own device back; the console sets the cap and lists shared addresses', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'One phone, one device']);
  const { joinUrl } = await host.waitForLine('session-open');

  const { page: phone } = await newPhone('Pixel 7');
  await openPhone(phone, joinUrl!);
  const code = new URL(joinUrl!).pathname.split('/').pop()!;
  // The device the app joined as (it keeps it in localStorage) …
  const kept = await phone.evaluate((c) => JSON.parse(localStorage.getItem(`open-floor:join:${c}`) ?? '{}').deviceId as string, code);
  expect(kept).toBeTruthy();
  // … is the device this browser gets again from POST /api/join, whatever it keeps itself: the host's
  // HttpOnly cookie names it (12 re-joins used to make 12 more devices).
  const again = await phone.evaluate(async (c) => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: c }) });
      ids.push(((await r.json()) as { deviceId: string }).deviceId);
    }
    return ids;
  }, code);
  expect(again).toEqual([kept, kept, kept]);
  expect(await phone.evaluate(() => document.cookie)).toBe(''); // not readable by page scripts

  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  const setting = consolePage.getByRole('spinbutton', { name: 'Phones per network address' });
  await expect(setting).toHaveValue('4');
  await expect(consolePage.getByText('Every phone so far joined from its own address.')).toBeVisible();
  await setting.fill('40');
  await setting.press('Enter');
  await consolePage.reload();
  await ready(consolePage);
  await expect(consolePage.getByRole('spinbutton', { name: 'Phones per network address' })).toHaveValue('40');

  const { page: second } = await newPhone('iPhone 14');
  await openPhone(second, joinUrl!);
  await expect(consolePage.getByRole('list', { name: 'Addresses with several phones' })).toContainText('2 phones');
  await laptop.close();
});
