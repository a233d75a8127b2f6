import type { BrowserContext, Locator, Page } from '@playwright/test';
import { DEFAULT_DISPLAY, type DisplayOptions } from '../src-shared/display.js';
import { cutText, textSmallerThan } from './fixtures/layout.js';
import { newLaptop, settle, steadyJoinCode } from './fixtures/looks.js';
import { ask, boardItem, openPhone, ready, upvote } from './fixtures/pages.js';
import { HostProcess } from './fixtures/host.js';
import { expect, test } from './fixtures/test.js';

/**
 * Issue 17, checks that look: the room's screen at 1920×1080, as screenshots compared with committed
 * baselines (e2e/__screenshots__/looks-projector.spec.ts/) and as the rule that matters from the back of
 * the hall: no visible text under 28 px. One host and one meeting for every screen; each test moves the
 * meeting on. Regenerate the baselines with `npx playwright test e2e/looks-projector.spec.ts --update-snapshots`
 * (after `npm run -s build`), and look at every image before committing it.
 *
 * The baselines, in the order the meeting reaches them (title "Riverside town hall", 3 phones connected):
 *   qa-board.png                 a question on the floor (Marta), four top questions: 3 votes (Dev), 2, 1 (edited), 0
 *   qa-board-large-qr.png        the same with the QR code size "large"
 *   qa-board-high-contrast.png   the same in high contrast; -dark.png in high contrast with the dark theme
 *   poll-live.png                single choice, four evenings, 3 ballots, results live
 *   poll-results-after-close.png a rating poll open with results hidden until it closes
 *   poll-closed.png              the rating poll closed: counts, "3 ballots · Mean 4.3 of 5"
 *   speech.png                   agenda item current, Ana Martínez (interpreter) on the floor, clock 6:00 not
 *                                started, three next, chime on; nothing on the floor; the top questions below
 *   closed-record-address.png    the session closed: title, thanks, and where the record will be published
 */

const MIN_TEXT_PX = 28;

const Q = {
  floor: 'Can the library stay open until 9 pm on weekdays?',
  top: 'Will the Elm Street crossing get a traffic light before the school year starts?',
  second: 'How will the new parking fees be spent?',
  edited: 'Could the farmers market move to Saturday mornings?',
  typed: 'could the farmers market move to saturday mornings???',
  last: 'Is there a plan for more shade trees in Riverside Park?',
};

