import { ask, openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/** Issue 9, item 5, in real browsers: one phone keeps one device; the console shows and sets the cap. */
test('a phone that lost its stored identity gets its own device back; the console lists shared addresses', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'One phone, one device']);
  const { joinUrl } = await host.waitForLine('session-open');

  const { page: phone } = await newPhone('Pixel 7');
  await openPhone(phone, joinUrl!);
  const question = 'Is my question still mine after a reload?';
  await ask(phone, question);
  await expect(phone.getByText('Waiting for the moderator')).toBeVisible();

  // The identity the app keeps is gone (cleared storage); the host's cookie still names the device.
  await phone.evaluate(() => localStorage.clear());
  await phone.reload();
  await ready(phone);
  await expect(phone.getByText(question)).toBeVisible();

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
