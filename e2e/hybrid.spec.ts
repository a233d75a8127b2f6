import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { verifyArchive } from '../src-shared/minutes/archive.js';
import { startCaddy, startRedis, startRelay, startUplink, type CaddyProcess, type RedisProcess, type RelayProcess, type Uplink } from '../test/helpers/relay-harness.js';
import { phoneToken } from '../src-relay/relay-token.js';
import type { HostProcess } from './fixtures/host.js';
import { ask, boardItem, openPhone, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/*
 * Issue 20's "Done when": a phone in the hall (the laptop's LAN origin) and a phone at home (the relay's
 * https origin, behind Caddy with two relay instances sharing Redis) in one meeting. Everything a user runs
 * is real: redis-server, the relay processes, Caddy with TLS, the host, the phone app in Chromium.
 */

const SECRET = 'hybrid-e2e-secret-0123456789';
const Q_HALL = 'Will the library open on Saturdays?';
const Q_HOME = 'Can the council stream the planning meetings too?';
const Q_CUT = 'Asked from home while the hall was offline';
const Q_HALL_CUT = 'Asked in the hall while the uplink was down';
const POLL = 'Should the market move to the square?';

interface Relay {
  redis: RedisProcess;
  instances: RelayProcess[];
  caddy: CaddyProcess;
  uplink: Uplink;
  caFile: string;
  dir: string;
}

async function startRelayDeployment(): Promise<Relay> {
  const redis = await startRedis();
  const instances = [await startRelay(redis.url, SECRET), await startRelay(redis.url, SECRET)];
  const caddy = await startCaddy(instances.map((r) => r.port));
  // The venue's uplink: the laptop reaches the relay's public address through this hop, which the test cuts.
  const uplink = await startUplink(caddy.port);
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-hybrid-'));
  const caFile = join(dir, 'caddy-root.pem');
  writeFileSync(caFile, caddy.ca);
  return { redis, instances, caddy, uplink, caFile, dir };
}

/** A phone at home: a Chromium mobile context on the relay's https origin (Caddy's local CA). */
async function remotePhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7'];
  const context = await browser.newContext({ ...pixel, ignoreHTTPSErrors: true });
  return { context, page: await context.newPage() };
}

async function answerPoll(phone: Page, option: string): Promise<void> {
  const card = phone.getByRole('region', { name: POLL });
  await card.getByRole('radio', { name: option, exact: true }).check();
  await card.getByRole('button', { name: /^(Send|Change) answer$/ }).click();
  await expect(card.getByText(`Your answer: ${option} (you can change it until the poll closes)`)).toBeVisible();
}

const pollRow = (page: Page, option: string) => page.getByRole('list', { name: 'Poll results' }).getByRole('listitem').filter({ hasText: option });
const banner = (page: Page) => page.getByRole('status').filter({ hasText: /Connected|connection|Offline|Connecting/ });

let relay: Relay | null = null;

/** The relay deployment, and the host started with it; a meeting open without pre-moderation. */
async function hybridMeeting(host: HostProcess): Promise<{ joinUrl: string; sessionId: string; code: string }> {
  relay = await startRelayDeployment();
  process.env.OPEN_FLOOR_RELAY_SECRET = SECRET;
  await host.start(['--session', 'Hybrid forum', '--relay', `wss://localhost:${relay.uplink.port}`, '--relay-ca', relay.caFile]);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  return { joinUrl: joinUrl!, sessionId: sessionId!, code: new URL(joinUrl!).pathname.split('/').pop()! };
}

/** The remote join link: the relay's public origin (Caddy here). */
const remoteJoinUrl = (code: string): string => `https://localhost:${relay!.caddy.port}/j/${code}`;
test.afterEach(async () => {
  if (!relay) return;
  await relay.uplink.close();
  await relay.caddy.stop();
  await Promise.all(relay.instances.map((r) => r.stop()));
  await relay.redis.stop();
  rmSync(relay.dir, { recursive: true, force: true });
  relay = null;
});

