import type { Locator, Page } from '@playwright/test';
import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';
import { verifyArchive } from '../src-shared/minutes/archive.js';

const ITEM1 = 'Public comment on the budget';
const ITEM2 = 'Approval of minutes';
const ITEM3 = 'Parks and playgrounds';

async function addItem(consolePage: Page, title: string, time: string, publicComment = true): Promise<void> {
  const form = consolePage.getByRole('form', { name: 'Add item' });
  if (!(await form.isVisible())) await consolePage.getByText(/^Add an agenda item/).click();
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Speaking time').fill(time);
  const comment = form.getByLabel('Public comment');
  if ((await comment.isChecked()) !== publicComment) await comment.click();
  await form.getByRole('button', { name: 'Add item' }).click();
  await expect(consolePage.getByRole('listitem', { name: title })).toBeVisible();
}

async function askToSpeak(phone: Page, item: string, fields: { name?: string; subject: string; interpreter?: boolean }): Promise<void> {
  await phone.getByRole('button', { name: `Ask to speak on ${item}` }).click();
  await fillSpeakForm(phone, item, fields);
}

async function fillSpeakForm(phone: Page, item: string, fields: { name?: string; subject: string; interpreter?: boolean }): Promise<void> {
  const form = phone.getByRole('form', { name: `Ask to speak on ${item}` });
  if (fields.name !== undefined) await form.getByLabel('Name (optional)').fill(fields.name);
  await form.getByLabel('Subject').fill(fields.subject);
  if (fields.interpreter) await form.getByLabel('I will speak through an interpreter').check();
  await form.getByRole('button', { name: 'Send request to speak' }).click();
}

const remainingMs = async (clock: Locator): Promise<number> => Number(await clock.getAttribute('data-remaining-ms'));

/** The phone's countdown agrees with the projector's within 1 s: read projector, phone, projector. */
async function expectAgree(projectorClock: Locator, phoneClock: Locator): Promise<void> {
  const before = await remainingMs(projectorClock);
  const phone = await remainingMs(phoneClock);
  const after = await remainingMs(projectorClock);
  expect(phone).toBeLessThanOrEqual(before + 1000);
  expect(phone).toBeGreaterThanOrEqual(after - 1000);
}

