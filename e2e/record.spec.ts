import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { ask, openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

test('a clerk downloads the minutes from the console while phones carry on, then reads the verified record', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Parks committee']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const phone = (await newPhone('Pixel 7')).page;
  await openPhone(phone, joinUrl!);
  const question = 'Will the playground by the river be repaired this year?';
  await ask(phone, question, 'Jonas');

  const laptop = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await consolePage.getByRole('button', { name: `Mark answered: ${question.slice(0, 40)}` }).click();
  await expect(phone.getByText('Answered', { exact: true }).first()).toBeVisible();

  // Live export, as a browser download with a sensible file name.
  const [pdfDownload] = await Promise.all([
    consolePage.waitForEvent('download'),
    consolePage.getByRole('link', { name: 'Download PDF of “Parks committee”' }).click(),
  ]);
  expect(pdfDownload.suggestedFilename()).toMatch(/^\d{4}-\d\d-\d\d parks-committee\.pdf$/);
  const parser = new PDFParse({ data: new Uint8Array(readFileSync((await pdfDownload.path())!)) });
  const pdf = (await parser.getText()).text;
  await parser.destroy();
  expect(pdf).toContain('Parks committee');
  expect(pdf).toContain('Jonas');
  expect(pdf).toMatch(/Answered live/);
  expect(pdf).toMatch(/[0-9a-f]{64}/);

  const [docxDownload] = await Promise.all([
    consolePage.waitForEvent('download'),
    consolePage.getByRole('link', { name: 'Download Word (DOCX) of “Parks committee”' }).click(),
  ]);
  const { value: docx } = await mammoth.extractRawText({ path: (await docxDownload.path())! });
  expect(docx).toContain(question);

  // The phone was not disturbed by the export.
  await ask(phone, 'And the benches?');
  await expect(phone.getByRole('listitem').filter({ hasText: 'And the benches?' })).toBeVisible();

  // After closing, the archive shows the session read-only, its hash chain verified in the browser.
  await consolePage.getByRole('button', { name: 'Close session' }).click();
  await consolePage.getByRole('button', { name: 'Yes, close the session' }).click();
  await consolePage.getByText(/^Archive \(/).click();
  await consolePage.getByRole('button', { name: 'Read the minutes: Parks committee' }).click();
  const minutes = consolePage.getByRole('article', { name: 'Minutes: Parks committee' });
  await expect(minutes.getByRole('status')).toHaveText(/Hash chain verified: \d+ events intact\./);
  await expect(minutes.getByText(question)).toBeVisible();
  await laptop.close();
});