test('hybrid: a phone in the hall and a phone through the relay ask, vote and answer a poll; the uplink is cut and restored; a relay instance dies; the minutes count both', async ({ host, newPhone, browser }) => {
  test.slow();
  const { joinUrl, sessionId, code } = await hybridMeeting(host);

  const hall = (await newPhone('Pixel 7')).page;
  await openPhone(hall, joinUrl);
  const home = await remotePhone(browser);
  // The same app, from the relay's origin: it joins through the relay and syncs its room there.
  await openPhone(home.page, remoteJoinUrl(code));
  expect(new URL(home.page.url()).origin).not.toBe(new URL(joinUrl).origin);

  // Both ask; each sees the other's question and votes for it.
  await ask(hall, Q_HALL);
  await ask(home.page, Q_HOME);
  for (const phone of [hall, home.page]) for (const q of [Q_HALL, Q_HOME]) await expect(boardItem(phone, q)).toBeVisible();
  await upvote(hall, Q_HOME).click();
  await upvote(home.page, Q_HALL).click();
  for (const phone of [hall, home.page]) for (const q of [Q_HALL, Q_HOME]) await expect(boardItem(phone, q)).toContainText('1 vote');

  // A poll, answered from both.
  const created = await host.control('createPoll', { kind: 'yesno', question: POLL });
  if (!created.ok) throw new Error(created.error);
  const { pollId } = created.value;
  expect((await host.control('openPoll', { pollId })).ok).toBe(true);
  expect((await host.control('showPoll', { pollId })).ok).toBe(true);
  await answerPoll(hall, 'Yes');
  await answerPoll(home.page, 'No');

  const laptop = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projector = await laptop.newPage();
  await projector.goto(host.urls.projectorUrl);
  // The hall's screen, which the stream often shows, gives the link for home too (the laptop's relay address).
  const howToJoin = projector.getByRole('complementary', { name: 'How to join' });
  await expect(howToJoin.getByText('At home? Join here:')).toBeVisible();
  await expect(howToJoin.getByText(`https://localhost:${relay!.uplink.port}/j/${code}`, { exact: true })).toBeVisible();
  await expect(pollRow(projector, 'Yes')).toContainText('1 · 50%');
  await expect(pollRow(projector, 'No')).toContainText('1 · 50%');
  // The room's count is of everyone taking part: the phone at home too, said apart.
  await expect(projector.getByText('2 people connected (1 from outside the room)', { exact: true })).toBeVisible();
  // For a person to look at (no baseline: addresses and codes change from run to run): the projector, the
  // console with the poll's turnout, and the phone at home at 360 px.
  await projector.screenshot({ path: test.info().outputPath('projector-hybrid.png') });
  const desk = await laptop.newPage();
  await desk.goto(host.urls.consoleUrl);
  await expect(desk.getByText(/answered by 2 of 2 phones connected/)).toBeVisible();
  await desk.screenshot({ path: test.info().outputPath('console-hybrid.png'), fullPage: true });
  await desk.close();
  await home.page.setViewportSize({ width: 360, height: 780 });
  await home.page.screenshot({ path: test.info().outputPath('phone-home-poll.png'), fullPage: true });
  // Its turnout is of both: the minutes say so below.
  expect((await host.control('closePoll', { pollId })).ok).toBe(true);
  expect((await host.control('showPoll', { pollId: null })).ok).toBe(true);
  for (const q of [Q_HALL, Q_HOME]) await expect(projector.getByText(q)).toBeVisible();

  // The venue's internet drops: the hall goes on; the phone at home says so and keeps its question.
  relay!.uplink.cut();
  await expect(banner(home.page)).toHaveText(/The meeting room’s connection dropped; your question will be sent when it is back/);
  await ask(home.page, Q_CUT);
  await expect(home.page.getByRole('status').filter({ hasText: '1 not sent yet' })).toBeVisible();
  await home.page.screenshot({ path: test.info().outputPath('phone-home-cut.png') });
  await ask(hall, Q_HALL_CUT);
  await expect(projector.getByText(Q_HALL_CUT)).toBeVisible();
  await expect(projector.getByText(Q_CUT)).toHaveCount(0);
  relay!.uplink.restore();
  await expect(banner(home.page)).toHaveText('Connected');
  await expect(projector.getByText(Q_CUT)).toBeVisible();
  await expect(boardItem(hall, Q_CUT)).toBeVisible();

  // The relay instance carrying everyone dies: Caddy sends the laptop and the phone to the other one.
  await relay!.instances[0]!.stop('SIGKILL');
  await upvote(home.page, Q_HALL_CUT).click();
  await expect(boardItem(hall, Q_HALL_CUT)).toContainText('1 vote');
  await expect(banner(home.page)).toHaveText('Connected');

  // The minutes count both kinds of participant; the archive's chain holds; each question is in it once.
  expect((await host.control('closeSession', {})).ok).toBe(true);
  const minutes = await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}&locale=en-GB`)).text();
  expect(minutes).toContain('1 in the room, 1 from outside it (through the relay)');
  expect(minutes).toContain('2 of 2 phones connected at close (100 %)');
  expect(minutes).toMatch(/Questions asked \| 4 \(2 from outside the room\)/);
  expect(minutes).toMatch(/Votes cast \(one per phone, withdrawn not counted\) \| 3 \(2 from outside the room\)/);
  const archive = (await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.json?t=${host.urls.token}`)).json()) as { events: Array<{ body: { type: string; text?: string } }> };
  expect(verifyArchive(archive)).toMatchObject({ ok: true });
  const asked = archive.events.filter((e) => e.body.type === 'question.asked').map((e) => e.body.text);
  expect(asked.sort()).toEqual([Q_CUT, Q_HALL, Q_HALL_CUT, Q_HOME].sort());
  await laptop.close();
  await home.context.close();
});

