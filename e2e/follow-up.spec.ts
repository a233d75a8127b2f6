import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ask, openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';
import { expectAccessible } from './fixtures/axe.js';
import type { Page } from '@playwright/test';

const Q1 = 'Who pays for the new footbridge?';
const Q2 = 'Can the number 12 bus run on Sundays?';

/** Writes a follow-up in the console's Follow-up view: the form of question `number`. */
async function writeFollowUp(consolePage: Page, number: number, outcome: string, text: string, by = 'the clerk') {
  await consolePage.getByRole('button', { name: `Write follow-up of question ${number}` }).click();
  const form = consolePage.getByRole('form', { name: `Follow-up of question ${number}` });
  await form.getByRole('radio', { name: outcome, exact: true }).check();
  if (text) await form.getByRole('textbox').fill(text);
  await form.getByLabel('Written by').selectOption({ label: by });
  await form.getByRole('button', { name: 'Save follow-up' }).click();
}

test('a clerk answers in writing after the close, carries a question to the next meeting and answers it there; the phone that asked gets the link to its questions', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Spring forum']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const phone = (await newPhone('Pixel 7')).page;
  await openPhone(phone, joinUrl!);
  await ask(phone, Q1);
  await ask(phone, Q2);
  await expect(phone.getByRole('listitem').filter({ hasText: Q2 })).toBeVisible();

  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  // Where the record will be published, set before the meeting ends.
  const publication = consolePage.getByRole('form', { name: 'Where the record is published' });
  await publication.getByLabel(/Address of the published record/).fill('https://council.example/records');
  await publication.getByLabel(/When to look/).fill('from 20 June');
  await publication.getByRole('button', { name: 'Save the address' }).click();

  await consolePage.getByRole('button', { name: 'Close session' }).click();
  await consolePage.getByRole('button', { name: 'Yes, close the session' }).click();
  const followUp = consolePage.getByRole('region', { name: 'Follow-up' });
  await expect(followUp.getByText(Q1)).toBeVisible();

  await writeFollowUp(consolePage, 1, 'Answer', 'The county pays for it from the 2027 budget.');
  await expect(followUp.getByText(/Answered in writing by the clerk/)).toBeVisible();
  await writeFollowUp(consolePage, 2, 'Carried to a later meeting', 'Needs the transport report.');
  await expect(followUp.getByText(/Carried to a later meeting by the clerk/)).toBeVisible();

  // The phone that asked: where and when to look, with its own questions in the link's fragment.
  const record = phone.getByRole('region', { name: 'The record of this meeting' });
  await expect(record.getByText('https://council.example/records')).toBeVisible();
  await expect(record.getByText('When to look: from 20 June')).toBeVisible();
  const href = await record.getByRole('link', { name: 'See your questions and their answers there' }).getAttribute('href');
  expect(href).toMatch(new RegExp(`^https://council\\.example/records/meetings/${sessionId}/#mine=[\\w-]+,[\\w-]+$`));
  // The projector's closing screen shows the same address.
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await expect(projector.getByText('https://council.example/records')).toBeVisible();

  // The next meeting: the carried question is there; answering it there answers it in the first record too.
  await consolePage.getByLabel('Session title').fill('Summer forum');
  await consolePage.getByRole('button', { name: 'Create session' }).click();
  const carried = consolePage.getByRole('region', { name: 'Carried from earlier meetings' });
  await expect(carried.getByText(Q2)).toBeVisible();
  await expect(carried.getByText('Carried from “Spring forum”')).toBeVisible();
  await writeFollowUp(consolePage, 2, 'Answer', 'Yes, from June on a trial basis.', 'the facilitator');
  await expect(carried.getByText(/Answered in writing by the facilitator/)).toBeVisible();

  const minutes = async (locale: string) => {
    const res = await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}&locale=${locale}`);
    return res.text();
  };
  const en = await minutes('en-GB');
  expect(en).toMatch(/Answered in writing by the clerk on [^*]+\d{4}, \d\d:\d\d\./);
  expect(en).toContain('> The county pays for it from the 2027 budget.');
  expect(en).toMatch(/Answered in writing by the facilitator on [^*]+ Written at “Summer forum”\./);
  const es = await minutes('es-ES');
  expect(es).toMatch(/Respondida por escrito por la secretaría el [^*]+\d{4}, \d\d:\d\d\./);
  expect(es).toContain('Escrito en «Summer forum».');
  // Published from the archive: the phone's link, on the clerk's copy of the site, highlights its
  // questions with their written answers; the page passes axe; the record verifies, then not once altered.
  await consolePage.getByText(/^Archive \(/).click();
  await consolePage.getByRole('button', { name: 'Publish the record of “Spring forum”' }).click();
  await expect(consolePage.getByRole('status').filter({ hasText: /^Published:/ })).toBeVisible();
  const meetingDir = join(host.dataDir, 'published', 'meetings', sessionId!);
  const site = await laptop.newPage();
  await site.goto(`${pathToFileURL(join(meetingDir, 'index.html')).href}${new URL(href!).hash}`);
  const mine = site.getByRole('listitem').filter({ hasText: 'Your question' });
  await expect(mine).toHaveCount(2);
  await expect(mine.filter({ hasText: Q1 })).toContainText('The county pays for it from the 2027 budget.');
  await expect(mine.filter({ hasText: Q2 })).toContainText('Yes, from June on a trial basis.');
  await expectAccessible(site, 'the published meeting page with the phone’s questions marked');
  await site.getByRole('link', { name: 'Check that this record is intact' }).click();
  const recordFile = join(meetingDir, 'record.json');
  await site.getByLabel('Choose the record file (record.json)').setInputFiles(recordFile);
  await expect(site.getByRole('status')).toHaveText(/^Intact: \d+ entries/);
  writeFileSync(recordFile, readFileSync(recordFile, 'utf8').replace('trial basis', 'trial basil'));
  await site.reload();
  await site.getByLabel('Choose the record file (record.json)').setInputFiles(recordFile);
  await expect(site.getByRole('status')).toHaveText(/^Altered: entry \d+ does not match/);

  // The dialogue, measured over both meetings: a chart per measure, with its numbers as text (the answer
  // given at the second meeting counts in the first, where the question was asked).
  await consolePage.getByText('The dialogue, measured').click();
  const written = consolePage.getByRole('figure', { name: 'Answered in writing' });
  await expect(written.getByRole('listitem').filter({ hasText: 'Spring forum' })).toHaveText('Spring forum2');
  await expect(consolePage.getByText(/Meetings: 2 · phones joined: 1 · questions asked: 2 · answered on the floor: 0 · answered in writing: 2 /)).toBeVisible();
  await laptop.close();
});
