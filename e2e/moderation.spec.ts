import type { Browser, Page } from '@playwright/test';
import { textSmallerThan } from './fixtures/layout.js';
import { ask, boardItem, openPhone, ready, upvote } from './fixtures/pages.js';
import type { HostProcess } from './fixtures/host.js';
import { expect, test } from './fixtures/test.js';

/** Moderation (issue 10) as a facilitator and attendees use it: console, projector and phones. */

async function laptop(browser: Browser, host: HostProcess): Promise<{ consolePage: Page; projector: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const consolePage = await context.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  const projector = await context.newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);
  return { consolePage, projector, close: () => context.close() };
}

/** A console row by its own question text (a merged row also quotes the question it was merged into). */
const row = (page: Page, text: string) => page.locator('li.qrow').filter({ has: page.locator('p.qtext', { hasText: text }) });
const start = (text: string) => text.slice(0, 40);

test('edit keeps the original: public sees the edited text marked, the asker is told, the console keeps both', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Pool forum']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const { consolePage, projector, close } = await laptop(browser, host);
  const asker = (await newPhone()).page;
  const other = (await newPhone('iPhone 14')).page;
  await openPhone(asker, joinUrl!);
  await openPhone(other, joinUrl!);

  const typed = 'When will the pool reopen? Call me on 0612 345 678';
  const edited = 'When will the pool reopen?';
  await ask(asker, typed, 'Ana');
  await expect(boardItem(other, typed)).toBeVisible();

  await consolePage.getByRole('button', { name: `Edit: ${start(typed)}` }).click();
  await consolePage.getByLabel('Edited question').fill(edited);
  await consolePage.getByRole('button', { name: 'Save edit' }).click();

  await expect(row(consolePage, edited)).toContainText(`The asker wrote: “${typed}”`);
  await expect(boardItem(other, edited)).toContainText('Edited by the moderator');
  await expect(other.getByText('0612 345 678')).toHaveCount(0);
  await expect(projector.getByText(edited).locator('xpath=ancestor::li')).toContainText('edited');
  await expect(projector.getByText('0612 345 678')).toHaveCount(0);
  await expect(asker.getByText('The moderator edited your question; this is the text everyone sees.')).toBeVisible();
  await close();
});

test('merge unites votes by phone, both askers see it, unmerge restores each question with its own votes', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Library forum']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const { consolePage, projector, close } = await laptop(browser, host);
  const [a, b, c, d] = await Promise.all([newPhone(), newPhone('iPhone 14'), newPhone(), newPhone('iPhone 14')]).then((ps) => ps.map((p) => p.page));
  for (const p of [a!, b!, c!, d!]) await openPhone(p, joinUrl!);

  const keep = 'Will the library open on Sundays?';
  const dup = 'Library open Sunday please?';
  await ask(a!, keep);
  await ask(b!, dup);
  await expect(boardItem(c!, dup)).toBeVisible();
  // keep: c, d. dup: c (also voted keep), b. United: c, d, b = 3 (not 4).
  await upvote(c!, keep).click();
  await upvote(d!, keep).click();
  await upvote(c!, dup).click();
  await upvote(b!, dup).click();
  await expect(boardItem(a!, keep)).toContainText('2 votes');
  await expect(boardItem(a!, dup)).toContainText('2 votes');

  await consolePage.getByRole('button', { name: `Merge into: ${start(dup)}` }).click();
  await consolePage.getByLabel('Keep which question?').selectOption({ label: `${keep} (2 votes)` });
  await consolePage.getByRole('button', { name: 'Merge', exact: true }).click();

  for (const p of [a!, b!, c!, d!]) {
    await expect(boardItem(p, keep)).toContainText('3 votes');
    await expect(boardItem(p, dup)).toHaveCount(0);
  }
  await expect(projector.getByText(dup)).toHaveCount(0);
  await expect(projector.getByText(keep).locator('xpath=ancestor::li')).toContainText('3');
  // The dup's voter who had not voted for the kept question sees its vote counted there.
  await expect(upvote(b!, keep)).toHaveAttribute('aria-pressed', 'true');
  await expect(b!.getByText(`Merged into a similar question: “${keep}”`)).toBeVisible();
  await expect(a!.getByText('A similar question was merged into yours')).toBeVisible();
  await expect(row(consolePage, keep)).toContainText('1 duplicate merged into this question');
  await expect(consolePage.locator('[data-count-status="merged"]')).toContainText('1');

  await consolePage.getByRole('heading', { name: 'Merged duplicates (1)' }).click();
  await consolePage.getByRole('button', { name: `Unmerge: ${start(dup)}` }).click();
  for (const p of [a!, c!]) {
    await expect(boardItem(p, keep)).toContainText('2 votes');
    await expect(boardItem(p, dup)).toContainText('2 votes');
  }
  await expect(upvote(b!, keep)).toHaveAttribute('aria-pressed', 'false');
  await expect(b!.getByText('Merged into a similar question')).toHaveCount(0);
  await close();
});

