import type { BrowserContext, Locator, Page } from '@playwright/test';
import { HostProcess } from './fixtures/host.js';
import { phoneLayoutProblems } from './fixtures/layout.js';
import { newPhoneOfWidth, settle } from './fixtures/looks.js';
import { ask, boardItem, openPhone, ready, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/**
 * Issue 17, checks that look: the phone at 360 and 393 px wide, as screenshots of each part of the page
 * against committed baselines (e2e/__screenshots__/looks-phone.spec.ts/, one per width: `<name>-360.png`,
 * `<name>-393.png`), and as layout rules checked at every step: no sideways scroll, no word broken in two,
 * nothing to tap under 44 × 44 px. One host and one meeting; one phone that is resized between the two
 * widths, a second phone for the rest of the room, a Spanish phone, and a phone at a paper-code meeting.
 * Regenerate with `npx playwright test e2e/looks-phone.spec.ts --update-snapshots` (after `npm run -s build`)
 * and look at every image before committing it.
 *
 * The baselines (each at 360 and 393 px; meeting "Riverside neighbourhood forum", agenda of two items with
 * public comment, four open polls, results live):
 *   ask-form          the question form with a question typed and the name Marta
 *   board             three questions on the board, Marta's own, her vote on Dev's (2 votes)
 *   my-questions      Marta's question, on screen, with Withdraw
 *   speak-form        the agenda card with the form to ask to speak (name, subject, interpreter ticked)
 *   speak-in-line     the agenda card once sent: "2nd in line" and Withdraw
 *   speaking-now      the neighbour called (timer not started): "Speaking now", Speaker 1, 3:00; "You’re next"
 *   comment-form      the agenda card with the form to send a written comment (text typed, name Marta)
 *   poll-single, poll-multiple, poll-yesno, poll-rating
 *                     each poll answered by this phone and another: the choices, "Your answer", the results
 *   spanish           the whole page of a phone in Spanish that has not answered (fullPage)
 *   paper-code        the page that asks for a paper code, at a meeting that requires them
 */

const WIDTHS = [360, 393] as const;
const ITEM = 'Public comment on the library budget';
const ITEM2 = 'Parks and playgrounds';
const POLLS = {
  single: { kind: 'single', question: 'Which evening should the library stay open late?', options: ['Monday', 'Wednesday', 'Thursday', 'Saturday'] },
  multiple: {
    kind: 'multiple',
    question: 'Which park improvements matter most to you?',
    options: ['More benches', 'Shade trees', 'Playground lighting', 'Drinking fountains'],
    maxChoices: 2,
  },
  yesno: { kind: 'yesno', question: 'Should the pool open at 7 am in summer?', options: [] },
  rating: { kind: 'rating', question: 'How clear was tonight’s budget presentation?', options: [] },
} as const;
type PollName = keyof typeof POLLS;

test.describe.serial('the phone at 360 and 393 px', () => {
  let host: HostProcess;
  let joinUrl: string;
  let phone: Page;
  let neighbour: Page;
  const contexts: BrowserContext[] = [];

  const layoutOk = async (page: Page, what: string) => {
    expect(await phoneLayoutProblems(page), `${what} at ${page.viewportSize()?.width} px`).toEqual([]);
  };

  /**
   * For each width: resize the phone, check the page's layout, and compare `part` (a locator of the
   * phone's page) with `<name>-<width>.png`.
   */
  const shootAtBothWidths = async (name: string, part: (page: Page) => Locator) => {
    for (const width of WIDTHS) {
      await phone.setViewportSize({ width, height: 800 });
      await settle(phone);
      await layoutOk(phone, name);
      await expect(part(phone)).toHaveScreenshot(`${name}-${width}.png`);
    }
  };

  /** A phone answers a poll from its card. */
  const answer = async (page: Page, poll: PollName, choices: string[]) => {
    const card = page.getByRole('region', { name: POLLS[poll].question });
    for (const choice of choices) await card.getByRole(poll === 'multiple' ? 'checkbox' : 'radio', { name: choice, exact: true }).check();
    await card.getByRole('button', { name: 'Send answer' }).click();
    await expect(card.getByText(`Your answer: ${choices.join(', ')}`)).toBeVisible();
  };

  test.beforeAll(async ({ browser }) => {
    host = new HostProcess();
    await host.start(['--session', 'Riverside neighbourhood forum']);
    joinUrl = (await host.waitForLine('session-open')).joinUrl!;
    expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
    // The agenda: two items with public comment, the first current.
    const item = await host.control('addItem', { title: ITEM, speakingSeconds: 180, publicComment: true });
    expect((await host.control('addItem', { title: ITEM2, speakingSeconds: 120, publicComment: true })).ok).toBe(true);
    if (!item.ok) throw new Error(item.error);
    expect((await host.control('setCurrentItem', { itemId: item.value.itemId })).ok).toBe(true);
    // Four polls, one of each kind, open, results live.
    for (const poll of Object.values(POLLS)) {
      const created = await host.control('createPoll', { ...poll, options: [...poll.options], visibility: 'live' });
      if (!created.ok) throw new Error(created.error);
      expect((await host.control('openPoll', { pollId: created.value.pollId })).ok).toBe(true);
    }

    const other = await newPhoneOfWidth(browser, 393);
    contexts.push(other.context);
    neighbour = other.page;
    await openPhone(neighbour, joinUrl);
    await ask(neighbour, 'Will the Elm Street crossing get a traffic light before the school year starts?', 'Dev');
    await ask(neighbour, 'How will the new parking fees be spent?', '');
    await neighbour.getByRole('button', { name: `Ask to speak on ${ITEM}` }).click();
    const form = neighbour.getByRole('form', { name: `Ask to speak on ${ITEM}` });
    await form.getByLabel('Subject').fill('Evening hours for students');
    await form.getByRole('button', { name: 'Send request to speak' }).click();
    await expect(neighbour.getByRole('status').filter({ hasText: 'You’re next' })).toBeVisible();

    const mine = await newPhoneOfWidth(browser, 360);
    contexts.push(mine.context);
    phone = mine.page;
    await openPhone(phone, joinUrl);
    for (const poll of Object.keys(POLLS) as PollName[]) await expect(phone.getByRole('region', { name: POLLS[poll].question })).toBeVisible();
    await expect(boardItem(phone, 'How will the new parking fees be spent?')).toBeVisible();
  });

  test.afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await host?.dispose();
  });

  test('the question form, with a question typed and a name', async () => {
    await phone.getByLabel('Your question').fill('When will the library reopen on Sundays?');
    await phone.getByLabel('Your name (optional)').fill('Marta');
    await phone.getByLabel('Your name (optional)').blur();
    await shootAtBothWidths('ask-form', (p) => p.getByRole('region', { name: 'Ask a question' }));
  });

  test('the board: three questions, one of them mine, my vote on another; my questions', async () => {
    await phone.getByRole('button', { name: 'Send question' }).click();
    await expect(phone.getByText('Added. Follow it under My questions.')).toBeVisible();
    const elm = 'Will the Elm Street crossing get a traffic light before the school year starts?';
    await upvote(phone, elm).click();
    await upvote(neighbour, elm).click();
    await expect(boardItem(phone, elm)).toContainText('2 votes');
    await expect(upvote(phone, elm)).toHaveAttribute('aria-pressed', 'true');
    await expect(boardItem(phone, 'When will the library reopen on Sundays?')).toContainText('0 votes');
    await shootAtBothWidths('board', (p) => p.getByRole('region', { name: 'Questions', exact: true }));
    await shootAtBothWidths('my-questions', (p) => p.getByRole('region', { name: 'My questions' }));
  });

  test('asking to speak: the form, then my place in line', async () => {
    await phone.getByRole('button', { name: `Ask to speak on ${ITEM}` }).click();
    const form = phone.getByRole('form', { name: `Ask to speak on ${ITEM}` });
    // The name under her questions is not offered here: speaking by name and asking anonymously are separate choices.
    await expect(form.getByLabel('Name (optional)')).toHaveValue('');
    await form.getByLabel('Name (optional)').fill('Marta');
    await form.getByLabel('Subject').fill('Parking near the branch library');
    await form.getByLabel('I will speak through an interpreter').check();
    await form.getByLabel('I will speak through an interpreter').blur();
    await shootAtBothWidths('speak-form', (p) => p.getByRole('region', { name: 'Agenda' }));
    await form.getByRole('button', { name: 'Send request to speak' }).click();
    await expect(phone.getByRole('status').filter({ hasText: '2nd in line' })).toBeVisible();
    await shootAtBothWidths('speak-in-line', (p) => p.getByRole('region', { name: 'Agenda' }));
    // The neighbour is called: this phone shows who speaks and the time left, as the projector does.
    expect((await host.control('callSpeaker', {})).ok).toBe(true);
    const now = phone.getByRole('group', { name: 'Speaking now' });
    await expect(now).toContainText('Speaker 1 — Evening hours for students');
    await expect(now.getByRole('timer')).toHaveText('3:00');
    await expect(phone.getByRole('status').filter({ hasText: 'You’re next' })).toBeVisible();
    await shootAtBothWidths('speaking-now', (p) => p.getByRole('region', { name: 'Agenda' }));
  });

  test('a written comment: the form on the current item, then "received"', async () => {
    await phone.getByRole('button', { name: `Send a written comment on ${ITEM}` }).click();
    const form = phone.getByRole('form', { name: `Send a written comment on ${ITEM}` });
    await form.getByLabel('Your comment').fill('I cannot stay tonight. Please keep the branch library open on Sunday afternoons: it is the only quiet place for students near the east side.');
    await form.getByLabel('Your name (optional)').fill('Marta');
    await form.getByLabel('Your name (optional)').blur();
    await shootAtBothWidths('comment-form', (p) => p.getByRole('region', { name: 'Agenda' }));
    await form.getByRole('button', { name: 'Send comment' }).click();
    await expect(phone.getByRole('status').filter({ hasText: 'Your comment was received.' })).toBeVisible();
    await layoutOk(phone, 'comment received');
  });

  test('each kind of poll, answered, with the room’s results live', async () => {
    await answer(neighbour, 'single', ['Saturday']);
    await answer(neighbour, 'multiple', ['More benches', 'Shade trees']);
    await answer(neighbour, 'yesno', ['No']);
    await answer(neighbour, 'rating', ['5']);
    await answer(phone, 'single', ['Wednesday']);
    await answer(phone, 'multiple', ['Shade trees', 'Playground lighting']);
    await answer(phone, 'yesno', ['Yes']);
    await answer(phone, 'rating', ['4']);
    await expect(phone.getByRole('region', { name: POLLS.rating.question })).toContainText('2 ballots · Mean 4.5 of 5');
    for (const poll of Object.keys(POLLS) as PollName[]) {
      await expect(phone.getByRole('region', { name: POLLS[poll].question })).toContainText('2 ballots');
      await shootAtBothWidths(`poll-${poll}`, (p) => p.getByRole('region', { name: POLLS[poll].question }));
    }
  });

  test('in Spanish, the whole page of a phone that has not answered yet', async ({ browser }) => {
    const { context, page } = await newPhoneOfWidth(browser, 360, 'es-ES');
    contexts.push(context);
    await page.goto(joinUrl);
    await ready(page);
    await expect(page.getByRole('status').filter({ hasText: 'Conectado' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Haga su pregunta' })).toBeVisible();
    await expect(page.getByRole('region', { name: POLLS.rating.question })).toContainText('2 respuestas');
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await settle(page);
      await layoutOk(page, 'Spanish page');
      await expect(page).toHaveScreenshot(`spanish-${width}.png`, { fullPage: true });
    }
  });

  test('a meeting that needs paper codes: the code page fills the screen', async ({ browser }) => {
    expect((await host.control('issuePaperCodes', { count: 3 })).ok).toBe(true);
    expect((await host.control('requirePaperCodes', { on: true })).ok).toBe(true);
    const { context, page } = await newPhoneOfWidth(browser, 360);
    contexts.push(context);
    await page.goto(joinUrl);
    await ready(page);
    await expect(page.getByRole('heading', { name: 'This meeting uses paper codes' })).toBeVisible();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await settle(page);
      await layoutOk(page, 'paper-code page');
      // Below a short page shows the root's background: it must be the colour behind the content (the
      // body's own, if it has one), or the bottom of the screen is a band of another colour.
      const { below, behind } = await page.evaluate(() => {
        const root = getComputedStyle(document.documentElement).backgroundColor;
        const body = getComputedStyle(document.body).backgroundColor;
        return { below: root, behind: body === 'rgba(0, 0, 0, 0)' ? root : body };
      });
      expect(below, 'colour below the content').toBe(behind);
      await expect(page).toHaveScreenshot(`paper-code-${width}.png`);
    }
    expect((await host.control('requirePaperCodes', { on: false })).ok).toBe(true);
  });

  test('after the meeting: where the record will be published, with a link to my questions', async () => {
    const sessionId = (await host.waitForLine('session-open')).sessionId!;
    expect((await host.control('setPublication', { sessionId, url: 'https://riverside.example.gov/meetings/records', when: 'from Monday 22 June' })).ok).toBe(true);
    expect((await host.control('closeSession', {})).ok).toBe(true);
    const notice = phone.getByRole('region', { name: 'The record of this meeting' });
    await expect(notice.getByRole('link', { name: 'See your questions and their answers there' })).toHaveAttribute('href', /#mine=[\w-]+$/);
    await shootAtBothWidths('record-notice', () => notice);
  });

  test('the layout checks themselves: they find a word cut in two, a small button and a page wider than the phone', async () => {
    expect(await phoneLayoutProblems(phone)).toEqual([]);
    await phone.evaluate(() => {
      const squeezed = document.createElement('p');
      squeezed.style.cssText = 'width: 3em; overflow-wrap: anywhere';
      squeezed.textContent = 'Wednesday';
      const tiny = document.createElement('button');
      tiny.style.cssText = 'min-height: 0; min-width: 0; padding: 0';
      tiny.textContent = 'x';
      const wide = document.createElement('div');
      wide.style.width = '120vw';
      wide.textContent = 'wide';
      document.querySelector('main')!.append(squeezed, tiny, wide);
    });
    const problems = await phoneLayoutProblems(phone);
    expect(problems).toContainEqual(expect.stringMatching(/^“Wednesday” broken over \d lines/));
    expect(problems).toContainEqual(expect.stringMatching(/^button “x”: \d+×\d+$/));
    expect(problems).toContainEqual(expect.stringMatching(/^page scrolls sideways/));
  });
});
