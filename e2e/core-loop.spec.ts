import { ready, ask, boardItem, openPhone, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

test('three phones: pre-moderation, approval, votes counted once and withdrawn, answered', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Library opening hours']);
  const { joinUrl } = await host.waitForLine('session-open');

  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await expect(consolePage.getByRole('checkbox', { name: 'Pre-moderation' })).toBeChecked();
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);
  await expect(projector.getByRole('img', { name: 'Join QR code' })).toBeVisible();

  const a = (await newPhone('Pixel 7')).page;
  const b = (await newPhone('iPhone 14')).page;
  const c = (await newPhone('Pixel 7')).page;
  for (const phone of [a, b, c]) await openPhone(phone, joinUrl!);
  await expect(consolePage.getByText('Connected phones: 3')).toBeVisible();
  await expect(projector.getByText('3 people connected')).toBeVisible();

  const question = 'Will the library stay open on Sundays?';
  await ask(a, question);
  await expect(a.getByText('Waiting for the moderator')).toBeVisible();

  // The console has it in the queue; nobody else sees it yet.
  await expect(consolePage.getByRole('button', { name: `Approve: ${question.slice(0, 40)}` })).toBeVisible();
  for (const page of [b, c, projector]) await expect(page.getByText(question)).toHaveCount(0);

  await consolePage.getByRole('button', { name: `Approve: ${question.slice(0, 40)}` }).click();
  for (const page of [b, c, projector]) await expect(page.getByText(question)).toBeVisible();
  await expect(a.getByText('On screen')).toBeVisible();

  await upvote(b, question).click();
  await upvote(c, question).click();
  for (const page of [a, b, c]) await expect(boardItem(page, question)).toContainText('2 votes');
  await expect(projector.getByText(question).locator('..')).toContainText('2');
  await expect(upvote(b, question)).toHaveAttribute('aria-pressed', 'true');

  await upvote(b, question).click();
  for (const page of [a, b, c]) await expect(boardItem(page, question)).toContainText('1 vote');
  await expect(upvote(b, question)).toHaveAttribute('aria-pressed', 'false');

  await consolePage.getByRole('button', { name: `Mark answered: ${question.slice(0, 40)}` }).click();
  await expect(a.getByText('Answered', { exact: true }).first()).toBeVisible();
  await laptop.close();
});