test('profanity filter holds English and Spanish words even with pre-moderation off, marked in the console', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Bus forum']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const { consolePage, projector, close } = await laptop(browser, host);
  await expect(consolePage.getByRole('checkbox', { name: 'Hold questions with filtered words' })).toBeChecked();
  const phone = (await newPhone()).page;
  const other = (await newPhone('iPhone 14')).page;
  await openPhone(phone, joinUrl!);
  await openPhone(other, joinUrl!);

  const english = 'Why is the bus timetable such bullshit?';
  const spanish = '¿Por qué este servicio es una mierda?';
  const clean = 'Can the 42 run every ten minutes?';
  await ask(phone, english);
  await ask(phone, spanish);
  await ask(phone, clean);
  await expect(boardItem(other, clean)).toBeVisible();
  await expect(phone.locator('.mine-item').filter({ hasText: english })).toContainText('Waiting for the moderator');
  await expect(phone.locator('.mine-item').filter({ hasText: spanish })).toContainText('Waiting for the moderator');
  for (const p of [other, projector]) {
    await expect(p.getByText(english)).toHaveCount(0);
    await expect(p.getByText(spanish)).toHaveCount(0);
  }
  await expect(row(consolePage, 'Why is the bus timetable').locator('mark')).toHaveText('bullshit');
  await expect(row(consolePage, 'este servicio').locator('mark')).toHaveText('mierda');
  await expect(consolePage.locator('[data-count-status="waiting"]')).toContainText('2');

  // The facilitator's own word, kept in the data folder.
  await consolePage.getByLabel(/Your own filtered words/).fill('grumble');
  await consolePage.getByRole('button', { name: 'Save words' }).click();
  await ask(phone, 'Another grumble about parking');
  await expect(row(consolePage, 'Another').locator('mark')).toHaveText('grumble');
  await close();
});

test('mute hides a phone’s pending and future questions, the console shows it, unmute reverses it', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Council Q&A']);
  const { joinUrl } = await host.waitForLine('session-open');
  const { consolePage, close } = await laptop(browser, host);
  const troll = (await newPhone()).page;
  await openPhone(troll, joinUrl!);

  const first = 'Spam spam spam number one';
  await ask(troll, first);
  await expect(row(consolePage, first)).toContainText('Waiting for the moderator');
  await consolePage.getByRole('button', { name: `Mute phone: ${start(first)}` }).click();
  await expect(consolePage.getByRole('heading', { name: 'Hidden (1)' })).toBeVisible();
  await consolePage.getByRole('heading', { name: 'Hidden (1)' }).click();
  await expect(row(consolePage, first)).toContainText('Phone 1 is muted');

  const second = 'Spam spam spam number two';
  await ask(troll, second);
  await expect(consolePage.getByRole('heading', { name: 'Hidden (2)' })).toBeVisible();
  await expect(troll.locator('.mine-item').filter({ hasText: second })).toContainText('Hidden by the moderator');

  await consolePage.getByRole('button', { name: `Unmute phone: ${start(second)}` }).click();
  await expect(consolePage.getByRole('heading', { name: 'Waiting for moderation (2)' })).toBeVisible();
  await expect(consolePage.locator('[data-muted="true"]')).toHaveCount(0);
  await expect(troll.locator('.mine-item').filter({ hasText: second })).toContainText('Waiting for the moderator');
  await close();
});

