import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/**
 * Issue 9, the strict mode for binding votes: the facilitator makes and prints single-use paper codes and
 * requires one to join; a phone without one is asked for it; a slip's QR joins straight in.
 */
test('paper codes: printed from the console, required to join, one slip lets one phone in', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Binding vote']);
  const { joinUrl } = await host.waitForLine('session-open');
  const laptop = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);

  const codesBox = consolePage.getByRole('group', { name: 'Paper codes for binding votes' });
  await expect(codesBox.getByText('No codes printed yet.')).toBeVisible();
  await codesBox.getByRole('spinbutton', { name: 'How many codes to make' }).fill('3');
  await codesBox.getByRole('button', { name: 'Make codes' }).click();
  const [download] = await Promise.all([consolePage.waitForEvent('download'), codesBox.getByRole('link', { name: 'Codes 1–3 (PDF)' }).click()]);
  expect(download.suggestedFilename()).toBe('Paper codes 1-3 Binding vote.pdf');
  const parser = new PDFParse({ data: new Uint8Array(readFileSync((await download.path())!)) });
  const { text } = await parser.getText();
  await parser.destroy();
  const codes = [...text.matchAll(/\b([2-9A-Z]{4}-[2-9A-Z]{4})\b/g)].map((m) => m[1]!);
  expect(codes).toHaveLength(3);
  // Checked once the host has it (the box shows the desk's state).
  await codesBox.getByRole('checkbox', { name: 'Phones need a paper code to join' }).click();
  await expect(codesBox.getByRole('checkbox', { name: 'Phones need a paper code to join' })).toBeChecked();
  // The projector tells the room, under the QR.
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  await expect(projector.getByRole('complementary', { name: 'How to join' })).toContainText('Have the code from your paper slip ready');

  // The projector's QR without a code: the phone asks for the one on the slip.
  const { page: typed } = await newPhone('Pixel 7');
  await typed.goto(joinUrl!);
  await ready(typed);
  await expect(typed.getByRole('heading', { name: 'This meeting uses paper codes' })).toBeVisible();
  const field = typed.getByRole('textbox', { name: 'Code from your paper slip' });
  await field.fill('ZZZZ-ZZZ');
  await typed.getByRole('button', { name: 'Join' }).click();
  await expect(typed.getByRole('alert')).toHaveText('A paper code has 8 letters and digits, like K7M2-9QXD.');
  await field.fill('zzzz zzzz');
  await typed.getByRole('button', { name: 'Join' }).click();
  await expect(typed.getByRole('alert')).toHaveText('That is not one of this meeting’s codes. Check it and try again.');
  await expect(field).toHaveValue('ZZZZ-ZZZZ'); // kept, to be corrected
  await field.fill(codes[0]!.toLowerCase());
  await typed.getByRole('button', { name: 'Join' }).click();
  await ready(typed);
  await expect(typed.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

  // A slip's own QR: straight in, and the code leaves the address bar.
  const { page: scanned } = await newPhone('iPhone 14');
  await openPhone(scanned, `${joinUrl!}?paper=${codes[1]!}`);
  await expect.poll(() => new URL(scanned.url()).search).toBe('');

  await expect(codesBox.getByRole('status')).toHaveText('Codes printed: 3 · used: 2');
  await laptop.close();
});