test('public comment: three items, two phones and a walk-in sign up, the timer on every screen, a restart mid-speech, the minutes', async ({
  host,
  newPhone,
  browser,
}) => {
  await host.start(['--session', 'Council meeting']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  const lanPort = new URL(host.urls.lanOrigin).port;

  const laptop = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  let consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  let projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);

  // Phone A's clock is five minutes fast; its countdown must still agree with the projector.
  const phoneA = await newPhone('Pixel 7');
  await phoneA.page.clock.install({ time: Date.now() + 5 * 60_000 });
  const a = phoneA.page;
  const b = (await newPhone('iPhone 14')).page;
  await openPhone(a, joinUrl!);
  await openPhone(b, joinUrl!);

  // Without an agenda, the phone and the projector look as before.
  await expect(projector.getByRole('heading', { name: 'Top questions' })).toBeVisible();
  await expect(projector.getByTestId('agenda-stage')).toHaveCount(0);
  await expect(a.getByRole('heading', { name: 'Agenda' })).toHaveCount(0);

  await addItem(consolePage, ITEM1, '3:00');
  await addItem(consolePage, ITEM2, '3:00', false);
  await addItem(consolePage, ITEM3, '2:00');
  await consolePage.getByRole('button', { name: `Make ${ITEM1} current` }).click();
  await expect(projector.getByTestId('agenda-stage')).toContainText(ITEM1);
  await expect(a.getByRole('listitem').filter({ hasText: ITEM1 })).toContainText('Now');
  // No public comment on item 2: no way to ask there.
  await expect(a.getByRole('button', { name: `Ask to speak on ${ITEM2}` })).toHaveCount(0);

  await askToSpeak(a, ITEM1, { name: 'Ana', subject: 'Library opening hours', interpreter: true });
  await expect(a.getByRole('status').filter({ hasText: 'You’re next' })).toBeVisible();
  await askToSpeak(b, ITEM1, { subject: 'Parking on Main Street' });
  await expect(b.getByRole('status').filter({ hasText: '2nd in line' })).toBeVisible();
  const walkIn = consolePage.getByRole('form', { name: 'Add a walk-in speaker' });
  await walkIn.getByLabel('Walk-in name (optional)').fill('Walter');
  await walkIn.getByLabel('Subject').fill('Road safety');
  await walkIn.getByRole('button', { name: 'Add walk-in speaker' }).click();

  // The console sees the whole queue with the phones; the projector the next three.
  const queue = consolePage.getByRole('list', { name: /Waiting/ });
  await expect(queue.getByRole('listitem')).toHaveText([/Ana.*interpreter.*Phone 1/, /Speaker 2.*Parking on Main Street.*Phone 2/, /Walter.*Road safety.*Walk-in/]);
  const next = projector.getByRole('list', { name: 'Next' });
  await expect(next.getByRole('listitem')).toHaveText([/Ana/, /Speaker 2/, /Walter/]);

  // n calls the next speaker: Ana, with double time for her interpreter.
  await consolePage.getByRole('heading', { name: 'Speakers' }).click();
  await consolePage.keyboard.press('n');
  const stage = projector.getByTestId('agenda-stage');
  await expect(stage.getByLabel('Speaking now')).toContainText('Ana');
  await expect(stage.getByLabel('Speaking now')).toContainText('Library opening hours');
  const clock = projector.getByRole('timer', { name: 'Time left for Ana' });
  await expect(clock).toHaveText('6:00');
  await expect(clock).toHaveAttribute('data-timer-state', 'normal');
  await expect(a.getByRole('status').filter({ hasText: 'You have the floor — 6:00 left' })).toBeVisible();
  await expect(b.getByRole('status').filter({ hasText: 'You’re next' })).toBeVisible();
  await expect(next.getByRole('listitem')).toHaveText([/Speaker 2/, /Walter/]);

  // space starts the timer; the phone (clock 5 minutes off) shows the same time left as the projector.
  await consolePage.keyboard.press(' ');
  await expect(clock).toHaveAttribute('data-timer-running', 'true');
  await expect(clock).toHaveText(/^5:5\d$/);
  const phoneClock = a.getByRole('status').filter({ hasText: 'You have the floor' });
  await expect(phoneClock).toHaveText(/You have the floor — 5:5\d left/);
  await expectAgree(clock, phoneClock);
  // Every phone shows who speaks and the time left, not only the speaker's (issue 17).
  const othersView = b.getByRole('group', { name: 'Speaking now' });
  await expect(othersView).toContainText('Ana');
  await expect(othersView).toContainText('Library opening hours');
  await expectAgree(clock, othersView.getByRole('timer', { name: 'Time left for Ana' }));
  await expect(a.getByRole('group', { name: 'Speaking now' })).toHaveCount(0);
  // The projector says what is happening: no empty "On the floor now" question beside a speaker.
  await expect(projector.getByText('Speaking now', { exact: true })).toBeVisible();
  await expect(projector.getByRole('heading', { name: 'On the floor now' })).toHaveCount(0);

  // Warning in the last 30 s and overtime after 0, on a projector whose clock is moved on by Playwright.
  const aheadContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const ahead = await aheadContext.newPage();
  await ahead.clock.install({ time: Date.now() });
  await ahead.goto(host.urls.projectorUrl);
  await ready(ahead);
  const aheadClock = ahead.getByRole('timer', { name: 'Time left for Ana' });
  await expect(aheadClock).toHaveAttribute('data-timer-running', 'true');
  await ahead.clock.fastForward((await remainingMs(aheadClock)) - 20_000);
  await expect(aheadClock).toHaveAttribute('data-timer-state', 'warning');
  await expect(aheadClock).toHaveText(/^0:(1\d|20)$/);
  await ahead.clock.fastForward(32_000);
  await expect(aheadClock).toHaveAttribute('data-timer-state', 'overtime');
  await expect(aheadClock).toHaveText(/^\+0:1\d$/);
  await aheadContext.close();

  // The host dies mid-speech and comes back on the same port and data folder.
  const beforeMs = await remainingMs(clock);
  const beforeAt = Date.now();
  await host.kill('SIGKILL');
  await expect(a.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await host.start(['--port', lanPort]);
  await expect(a.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
  await projector.close();
  await consolePage.close();
  projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);
  const clockAfter = projector.getByRole('timer', { name: 'Time left for Ana' });
  await expect(clockAfter).toHaveAttribute('data-timer-running', 'true');
  const afterMs = await remainingMs(clockAfter);
  const expected = beforeMs - (Date.now() - beforeAt);
  // The timer ran on through the restart: same remaining time (± 1 s), on the projector and the phone.
  expect(Math.abs(afterMs - expected)).toBeLessThanOrEqual(1000);
  await expectAgree(clockAfter, phoneClock);
  await expect(projector.getByRole('list', { name: 'Next' }).getByRole('listitem')).toHaveText([/Speaker 2/, /Walter/]);

  consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await expect(consolePage.getByRole('list', { name: /Waiting/ }).getByRole('listitem')).toHaveCount(2);
  await consolePage.getByRole('button', { name: /^Call next/ }).click();
  await expect(b.getByRole('status').filter({ hasText: 'You have the floor — 3:00 left' })).toBeVisible();
  await expect(a.getByRole('status').filter({ hasText: /^Done — \d:\d\d used$/ })).toBeVisible();
  await consolePage.getByRole('heading', { name: 'Speakers' }).click();
  await consolePage.keyboard.press(' ');
  await consolePage.keyboard.press('+');
  await expect(projector.getByRole('timer', { name: 'Time left for Speaker 2' })).toHaveText(/^3:[23]\d$/);

  // The minutes list the speakers of item 1 in order, with time used and allowed.
  const res = await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}`);
  const md = await res.text();
  expect(md).toContain(`### 1\\. ${ITEM1}`);
  expect(md).toMatch(/\| 1 \| Ana \| Library opening hours \| \d:\d\d of 6:00 \| With interpreter \(double time\) \|/);
  expect(md).toMatch(/\| 2 \| Speaker 2 \| Parking on Main Street \| \d:\d\d of 3:30 \(\+0:30 given\) \| Still speaking/);
  expect(md).toContain(`### 3\\. ${ITEM3}`);

  // After closing, the archive verifies and the console's reader shows the speakers of each item.
  await consolePage.getByRole('button', { name: 'Close session' }).click();
  await consolePage.getByRole('button', { name: 'Yes, close the session' }).click();
  const archive = await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.json?t=${host.urls.token}`)).json();
  expect(verifyArchive(archive)).toMatchObject({ ok: true });
  await consolePage.getByText(/^Archive \(/).click();
  await consolePage.getByRole('button', { name: 'Read the minutes: Council meeting' }).click();
  const minutes = consolePage.getByRole('article', { name: 'Minutes: Council meeting' });
  await expect(minutes.getByRole('status')).toHaveText(/Hash chain verified/);
  const item1 = minutes.getByRole('region', { name: `1. ${ITEM1}` });
  await expect(item1.getByRole('row')).toHaveText([/Speaker/, /Ana.*Library opening hours.*of 6:00.*interpreter/, /Speaker 2.*Parking on Main Street.*of 3:30/]);
  await laptop.close();
});

test('the facilitator reorders by keyboard and drag; a phone is told why it cannot sign up', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Planning board']);
  const { joinUrl } = await host.waitForLine('session-open');
  const laptop = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await addItem(consolePage, ITEM1, '2:00');
  await addItem(consolePage, ITEM2, '2:00');
  await addItem(consolePage, ITEM3, '2:00');
  const rows = consolePage.getByRole('list', { name: /^Agenda/ }).getByRole('listitem');
  await expect(rows).toHaveText([new RegExp(ITEM1), new RegExp(ITEM2), new RegExp(ITEM3)]);

  await consolePage.getByRole('listitem', { name: ITEM1 }).press('Alt+ArrowDown');
  await expect(rows).toHaveText([new RegExp(ITEM2), new RegExp(ITEM1), new RegExp(ITEM3)]);
  await consolePage.getByRole('listitem', { name: ITEM3 }).dragTo(consolePage.getByRole('listitem', { name: ITEM2 }));
  await expect(rows).toHaveText([new RegExp(ITEM3), new RegExp(ITEM2), new RegExp(ITEM1)]);

  // The chime at 0 is off by default; the console turns it on for the projector of this laptop.
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);
  await expect(projector.getByTestId('agenda-stage')).toBeVisible();
  await expect(projector.getByText('Chime on (c)')).toHaveCount(0);
  await consolePage.getByLabel('Chime on the projector at 0').check();
  await expect(projector.getByText('Chime on (c)')).toBeVisible();

  const phone = (await newPhone('Pixel 7')).page;
  await openPhone(phone, joinUrl!);
  await expect(phone.getByRole('listitem')).toHaveText([new RegExp(ITEM3), new RegExp(ITEM2), new RegExp(ITEM1)]);
  // The phone opens the form, then the facilitator closes sign-up: the refusal says why.
  await phone.getByRole('button', { name: `Ask to speak on ${ITEM3}` }).click();
  await consolePage.getByRole('combobox', { name: 'Item' }).selectOption({ label: ITEM3 });
  await consolePage.getByRole('button', { name: 'Close sign-up' }).click();
  await expect(phone.getByText('sign-up closed')).toBeVisible();
  await fillSpeakForm(phone, ITEM3, { name: 'Rosa', subject: 'Too late' });
  await expect(phone.getByRole('alert').filter({ hasText: 'Sign-up to speak on this item has closed.' })).toBeVisible();
  await expect(phone.getByRole('button', { name: `Ask to speak on ${ITEM3}` })).toHaveCount(0);
  await consolePage.getByRole('button', { name: 'Reopen sign-up' }).click();
  await askToSpeak(phone, ITEM3, { name: 'Rosa', subject: 'x'.repeat(120) });
  await expect(phone.getByRole('status').filter({ hasText: 'You’re next' })).toBeVisible();
  await phone.getByRole('button', { name: `Withdraw my request to speak on ${ITEM3}` }).click();
  await expect(phone.getByRole('button', { name: `Ask to speak on ${ITEM3}` })).toBeVisible();
  // The name given before is offered again.
  await phone.getByRole('button', { name: `Ask to speak on ${ITEM3}` }).click();
  await expect(phone.getByRole('form', { name: `Ask to speak on ${ITEM3}` }).getByLabel('Name (optional)')).toHaveValue('Rosa');
  // ...but never under a question: the question form's name stays the question's own (issue 17).
  await expect(phone.getByLabel('Your name (optional)')).toHaveValue('');

  // An item whose list is full says so, rather than "sign-up closed" (which reads as the facilitator's doing).
  const full = 'Short item';
  expect((await host.control('addItem', { title: full, maxSpeakers: 1 })).ok).toBe(true);
  await askToSpeak(phone, full, { subject: 'First in' });
  const late = (await newPhone('iPhone 14')).page;
  await openPhone(late, joinUrl!);
  const fullRow = late.getByRole('listitem').filter({ hasText: full });
  await expect(fullRow).toContainText('the list of speakers is full');
  await expect(fullRow).not.toContainText('sign-up closed');
  await expect(late.getByRole('button', { name: `Ask to speak on ${full}` })).toHaveCount(0);
  await laptop.close();
});