test('filter and sort the console lists; moderation from the keyboard', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Parks']);
  const { joinUrl } = await host.waitForLine('session-open');
  const { consolePage, close } = await laptop(browser, host);
  const phone = (await newPhone()).page;
  await openPhone(phone, joinUrl!);
  for (const t of ['First about trees', 'Second about benches', 'Third about trees']) {
    await ask(phone, t);
    await expect(row(consolePage, t)).toBeVisible();
  }
  const waiting = consolePage.getByRole('list', { name: 'Waiting for moderation' });
  await expect(waiting.locator('li.qrow p.qtext')).toHaveText(['First about trees', 'Second about benches', 'Third about trees']);
  await consolePage.getByLabel('Sort').selectOption('newest');
  await expect(waiting.locator('li.qrow p.qtext')).toHaveText(['Third about trees', 'Second about benches', 'First about trees']);
  await consolePage.getByLabel('Filter questions').fill('TREES');
  await expect(waiting.locator('li.qrow p.qtext')).toHaveText(['Third about trees', 'First about trees']);
  await expect(consolePage.getByText('Showing 2 of 3 questions')).toBeVisible();

  // Keyboard: j selects the first listed question, e edits it (Escape leaves), x mutes its phone.
  await consolePage.locator('body').click({ position: { x: 5, y: 5 } });
  await consolePage.keyboard.press('j');
  await expect(row(consolePage, 'Third about trees')).toHaveAttribute('aria-current', 'true');
  await consolePage.keyboard.press('e');
  await expect(consolePage.getByLabel('Edited question')).toBeFocused();
  await consolePage.getByLabel('Edited question').fill('Third about the trees in the park');
  await consolePage.getByRole('button', { name: 'Save edit' }).click();
  await expect(row(consolePage, 'Third about the trees in the park')).toContainText('The asker wrote: “Third about trees”');
  await consolePage.locator('body').click({ position: { x: 5, y: 5 } });
  await consolePage.keyboard.press('x');
  // The filter still shows the two questions about trees: both are now hidden, with their phone muted.
  await expect(consolePage.getByRole('heading', { name: 'Hidden (2)' })).toBeVisible();
  await expect(consolePage.locator('[data-count-status="hidden"]')).toContainText('3');
  await close();
});

test('display options from the console reach the projector and are remembered by the data folder', async ({ host, browser }) => {
  await host.start(['--session', 'Hall setup']);
  await host.waitForLine('session-open');
  const first = await laptop(browser, host);
  const html = first.projector.locator('html');
  await expect(html).toHaveAttribute('data-text-size', '1');
  await expect(html).toHaveAttribute('data-contrast', 'standard');
  // The smallest text at the standard size is 2.6vh: 28 px at 1920×1080 (docs/ARCHITECTURE.md).
  expect(await textSmallerThan(first.projector, 28)).toEqual([]);

  const c = first.consolePage;
  await c.getByLabel('Text size').selectOption({ label: 'Largest' });
  await expect(html).toHaveAttribute('data-text-size', '4');
  // Controlled checkboxes follow the host's answer: click, then wait for the projector.
  await c.getByRole('checkbox', { name: 'High contrast' }).click();
  await expect(html).toHaveAttribute('data-contrast', 'high');
  await c.getByLabel('Theme').selectOption('dark');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await c.getByRole('checkbox', { name: 'Show askers’ names' }).click();
  await expect(html).toHaveAttribute('data-show-names', 'false');
  await c.getByLabel('Top questions shown').selectOption('3');
  await expect(html).toHaveAttribute('data-top-count', '3');
  await c.getByLabel('QR code size').selectOption('large');
  await expect(html).toHaveAttribute('data-qr-size', 'large');
  // The join QR really grows: 40vh of 1080 px.
  await expect.poll(async () => Math.round((await first.projector.getByRole('img', { name: 'Join QR code' }).boundingBox())?.height ?? 0)).toBe(432);
  await first.close();

  await host.kill('SIGTERM');
  await host.start();
  const second = await laptop(browser, host);
  const again = second.projector.locator('html');
  await expect(again).toHaveAttribute('data-text-size', '4');
  await expect(again).toHaveAttribute('data-contrast', 'high');
  await expect(again).toHaveAttribute('data-theme', 'dark');
  await expect(second.consolePage.getByLabel('Text size')).toHaveValue('4');
  await second.close();
});
