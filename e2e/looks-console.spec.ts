import type { BrowserContext, Locator, Page } from '@playwright/test';
import { HostProcess } from './fixtures/host.js';
import { newLaptop, settle, steadyJoinCode, steadyTimes } from './fixtures/looks.js';
import { ask, boardItem, openPhone, ready, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/**
 * Issue 17, checks that look: each panel of the facilitator's console at 1400×900, as element screenshots
 * against committed baselines (e2e/__screenshots__/looks-console.spec.ts/). One host, one meeting in full
 * swing: an agenda of three items with a speaker on the floor (timer not started), two waiting and a
 * walk-in; questions waiting, held by the filter, on the board and on the floor; a draft, an open and a
 * closed poll; paper codes printed and required after two phones joined without one. What changes between
 * runs (QR codes, addresses and ports, the join code, clock times, transport counters) is masked.
 * Regenerate with `npx playwright test e2e/looks-console.spec.ts --update-snapshots` (after
 * `npm run -s build`) and look at every image before committing it.
 */

const ITEM1 = 'Public comment on the library budget';
const ITEM2 = 'Approval of the minutes';
const ITEM3 = 'Parks and playgrounds';
const Q = {
  floor: 'Can the library stay open until 9 pm on weekdays?',
  board: 'How will the new parking fees be spent?',
  waiting: 'Will the Elm Street crossing get a traffic light before the school year starts?',
  held: 'Why is the bus timetable such bullshit?',
};
const POLL = {
  draft: 'How clear was tonight’s budget presentation?',
  open: 'Which evening should the library stay open late?',
  closed: 'Should the pool open at 7 am in summer?',
};

test.describe.serial('the console at 1400×900', () => {
  let host: HostProcess;
  let joinUrl: string;
  let laptop: BrowserContext;
  let desk: Page;
  const phones: BrowserContext[] = [];
  /** The two phones' pages, in the order they joined. */
  let phonePages: Page[] = [];

  /** The masks of a panel: whatever in it differs from run to run. */
  const changing = (panel: Locator): Locator[] => [
    panel.getByRole('img'),
    panel.getByTestId('join-url'),
    panel.getByTestId('join-code'),
    panel.getByTestId('test-url'),
    panel.getByTestId('webrtc-seen'),
    panel.getByTestId('transport-health'),
    panel.getByTestId('join-address-kind'),
    panel.getByRole('combobox', { name: 'Address in the QR' }),
  ];

  /** One panel of the console against `<name>.png`. */
  const shoot = async (name: string, panel: Locator) => {
    await desk.mouse.move(0, 0); // no button left looking hovered by the last click
    await settle(desk);
    await steadyJoinCode(desk, joinUrl);
    await expect(panel).toHaveScreenshot(`${name}.png`, { mask: changing(panel) });
  };

  test.beforeAll(async ({ browser }) => {
    host = new HostProcess();
    await host.start(['--session', 'Riverside town hall']);
    joinUrl = (await host.waitForLine('session-open')).joinUrl!;
    laptop = await newLaptop(browser, { width: 1400, height: 900 });
    desk = await laptop.newPage();
    await desk.goto(host.urls.consoleUrl);
    await ready(desk);

    // The agenda: three items, the first current.
    const items: string[] = [];
    for (const item of [
      { title: ITEM1, speakingSeconds: 180, publicComment: true },
      { title: ITEM2, publicComment: false },
      { title: ITEM3, speakingSeconds: 120, publicComment: true, maxSpeakers: 5, description: 'New benches, shade and the east playground' },
    ]) {
      const added = await host.control('addItem', item);
      if (!added.ok) throw new Error(added.error);
      items.push(added.value.itemId);
    }
    expect((await host.control('setCurrentItem', { itemId: items[0]! })).ok).toBe(true);

    // Two phones ask (pre-moderation is on: the questions wait), sign up to speak, answer a poll. They
    // join one after the other: the console calls them Phone 1 and Phone 2 in the order they joined.
    const joined: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ viewport: { width: 393, height: 800 }, isMobile: true, hasTouch: true });
      phones.push(context);
      const page = await context.newPage();
      await openPhone(page, joinUrl);
      joined.push(page);
    }
    phonePages = joined;
    const [a, b] = joined as [Page, Page];
    await ask(a, Q.floor, 'Marta');
    await ask(a, Q.board, '');
    await ask(b, Q.waiting, 'Dev');
    await ask(b, Q.held);
    for (const text of [Q.floor, Q.board]) await desk.getByRole('button', { name: `Approve: ${text.slice(0, 40)}` }).click();
    await expect(boardItem(b, Q.board)).toBeVisible();
    await upvote(b, Q.board).click();
    await desk.getByRole('button', { name: `Put on the floor: ${Q.floor.slice(0, 40)}` }).click();

    for (const [phone, fields] of [
      [a, { name: 'Ana Martínez', subject: 'Evening hours for students', interpreter: true }],
      [b, { subject: 'Parking near the branch library' }],
    ] as const) {
      await phone.getByRole('button', { name: `Ask to speak on ${ITEM1}` }).click();
      const form = phone.getByRole('form', { name: `Ask to speak on ${ITEM1}` });
      if ('name' in fields) await form.getByLabel('Name (optional)').fill(fields.name);
      await form.getByLabel('Subject').fill(fields.subject);
      if ('interpreter' in fields) await form.getByLabel('I will speak through an interpreter').check();
      await form.getByRole('button', { name: 'Send request to speak' }).click();
      await expect(phone.getByRole('status').filter({ hasText: /You’re next|2nd in line/ })).toBeVisible();
    }
    expect((await host.control('addSpeaker', { itemId: items[0]!, name: 'Walter Brooks', subject: 'Road safety on Main Street' })).ok).toBe(true);
    expect((await host.control('addSpeaker', { itemId: items[0]!, name: 'Rosa Chen', subject: 'Children’s reading programme' })).ok).toBe(true);
    expect((await host.control('callSpeaker', {})).ok).toBe(true);

    const polls: Record<keyof typeof POLL, string> = { draft: '', open: '', closed: '' };
    for (const [key, poll] of [
      ['closed', { kind: 'yesno', question: POLL.closed, options: [] }],
      ['open', { kind: 'single', question: POLL.open, options: ['Monday', 'Wednesday', 'Thursday', 'Saturday'] }],
      ['draft', { kind: 'rating', question: POLL.draft, options: [], visibility: 'after-close' }],
    ] as const) {
      const created = await host.control('createPoll', { ...poll, options: [...poll.options] });
      if (!created.ok) throw new Error(created.error);
      polls[key] = created.value.pollId;
    }
    for (const pollId of [polls.closed, polls.open]) expect((await host.control('openPoll', { pollId })).ok).toBe(true);
    for (const [phone, closed, open] of [
      [a, 'Yes', 'Wednesday'],
      [b, 'No', 'Wednesday'],
    ] as const) {
      for (const [question, choice] of [
        [POLL.closed, closed],
        [POLL.open, open],
      ] as const) {
        const card = phone.getByRole('region', { name: question });
        await card.getByRole('radio', { name: choice, exact: true }).check();
        await card.getByRole('button', { name: 'Send answer' }).click();
        await expect(card.getByText(`Your answer: ${choice}`)).toBeVisible();
      }
    }
    expect((await host.control('closePoll', { pollId: polls.closed })).ok).toBe(true);
    expect((await host.control('showPoll', { pollId: polls.open })).ok).toBe(true);

    // Paper codes made and required after the two phones joined without one.
    expect((await host.control('issuePaperCodes', { count: 3 })).ok).toBe(true);
    expect((await host.control('requirePaperCodes', { on: true })).ok).toBe(true);

    await expect(desk.getByRole('timer')).toHaveText('6:00');
    await expect(desk.getByTestId('connected')).toHaveText('Connected phones: 2');
    await expect(desk.getByRole('listitem', { name: POLL.open })).toContainText('2 ballots');
  });

  test.afterAll(async () => {
    await Promise.all([...phones.map((p) => p.close()), laptop?.close()]);
    await host?.dispose();
  });

  test('the header and the speakers panel: a speaker with an interpreter on the floor, three waiting, the walk-in form', async () => {
    await shoot('header', desk.getByRole('banner'));
    await shoot('speakers', desk.getByRole('region', { name: 'Speakers' }));
  });

  test('the agenda: three items, each with its buttons on one line; the questions filed by item', async () => {
    const rows = desk.getByRole('list', { name: /^Agenda/ }).getByRole('listitem');
    await expect(rows).toHaveCount(3);
    // Remove used to wrap onto a line of its own under the other buttons.
    for (const row of await rows.all()) {
      const tops = await row.getByRole('button').evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
      expect(new Set(tops).size, `buttons of “${await row.getAttribute('aria-label')}” on one line`).toBe(1);
    }
    await shoot('agenda', desk.getByRole('region', { name: /^Agenda/ }));
    const byItem = desk.locator('details').filter({ has: desk.getByText('Questions by agenda item') });
    await byItem.getByText('Questions by agenda item').click();
    await expect(byItem.getByRole('listitem')).toHaveCount(4);
    await shoot('questions-by-item', byItem);
  });

  test('moderation: finding questions, two waiting (one held by the filter), two on the board (one on the floor)', async () => {
    await shoot('find-questions', desk.getByRole('region', { name: 'Find questions' }));
    await shoot('waiting', desk.getByRole('region', { name: /^Waiting for moderation/ }));
    await shoot('on-the-board', desk.getByRole('region', { name: /^On the board/ }));
  });

  test('polls: closed, open and on the projector, a draft, and the form for a new one', async () => {
    await shoot('polls', desk.getByRole('region', { name: /^Polls/ }));
  });

  test('the side column: join, venue, settings with the paper codes, filter, projector display, shortcuts, export, close', async () => {
    const status = desk.getByRole('group', { name: 'Paper codes for binding votes' }).getByRole('status');
    // The two counts used to run together: "Codes printed: 3 · used: 0 2 phones joined without a code."
    const counts = await status.getByText('Codes printed: 3 · used: 0').boundingBox();
    const without = await status.getByText('2 phones joined without a code.').boundingBox();
    expect(without!.y, 'phones without a code on a line of their own').toBeGreaterThanOrEqual(counts!.y + counts!.height);
    await shoot('join', desk.getByRole('region', { name: 'Join' }));
    await shoot('venue', desk.getByRole('region', { name: 'Venue' }));
    await shoot('settings', desk.getByRole('region', { name: 'Settings' }));
    await shoot('profanity-filter', desk.getByRole('region', { name: 'Profanity filter' }));
    await shoot('projector-display', desk.getByRole('region', { name: 'Projector display' }));
    await shoot('shortcuts', desk.getByRole('region', { name: 'Keyboard shortcuts' }));
    await shoot('export', desk.getByRole('region', { name: 'Export the record' }));
    await shoot('close-session', desk.getByRole('region', { name: 'Close the session' }));
  });

  test('written comments under the current item: one named, one anonymous, as text (times masked)', async () => {
    const comments: Array<[string, string]> = [
      ['I cannot stay tonight. Please keep the branch library open on Sunday afternoons.', 'Ana Martínez'],
      ['The reading room needs more seats\nand better light in winter.', ''],
    ];
    for (const [i, [text, name]] of comments.entries()) {
      const phone = phonePages[i]!;
      await phone.getByRole('button', { name: `Send a written comment on ${ITEM1}` }).click();
      const form = phone.getByRole('form', { name: `Send a written comment on ${ITEM1}` });
      await form.getByLabel('Your comment').fill(text);
      if (name) await form.getByLabel('Your name (optional)').fill(name);
      await form.getByRole('button', { name: 'Send comment' }).click();
      await expect(phone.getByRole('status').filter({ hasText: 'Your comment was received.' })).toBeVisible();
    }
    const panel = desk.getByRole('region', { name: `Written comments on ${ITEM1}` });
    await expect(panel.getByRole('heading', { name: 'Written comments (2)' })).toBeVisible();
    await expect(panel.getByRole('listitem')).toHaveText([/^I cannot stay tonight.*Ana Martínez · \d\d:\d\d/, /^The reading room[\s\S]*winter\.anonymous · \d\d:\d\d/]);
    await desk.mouse.move(0, 0);
    await settle(desk);
    await steadyTimes(panel);
    await expect(panel).toHaveScreenshot('written-comments.png', { mask: [panel.locator('time')] });
  });

  test('after the close, the Follow-up view: an answer edited once, a referral, a question with none yet (times masked)', async () => {
    const sessionId = (await host.waitForLine('session-open')).sessionId!;
    expect((await host.control('closeSession', {})).ok).toBe(true);
    const view = await host.control('followUpView', { sessionId });
    if (!view.ok) throw new Error(view.error);
    const [first, second] = view.value.questions;
    for (const [questionId, outcome, text, by] of [
      [first!.questionId, 'answered', 'The library board will decide in March.', 'clerk'],
      [first!.questionId, 'answered', 'The library board decided: open until 9 pm from April.', 'clerk'],
      [second!.questionId, 'referred', 'Parks and Recreation Department', 'facilitator'],
    ] as const) {
      expect((await host.control('writeFollowUp', { sessionId, questionId, outcome, text, by })).ok).toBe(true);
    }
    const panel = desk.getByRole('region', { name: 'Follow-up' });
    await expect(panel.getByText('Referred by the facilitator')).toBeVisible();
    await panel.getByText('Earlier version (1)').click();
    // The form of the referred question, open: it shows the follow-up as it stands.
    await panel.getByRole('button', { name: `Write follow-up of question ${second!.number}` }).click();
    await expect(panel.getByRole('form', { name: `Follow-up of question ${second!.number}` }).getByRole('textbox')).toHaveValue('Parks and Recreation Department');
    await desk.mouse.move(0, 0);
    await settle(desk);
    await steadyTimes(panel);
    await expect(panel).toHaveScreenshot('follow-up.png', { mask: [panel.locator('time')] });
  });
});

