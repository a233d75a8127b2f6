import type { Page } from '@playwright/test';
import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

const PARKS = 'Which park design do you prefer?';
const RATING = 'How well did we explain the budget?';

/** Prepares a poll from the console's "New poll" form. */
async function prepare(consolePage: Page, kind: string, question: string, options: string[], results?: string): Promise<void> {
  const form = consolePage.getByRole('form', { name: 'New poll' });
  await form.getByLabel('Kind').selectOption({ label: kind });
  await form.getByLabel('Poll question').fill(question);
  if (options.length > 0) await form.getByLabel(/^Options/).fill(options.join('\n'));
  if (results) await form.getByLabel('Results').selectOption({ label: results });
  await form.getByRole('button', { name: 'Prepare poll' }).click();
  await expect(consolePage.getByRole('listitem', { name: question })).toHaveAttribute('data-poll-status', 'draft');
}

/** A phone answers a poll from the card at the top of its page. */
async function answer(phone: Page, question: string, option: string): Promise<void> {
  const card = phone.getByRole('region', { name: question });
  await card.getByRole('radio', { name: option, exact: true }).check();
  await card.getByRole('button', { name: /^(Send|Change) answer$/ }).click();
  await expect(card.getByText(`Your answer: ${option} (you can change it until the poll closes)`)).toBeVisible();
}

/** The text of one row of a chart: "<option> <count> · <percent>%". */
const row = (page: Page, chart: string, option: string) => page.getByRole('list', { name: chart }).getByRole('listitem').filter({ hasText: option });

test('polls: prepared and run from the console, answered from phones, charted on the projector, kept in the minutes', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Parks forum']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);

  await prepare(consolePage, 'Single choice', PARKS, ['North meadow', 'River walk', 'Hill garden']);
  await prepare(consolePage, 'Rating 1–5', RATING, [], 'Hidden until closed');

  const phones = [(await newPhone('Pixel 7')).page, (await newPhone('iPhone 14')).page, (await newPhone('Pixel 7')).page];
  for (const phone of phones) await openPhone(phone, joinUrl!);
  const [a, b, c] = phones as [Page, Page, Page];
  // A draft is nowhere in the room.
  await expect(a.getByRole('region', { name: PARKS })).toHaveCount(0);

  const parksItem = consolePage.getByRole('listitem', { name: PARKS });
  await parksItem.getByRole('button', { name: 'Open poll' }).click();
  await parksItem.getByRole('button', { name: 'Show on projector' }).click();
  await expect(projector.getByText('One answer per phone — not a formal vote')).toBeVisible();
  await expect(projector.getByText(PARKS)).toBeVisible();

  // The open poll appears at the top of each phone without a reload.
  await answer(a, PARKS, 'North meadow');
  await answer(b, PARKS, 'River walk');
  await answer(c, PARKS, 'River walk');
  await expect(row(projector, 'Poll results', 'North meadow')).toContainText('1 · 33%');
  const boxesBefore = await Promise.all(['North meadow', 'River walk', 'Hill garden'].map((o) => row(projector, 'Poll results', o).boundingBox()));
  // One phone changes its answer: the last one counts.
  await answer(a, PARKS, 'Hill garden');
  await expect(row(projector, 'Poll results', 'North meadow')).toContainText('0 · 0%');
  // The chart's rows keep their place and size as the counts change (no jumping layout).
  const boxesAfter = await Promise.all(['North meadow', 'River walk', 'Hill garden'].map((o) => row(projector, 'Poll results', o).boundingBox()));
  expect(boxesAfter).toEqual(boxesBefore);
  await expect(row(projector, 'Poll results', 'River walk')).toContainText('2 · 67%');
  await expect(row(projector, 'Poll results', 'Hill garden')).toContainText('1 · 33%');
  await expect(projector.getByText('3 ballots')).toBeVisible();
  await expect(row(b, `Results: ${PARKS}`, 'River walk')).toContainText('2 · 67%');
  await parksItem.getByRole('button', { name: 'Close poll' }).click();
  await expect(a.getByRole('region', { name: PARKS })).toHaveAttribute('data-poll-status', 'closed');
  await expect(a.getByRole('region', { name: PARKS }).getByText('Your answer: Hill garden')).toBeVisible();

  // Hidden until closed: no counts on the projector or the phones while it is open.
  const ratingItem = consolePage.getByRole('listitem', { name: RATING });
  await ratingItem.getByRole('button', { name: 'Open poll' }).click();
  await ratingItem.getByRole('button', { name: 'Show on projector' }).click();
  await expect(projector.getByText(RATING)).toBeVisible();
  await answer(a, RATING, '5');
  await answer(b, RATING, '4');
  await answer(c, RATING, '4');
  await expect(ratingItem.getByText('3 ballots', { exact: true })).toBeVisible();
  await expect(projector.getByText('Results will be shown when the poll closes')).toBeVisible();
  await expect(projector.getByRole('list', { name: 'Poll results' })).toHaveCount(0);
  for (const phone of phones) {
    await expect(phone.getByRole('region', { name: RATING }).getByText('Results are shown when the poll closes.')).toBeVisible();
    await expect(phone.getByRole('list', { name: `Results: ${RATING}` })).toHaveCount(0);
  }
  await ratingItem.getByRole('button', { name: 'Close poll' }).click();
  await expect(row(projector, 'Poll results', '4')).toContainText('2 · 67%');
  await expect(projector.getByText('3 ballots · Mean 4.3 of 5')).toBeVisible();
  await expect(row(c, `Results: ${RATING}`, '5')).toContainText('1 · 33%');

  // Taken down: the Q&A board comes back.
  await ratingItem.getByRole('button', { name: 'Take off projector' }).click();
  await expect(projector.getByRole('heading', { name: 'Top questions' })).toBeVisible();

  // The minutes keep the results.
  expect((await host.control('closeSession', {})).ok).toBe(true);
  const res = await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}`);
  const md = (await res.text()).replace(/\\(.)/g, '$1');
  expect(md).toContain(`### Poll 1: ${PARKS}`);
  expect(md).toMatch(/\| River walk \| 2 \| 67 % \|/);
  expect(md).toContain(`### Poll 2: ${RATING}`);
  expect(md).toContain('Mean rating:** 4.3 of 5');
  // …and the console's read-only minutes of the closed session show them, from the verified archive.
  await consolePage.getByText(/^Archive \(/).click();
  await consolePage.getByRole('button', { name: 'Read the minutes: Parks forum' }).click();
  const minutes = consolePage.getByRole('article', { name: 'Minutes: Parks forum' });
  await expect(minutes.getByRole('status')).toHaveText(/Hash chain verified: \d+ events intact\./);
  await expect(minutes.getByRole('heading', { name: `Poll 1: ${PARKS}` })).toBeVisible();
  await expect(minutes.getByRole('list', { name: `Results: ${PARKS}` }).getByRole('listitem').filter({ hasText: 'River walk' })).toContainText('2 · 67%');
  await expect(minutes.getByText('3 of 3 phones connected at close (100 %)')).toHaveCount(2);
  await laptop.close();
});
