import type { BrowserContext, Page } from '@playwright/test';
import { RelayClient, startRedis, startRelay, type RedisProcess, type RelayProcess } from '../test/helpers/relay-harness.js';
import { expectAccessible } from './fixtures/axe.js';
import { HostProcess } from './fixtures/host.js';
import { newLaptop, settle } from './fixtures/looks.js';
import { ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/**
 * Remote attendees in the console (issue 20): the laptop runs `open-floor serve --relay` against a real relay
 * on a real Redis; the facilitator finds the switch, the remote join link with its QR and a copy button, the
 * link's health and the phones in the room and remote in the Venue panel, and turns remote attendees off
 * and on. The Venue panel at 1280 wide is a screenshot against a committed baseline.
 */

const SECRET = 'console-remote-attendees-secret';

test.describe.serial('remote attendees in the console', () => {
  let redis: RedisProcess;
  let relay: RelayProcess;
  let host: HostProcess;
  let laptop: BrowserContext;
  let desk: Page;
  let code: string;
  const phones: RelayClient[] = [];

  test.beforeAll(async ({ browser }) => {
    redis = await startRedis();
    relay = await startRelay(redis.url, SECRET);
    host = new HostProcess();
    process.env.OPEN_FLOOR_RELAY_SECRET = SECRET;
    try {
      await host.start(['--session', 'Hybrid council meeting', '--relay', relay.url]);
    } finally {
      delete process.env.OPEN_FLOOR_RELAY_SECRET;
    }
    const opened = await host.waitForLine('session-open');
    code = opened.joinUrl!.split('/j/')[1]!;
    // `serve --json` says the remote join link too.
    expect(opened.remoteJoinUrl).toBe(`http://127.0.0.1:${relay.port}/j/${code}`);
    laptop = await newLaptop(browser, { width: 1280, height: 900 });
    await laptop.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.urls.loopbackOrigin });
    desk = await laptop.newPage();
    await desk.goto(host.urls.consoleUrl);
    await ready(desk);
  });

  test.afterAll(async () => {
    for (const p of phones) p.destroy();
    await laptop?.close();
    await host?.dispose();
    await relay?.stop();
    await redis?.stop();
  });

  /** `POST /api/join` on the relay, as a remote phone's browser sends it. */
  const remoteJoin = async () => {
    const res = await fetch(`http://127.0.0.1:${relay.port}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string; relayDoc?: string; relayToken?: string } };
  };
  /** A phone at home joins and opens its room on the relay (the phone app does both; a remote phone counts once it has). */
  const remotePhoneIn = async () => {
    const joined = await remoteJoin();
    expect(joined.status).toBe(200);
    const phone = new RelayClient(relay.url, joined.body.relayDoc!, joined.body.relayToken!);
    phones.push(phone);
    await phone.synced();
  };

  test('on by default: the switch, the link with its QR and copy button, the link health and the phones', async () => {
    const remote = desk.getByRole('group', { name: 'Remote attendees' });
    await expect(remote.getByRole('switch', { name: 'Take remote attendees' })).toBeChecked();
    const link = `http://127.0.0.1:${relay.port}/j/${code}`;
    await expect(remote.getByRole('group', { name: 'Remote join link' }).getByTestId('remote-link')).toHaveText(link);
    await expect(remote.getByRole('img', { name: 'QR code of the remote join link' })).toBeVisible();
    await expect(remote.getByTestId('relay-health')).toHaveAttribute('data-connected', 'yes');
    await expect(remote.getByTestId('relay-health')).toContainText(`The link to ${relay.url} is up since`);
    await remote.getByRole('button', { name: 'Copy link' }).click();
    await expect(remote.getByRole('status')).toHaveText('Link copied.');
    expect(await desk.evaluate(() => navigator.clipboard.readText())).toBe(link);

    await remotePhoneIn();
    await expect(remote.getByTestId('remote-phones')).toHaveText('Phones: 0 in the room, 1 remote.');
    await expect(desk.getByTestId('connected')).toHaveText('Connected phones: 0 in the room, 1 remote');
    await expect(desk.getByTestId('devices-joined')).toHaveText('Devices joined: 1 (1 remote)');
    await expectAccessible(desk, 'the console with remote attendees on');
  });

  test('the Venue panel with the relay on, at 1280 wide', async () => {
    const venue = desk.getByRole('region', { name: 'Venue' });
    await desk.mouse.move(0, 0);
    await settle(desk);
    await venue.screenshot({ path: test.info().outputPath('venue-relay-on.png') });
    await expect(venue).toHaveScreenshot('venue-relay-on.png', {
      mask: [venue.getByRole('img'), venue.getByTestId('test-url'), venue.getByTestId('webrtc-seen'), venue.getByTestId('transport-health'), venue.getByTestId('relay-health'), venue.getByTestId('remote-link')],
    });
  });

  test('off: the link and QR go, the note says why, a remote join is refused; on again: it joins', async () => {
    const remote = desk.getByRole('group', { name: 'Remote attendees' });
    await remote.getByRole('switch', { name: 'Take remote attendees' }).click();
    await expect(remote.getByRole('switch', { name: 'Take remote attendees' })).not.toBeChecked();
    await expect(remote.getByText('Closed: a new phone through the relay is told the meeting is not taking remote attendees.')).toBeVisible();
    await expect(remote.getByRole('group', { name: 'Remote join link' })).toHaveCount(0);
    await expect(remote.getByRole('img', { name: 'QR code of the remote join link' })).toHaveCount(0);
    expect(await remoteJoin()).toEqual({ status: 403, body: { ok: false, error: 'This meeting is not taking remote attendees at the moment.' } });
    await expectAccessible(desk, 'the console with remote attendees off');
    // For a person to look at (not a baseline: the relay line's address and time change from run to run).
    await desk.getByRole('region', { name: 'Venue' }).screenshot({ path: test.info().outputPath('venue-relay-off.png') });

    await remote.getByRole('switch', { name: 'Take remote attendees' }).click();
    await expect(remote.getByRole('switch', { name: 'Take remote attendees' })).toBeChecked();
    await expect(remote.getByRole('group', { name: 'Remote join link' })).toBeVisible();
    await remotePhoneIn();
    await expect(remote.getByTestId('remote-phones')).toHaveText('Phones: 0 in the room, 2 remote.');
  });

  test('after the close, the counts say how many devices joined remotely', async () => {
    const closed = await host.control('closeSession', {});
    expect(closed.ok).toBe(true);
    await expect(desk.getByText('2 devices (2 remote)')).toBeVisible();
  });
});