test.describe.serial('the projector at 1920×1080', () => {
  let host: HostProcess;
  let laptop: BrowserContext;
  let projector: Page;
  let desk: Page;
  let joinUrl: string;
  const phones: BrowserContext[] = [];

  /** What changes between runs is masked: the QR, the join address (its port) and the join code. */
  const masks = (): Locator[] => [projector.getByRole('img', { name: 'Join QR code' }), projector.locator('.join-url'), projector.locator('.join-code')];

  const setDisplay = async (options: Partial<DisplayOptions>) => {
    expect((await host.control('setDisplay', { ...DEFAULT_DISPLAY, ...options })).ok).toBe(true);
  };

  /** The projector as it is now, once its fonts are in, against the baseline `name`. */
  const shoot = async (name: string) => {
    await settle(projector);
    await steadyJoinCode(projector, joinUrl);
    await expect(projector).toHaveScreenshot(name, { mask: masks() });
  };

  /** Everything a person reads on the projector is at least 28 px high, and no line is cut in half. */
  const expectReadable = async (screen: string) => {
    await settle(projector);
    await steadyJoinCode(projector, joinUrl);
    expect(await textSmallerThan(projector, MIN_TEXT_PX), `text under ${MIN_TEXT_PX} px on the ${screen} screen`).toEqual([]);
    expect(await cutText(projector), `text cut off on the ${screen} screen`).toEqual([]);
  };

  test.beforeAll(async ({ browser }) => {
    host = new HostProcess();
    await host.start(['--session', 'Riverside town hall']);
    joinUrl = (await host.waitForLine('session-open')).joinUrl!;
    expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
    laptop = await newLaptop(browser, { width: 1920, height: 1080 });
    projector = await laptop.newPage();
    await projector.goto(host.urls.projectorUrl);
    await ready(projector);
    desk = await laptop.newPage();
    await desk.setViewportSize({ width: 1400, height: 900 });
    await desk.goto(host.urls.consoleUrl);
    await ready(desk);

    // Three phones ask five questions and vote: 3, 2, 1 and 0 votes, one edited, one on the floor.
    const [a, b, c] = await Promise.all(
      [0, 1, 2].map(async () => {
        const context = await browser.newContext({ viewport: { width: 393, height: 800 }, isMobile: true, hasTouch: true });
        phones.push(context);
        const page = await context.newPage();
        await openPhone(page, joinUrl);
        return page;
      }),
    );
    await ask(a!, Q.floor, 'Marta');
    await ask(b!, Q.top, 'Dev');
    await ask(c!, Q.second);
    await ask(a!, Q.typed, '');
    await ask(c!, Q.last);
    for (const [phone, texts] of [
      [a!, [Q.top]],
      [b!, [Q.top, Q.second]],
      [c!, [Q.top, Q.second, Q.typed]],
    ] as const) {
      for (const text of texts) {
        await expect(boardItem(phone, text)).toBeVisible();
        await upvote(phone, text).click();
      }
    }
    await expect(boardItem(a!, Q.typed)).toContainText('1 vote');
    await expect(boardItem(a!, Q.top)).toContainText('3 votes');
    await desk.getByRole('button', { name: `Edit: ${Q.typed.slice(0, 40)}` }).click();
    await desk.getByLabel('Edited question').fill(Q.edited);
    await desk.getByRole('button', { name: 'Save edit' }).click();
    await desk.getByRole('button', { name: `Put on the floor: ${Q.floor.slice(0, 40)}` }).click();
    await expect(projector.locator('.floor-text')).toHaveText(Q.floor);
  });

  test.afterAll(async () => {
    await Promise.all([...phones.map((p) => p.close()), laptop?.close()]);
    await host?.dispose();
  });

  test('Q&A board: a question on the floor, four top questions with names, votes and an edit', async () => {
    const top = projector.getByRole('list').filter({ hasText: Q.top });
    await expect(top.getByRole('listitem')).toHaveText([/^3\s*votes.*Elm Street.*Dev$/, /^2\s*votes.*parking fees/, /^1\s*vote.*farmers market.*edited$/, /^0\s*votes.*shade trees/]);
    await expect(projector.getByText('3 people connected')).toBeVisible();
    await expectReadable('Q&A');
    await shoot('qa-board.png');
  });

  test('Q&A board with the large QR code', async () => {
    await setDisplay({ qrSize: 'large' });
    await expect(projector.locator('html')).toHaveAttribute('data-qr-size', 'large');
    await expectReadable('large QR');
    await shoot('qa-board-large-qr.png');
  });

  test('Q&A board in high contrast, light and dark', async () => {
    await setDisplay({ highContrast: true });
    await expect(projector.locator('html')).toHaveAttribute('data-contrast', 'high');
    await expect(projector.locator('html')).toHaveAttribute('data-qr-size', 'medium');
    await expectReadable('high contrast');
    await shoot('qa-board-high-contrast.png');
    await setDisplay({ highContrast: true, theme: 'dark' });
    await expect(projector.locator('html')).toHaveAttribute('data-theme', 'dark');
    await shoot('qa-board-high-contrast-dark.png');
    await setDisplay({});
    await expect(projector.locator('html')).toHaveAttribute('data-contrast', 'standard');
    await expect(projector.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  /** Creates and opens a poll, shows it on the projector, and has each phone answer it (one answer each). */
  const runPoll = async (question: string, kind: 'single' | 'rating', options: string[], visibility: 'live' | 'after-close', answers: string[]) => {
    const created = await host.control('createPoll', { kind, question, options, visibility });
    if (!created.ok) throw new Error(created.error);
    const pollId = created.value.pollId;
    expect((await host.control('openPoll', { pollId })).ok).toBe(true);
    expect((await host.control('showPoll', { pollId })).ok).toBe(true);
    await Promise.all(
      phones.map(async (context, i) => {
        const card = context.pages()[0]!.getByRole('region', { name: question });
        await card.getByRole('radio', { name: answers[i]!, exact: true }).check();
        await card.getByRole('button', { name: 'Send answer' }).click();
        await expect(card.getByText(`Your answer: ${answers[i]!}`)).toBeVisible();
      }),
    );
    return pollId;
  };

  test('a live poll: single choice, three ballots, results live', async () => {
    await runPoll('Which evening should the library stay open late?', 'single', ['Monday', 'Wednesday', 'Thursday', 'Saturday'], 'live', ['Wednesday', 'Wednesday', 'Saturday']);
    await expect(projector.getByText('3 ballots')).toBeVisible();
    await expect(projector.getByRole('list', { name: 'Poll results' }).getByRole('listitem').filter({ hasText: 'Wednesday' })).toContainText('2 · 67%');
    await expectReadable('live poll');
    await shoot('poll-live.png');
  });

  test('a rating poll with results hidden until it closes, then closed: the counts and the mean', async () => {
    const question = 'How clear was tonight’s budget presentation?';
    const pollId = await runPoll(question, 'rating', [], 'after-close', ['4', '5', '4']);
    await expect(projector.getByText('Results will be shown when the poll closes')).toBeVisible();
    await expectReadable('poll with hidden results');
    await shoot('poll-results-after-close.png');

    expect((await host.control('closePoll', { pollId })).ok).toBe(true);
    await expect(projector.getByRole('heading', { name: 'Poll closed' })).toBeVisible();
    await expect(projector.getByText('3 ballots · Mean 4.3 of 5')).toBeVisible();
    await expectReadable('closed poll');
    await shoot('poll-closed.png');
    expect((await host.control('showPoll', { pollId: null })).ok).toBe(true);
    await expect(projector.getByRole('heading', { name: 'Top questions' })).toBeVisible();
  });

  test('a speech: the current agenda item, a speaker with an interpreter on the floor, the timer not started, three next', async () => {
    const item = await host.control('addItem', { title: 'Public comment on the library budget', speakingSeconds: 180, publicComment: true });
    if (!item.ok) throw new Error(item.error);
    const itemId = item.value.itemId;
    expect((await host.control('setCurrentItem', { itemId })).ok).toBe(true);
    for (const speaker of [
      { name: 'Ana Martínez', subject: 'Evening hours for students', interpreter: true },
      { name: 'Walter Brooks', subject: 'Parking near the branch library' },
      { subject: 'Accessible entrances' },
      { name: 'Rosa Chen', subject: 'Children’s reading programme' },
    ]) {
      expect((await host.control('addSpeaker', { itemId, ...speaker })).ok).toBe(true);
    }
    expect((await host.control('callSpeaker', {})).ok).toBe(true);
    // Public comment has begun: the question is off the floor, the top questions stay below.
    expect((await host.control('setFloor', { questionId: null })).ok).toBe(true);
    // One meaning of "floor" on the screen: the speaker has it, and no empty question block says otherwise.
    await expect(projector.getByText('Speaking now', { exact: true })).toBeVisible();
    await expect(projector.getByRole('heading', { name: 'On the floor now' })).toHaveCount(0);
    // The chime is on for this laptop's projector (c): its note is on the screen too.
    await projector.keyboard.press('c');
    await expect(projector.getByText('Chime on (c)')).toBeVisible();
    const stage = projector.getByTestId('agenda-stage');
    await expect(stage.getByLabel('Speaking now')).toContainText('Ana Martínez');
    // Not started: the clock shows the whole time (doubled for the interpreter) and stays still.
    await expect(projector.getByRole('timer', { name: 'Time left for Ana Martínez' })).toHaveText('6:00');
    await expect(projector.getByRole('list', { name: 'Next' }).getByRole('listitem')).toHaveText([/Walter Brooks/, /Speaker 3/, /Rosa Chen/]);
    await expectReadable('speech');
    await shoot('speech.png');
  });

  test('after the meeting: the title, the thanks, and where the record will be published', async () => {
    const sessionId = (await host.waitForLine('session-open')).sessionId!;
    expect((await host.control('setPublication', { sessionId, url: 'https://riverside.example.gov/records', when: 'from 20 June' })).ok).toBe(true);
    expect((await host.control('closeSession', {})).ok).toBe(true);
    await expect(projector.getByText('https://riverside.example.gov/records')).toBeVisible();
    await expectReadable('closing');
    await shoot('closed-record-address.png');
  });
});
