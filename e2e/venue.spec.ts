import { readFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/** Venue readiness, as the facilitator meets it in the console before and during a meeting. */

test('Test with your phone: the console shows which address a phone reached the laptop over', async ({ host, newPhone, browser }) => {
  await host.start();
  // `serve --json` lists the addresses with interface and kind; --address 127.0.0.1 (the fixture's) is in the QR.
  const listed = (await host.waitForLine('addresses')) as unknown as { joinAddress: string; choices: Array<{ address: string; kind: string }> };
  expect(listed.joinAddress).toBe('127.0.0.1');
  expect(listed.choices).toContainEqual(expect.objectContaining({ address: '127.0.0.1', kind: 'loopback' }));
  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);

  const test = consolePage.getByTestId('phone-test');
  await expect(test.getByRole('img', { name: 'Phone test QR code' })).toBeVisible();
  await expect(test.getByRole('status')).toHaveText('No phone has opened the test page yet.');
  await expect(consolePage.getByLabel('Address in the QR')).toContainText('127.0.0.1');
  const testUrl = (await test.getByTestId('test-url').textContent())!;
  expect(testUrl).toBe(`${host.urls.lanOrigin}/hello`);

  const phone = (await newPhone('iPhone 14')).page;
  await phone.goto(testUrl);
  await expect(phone.getByRole('heading', { name: 'This phone reached the laptop ✓' })).toBeVisible();
  await expect(test.getByRole('status')).toHaveAttribute('data-reached', 'yes');
  await expect(test.getByRole('status')).toContainText('A phone reached this laptop over 127.0.0.1 ✓');

  // Joining a rehearsal session: a phone whose WebSocket works stays on it; one whose WebSocket is
  // blocked falls back to WebRTC (through the host's gateway), and the console says WebRTC works here.
  await expect(test.getByTestId('webrtc-seen')).toContainText('no phone has connected over it yet');
  expect((await host.control('createSession', { title: 'Rehearsal' })).ok).toBe(true);
  const opened = await host.control('openSession', {});
  if (!opened.ok) throw new Error(opened.error);
  await openPhone(phone, opened.value.joinUrl);
  const rtcPhone = await newPhone('Pixel 7');
  await rtcPhone.context.routeWebSocket(/\/sync\//, (ws) => ws.close({ code: 1008, reason: 'blocked by test' }));
  await openPhone(rtcPhone.page, opened.value.joinUrl);
  await expect(test.getByTestId('webrtc-seen')).toContainText('WebRTC works here: a phone connected over it ✓');
  await expect(consolePage.getByTestId('transport-health')).toContainText('1 over WebSocket, 1 over WebRTC');
  await laptop.close();
});

test('nobody can join: the console says so, with what to do, when no phone arrives in time', async ({ host, browser }) => {
  await host.start(['--nobody-after', '1']);
  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await consolePage.getByLabel('Session title').fill('Harbour forum');
  await consolePage.getByRole('button', { name: 'Create session' }).click();
  await consolePage.getByRole('button', { name: 'Open session' }).click();

  const alert = consolePage.getByRole('alert').filter({ has: consolePage.getByRole('heading', { name: 'Nobody can join?' }) });
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('data-diagnosis', 'nobody');
  // The QR points at 127.0.0.1 here (this laptop only), so changing the address is the first advice.
  await expect(alert).toContainText('The QR points to 127.0.0.1 (loopback, this laptop only)');
  await expect(alert.getByRole('listitem').first()).toContainText('Use another address');
  await expect(alert.getByRole('listitem').filter({ hasText: 'Allow Open Floor through the firewall' })).toContainText('Private networks');
  await expect(alert).toContainText('Wi-Fi may keep devices apart');

  await alert.getByRole('button', { name: 'Help at the venue' }).click();
  await expect(consolePage.getByRole('heading', { name: 'Help at the venue', level: 1 })).toBeVisible();
  const help = consolePage.getByRole('main').filter({ has: consolePage.getByRole('heading', { name: 'Help at the venue' }) });
  await expect(help.getByRole('listitem').filter({ hasText: 'The laptop may be on a VPN' })).toBeVisible();
  await expect(help).toContainText('127.0.0.1 — loopback, this laptop only (in the QR)');
  await consolePage.getByRole('button', { name: 'Back to the console' }).click();
  await expect(consolePage.getByRole('heading', { name: 'Venue' })).toBeVisible();
  await laptop.close();
});

test('the printable handout downloads from the console with the code and the address in it', async ({ host, browser }) => {
  await host.start(['--session', 'Library hours']);
  const { joinUrl, code } = await host.waitForLine('session-open');
  const laptop = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);

  const [download] = await Promise.all([
    consolePage.waitForEvent('download'),
    consolePage.getByRole('link', { name: 'Print the handout (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Join Library hours.pdf');
  const parser = new PDFParse({ data: new Uint8Array(readFileSync((await download.path())!)) });
  const { text, total } = await parser.getText();
  await parser.destroy();
  expect(total).toBe(1);
  expect(text).toContain('Library hours');
  expect(text).toContain(new URL(joinUrl!).host);
  expect(text).toContain(code!);
  await laptop.close();
});

test('phones that load the page but never connect: the console says the network blocks the live connection', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Blocked sockets', '--nobody-after', '1']);
  const { joinUrl } = await host.waitForLine('session-open');
  const laptop = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);

  // A venue filter that lets pages through but no WebSocket (neither /sync nor WebRTC signaling).
  const phone = await newPhone('Pixel 7');
  await phone.context.routeWebSocket(/\/(sync|signal)/, (ws) => ws.close({ code: 1008, reason: 'blocked by test' }));
  await phone.page.goto(joinUrl!);

  const alert = consolePage.getByRole('alert').filter({ has: consolePage.getByRole('heading', { name: 'Phones cannot stay connected?' }) });
  await expect(alert).toHaveAttribute('data-diagnosis', 'no-sync');
  await expect(alert.getByRole('listitem').first()).toContainText('Phones load the page but cannot stay connected');
  await laptop.close();
});
