import type { Page } from '@playwright/test';
import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

const BUDGET = 'Budget 2027';
const MINUTES = 'Approval of minutes';

async function addItem(consolePage: Page, title: string, publicComment: boolean): Promise<void> {
  const form = consolePage.getByRole('form', { name: 'Add item' });
  if (!(await form.isVisible())) await consolePage.getByText(/^Add an agenda item/).click();
  await form.getByLabel('Title').fill(title);
  const comment = form.getByLabel('Public comment');
  if ((await comment.isChecked()) !== publicComment) await comment.click();
  await form.getByRole('button', { name: 'Add item' }).click();
  await expect(consolePage.getByRole('listitem', { name: title })).toBeVisible();
}

test('written comments: a phone sends one (offline first), the console lists it under the item, the minutes too; no button without public comment', async ({
  host,
  newPhone,
  browser,
}) => {
  await host.start(['--session', 'Council meeting']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  const laptop = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  const { context, page: phone } = await newPhone('Pixel 7');
  await openPhone(phone, joinUrl!);

  await addItem(consolePage, MINUTES, false);
  await addItem(consolePage, BUDGET, true);

  // The current item without public comment offers no written comment.
  await consolePage.getByRole('button', { name: `Make ${MINUTES} current` }).click();
  await expect(phone.getByRole('listitem').filter({ hasText: MINUTES })).toContainText('Now');
  await expect(phone.getByRole('button', { name: /^Send a written comment/ })).toHaveCount(0);

  await consolePage.getByRole('button', { name: `Make ${BUDGET} current` }).click();
  await expect(phone.getByRole('listitem').filter({ hasText: BUDGET })).toContainText('Now');
  await phone.getByRole('button', { name: `Send a written comment on ${BUDGET}` }).click();
  const form = phone.getByRole('form', { name: `Send a written comment on ${BUDGET}` });
  await form.getByLabel('Your comment').fill('Please keep the <b>library</b> open on Sundays.');
  await expect(form.getByText('47 / 2,000')).toBeVisible();
  await form.getByLabel('Your name (optional)').fill('Ana');

  // Offline, it waits on the phone; back online it is received.
  await context.setOffline(true);
  await form.getByRole('button', { name: 'Send comment' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Sending your comment…' })).toBeVisible();
  await context.setOffline(false);
  await expect(phone.getByRole('status').filter({ hasText: 'Your comment was received.' })).toBeVisible();

  // The console lists it under the item, as text.
  const comments = consolePage.getByRole('region', { name: `Written comments on ${BUDGET}` });
  await expect(comments.getByRole('heading', { name: 'Written comments (1)' })).toBeVisible();
  await expect(comments.getByRole('listitem')).toHaveText(/^Please keep the <b>library<\/b> open on Sundays\.Ana · \d\d:\d\d/);
  await expect(consolePage.getByRole('region', { name: `Written comments on ${MINUTES}` })).toHaveCount(0);

  // The Markdown minutes list it under its item.
  const md = await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}`)).text();
  const budget = md.slice(md.indexOf(`### 2\\. ${BUDGET}`));
  expect(budget).toContain('**Written comments (1)**');
  expect(budget).toContain('- Please keep the \\<b>library\\</b> open on Sundays. — *Ana, ');
  expect(md.slice(0, md.indexOf(`### 2\\. ${BUDGET}`))).not.toContain('Written comments');
  await laptop.close();
});