const BUDGET = 'The 2027 budget';

/** What the remote phone keeps for this code (join.ts), as the test reads and changes it. */
interface Kept {
  deviceId: string;
  roomId: string;
  relay: { code: string; doc: string; token: string; renewAt: number };
}
const keptKey = (code: string) => `open-floor:join:${code}`;
async function kept(page: Page, code: string): Promise<Kept> {
  return JSON.parse((await page.evaluate((key) => localStorage.getItem(key), keptKey(code)))!) as Kept;
}

test('hybrid: a phone at home sends a written comment instead of asking to speak, and keeps its room when its token is due or has run out', async ({ host, newPhone, browser }) => {
  test.slow();
  const { joinUrl, sessionId, code } = await hybridMeeting(host);
  const added = await host.control('addItem', { title: BUDGET, publicComment: true });
  if (!added.ok) throw new Error(added.error);
  expect((await host.control('setCurrentItem', { itemId: added.value.itemId })).ok).toBe(true);

  const hall = (await newPhone('Pixel 7')).page;
  await openPhone(hall, joinUrl);
  const home = await remotePhone(browser);
  await openPhone(home.page, remoteJoinUrl(code));
  // In the hall: asking to speak. At home: the reason there is none, and a written comment.
  await expect(hall.getByRole('button', { name: `Ask to speak on ${BUDGET}` })).toBeVisible();
  await expect(home.page.getByText('Asking to speak is for people in the room.', { exact: false })).toBeVisible();
  await expect(home.page.getByRole('button', { name: /Ask to speak/ })).toHaveCount(0);
  await home.page.getByRole('button', { name: `Send a written comment on ${BUDGET}` }).click();
  const form = home.page.getByRole('form', { name: `Send a written comment on ${BUDGET}` });
  await form.getByLabel('Your comment').fill('Please fund the youth centre from home too.');
  await form.getByRole('button', { name: 'Send comment' }).click();
  await expect(home.page.getByRole('status').filter({ hasText: 'Your comment was received.' })).toBeVisible();

  // Its token is due: the phone asks for a new one (a re-join with its cookie) and stays the same device.
  const first = await kept(home.page, code);
  await home.page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [keptKey(code), JSON.stringify({ ...first, relay: { ...first.relay, renewAt: 0 } })]);
  const rejoin = home.page.waitForRequest((r) => r.url().endsWith('/api/join') && r.method() === 'POST');
  await home.page.reload();
  await rejoin;
  await expect(home.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect.poll(async () => (await kept(home.page, code)).relay.token).not.toBe(first.relay.token);
  const renewed = await kept(home.page, code);
  expect(renewed).toMatchObject({ deviceId: first.deviceId, roomId: first.roomId });
  expect(renewed.relay.renewAt).toBeGreaterThan(Date.now() + 40 * 60_000);

  // Its token ran out while the phone slept: the relay refuses it, the phone renews it and carries on.
  const expired = phoneToken(SECRET, first.relay.doc, Date.now() - 2 * 60 * 60_000);
  await home.page.evaluate(([key, value]) => localStorage.setItem(key!, value!), [keptKey(code), JSON.stringify({ ...renewed, relay: { ...renewed.relay, token: expired, renewAt: Date.now() + 60 * 60_000 } })]);
  await home.page.reload();
  await expect(home.page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await ask(home.page, Q_HOME);
  await expect(boardItem(hall, Q_HOME)).toBeVisible();
  expect((await kept(home.page, code)).relay.token).not.toBe(expired);
  expect(relay!.instances.some((r) => r.stderr().includes('token expired'))).toBe(true);

  expect((await host.control('closeSession', {})).ok).toBe(true);
  const minutes = await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}&locale=en-GB`)).text();
  // One phone at home, however many tokens it had.
  expect(minutes).toContain('1 in the room, 1 from outside it (through the relay)');
  expect(minutes).toContain('Please fund the youth centre from home too.');
  await home.context.close();
});
