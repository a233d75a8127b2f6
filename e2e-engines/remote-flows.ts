import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HostProcess } from '../e2e/fixtures/host.js';
import { verifyArchive, type Archive } from '../src-shared/minutes/archive.js';
import { startCaddy, startRedis, startRelay, startUplink, type CaddyProcess, type RedisProcess, type RelayProcess, type Uplink } from '../test/helpers/relay-harness.js';
import type { EngineDriver, StartEngine } from './drivers/types.js';
import { css, hasText, Phone, role, roleContaining, text } from './phone.js';
import { TOWN_HALL } from './town-hall.js';

const SECRET = 'engines-relay-secret-0123456789';
const Q_HOME = 'Can the council stream the planning meetings too?';
const Q_HALL = 'Will the library open on Saturdays?';
const Q_CUT = 'Asked from home while the hall was offline';
const POLL = 'Should the market move to the square?';
const ITEM = 'The 2027 budget';
const COMMENT = 'Please fund the youth centre; I am watching from home.';
const DROPPED = 'The meeting room’s connection dropped; your question will be sent when it is back';

const STEP_MS = 120_000;
const boardItem = (q: string) => [role('list', 'Questions on the board'), role('listitem'), hasText(q)];
const mine = (q: string) => [role('region', 'My questions'), text(q)];
const status = (part: string) => [role('status'), hasText(part)];

/**
 * A phone at home (issue 20, docs/HYBRID.md), the same in every engine, joining through the relay and
 * syncing its room and the relay's board over one Hocuspocus socket. Everything is real: redis-server, two
 * `open-floor relay` instances (the phone on the first, the laptop on the second, so every update crosses
 * Redis), the host with `--relay`, and a TCP hop for the venue's uplink that the test cuts. A phone in the
 * hall, in the same engine, sees what the remote phone sends.
 *
 * `via`: where the phone opens the app.
 * - `'http'`: the first relay's own origin, `http://town-hall.test:<relay port>`: another origin than the
 *   laptop's and, like a phone's LAN address over plain http, not a secure context (no service worker, no
 *   crypto.subtle).
 * - `'caddy'`: as deployed (docs/HYBRID.md), `https://localhost:<port>` through Debian's Caddy with its own
 *   local CA in front of both relays (`lb_policy first`: the first one); a secure context, with the offline
 *   copy. The engine accepts Caddy's certificate (`acceptInsecureCerts`) where a real phone trusts the
 *   relay's public one.
 */
export function remoteFlows(engineName: EngineDriver['name'], start: StartEngine, via: 'http' | 'caddy' = 'http'): void {
  const tls = via === 'caddy';
  describe.sequential(`a remote phone through the relay in ${engineName}${tls ? ', https through Caddy' : ''}`, () => {
    const host = new HostProcess(undefined, TOWN_HALL);
    let redis: RedisProcess | null = null;
    const relays: RelayProcess[] = [];
    let uplink: Uplink | null = null;
    let caddy: CaddyProcess | null = null;
    let engine: EngineDriver | null = null;
    let home: Phone;
    let hall: Phone;
    let joinUrl = '';
    let sessionId = '';
    let remoteUrl = '';

    beforeAll(async () => {
      redis = await startRedis();
      relays.push(await startRelay(redis.url, SECRET), await startRelay(redis.url, SECRET));
      // The laptop on the second instance through the venue's uplink; the phone at home on the first.
      uplink = await startUplink(relays[1]!.port);
      process.env.OPEN_FLOOR_RELAY_SECRET = SECRET;
      await host.start(['--session', 'Hybrid forum', '--relay', `ws://127.0.0.1:${uplink.port}`]);
      ({ joinUrl = '', sessionId = '' } = await host.waitForLine('session-open'));
      expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
      const code = new URL(joinUrl).pathname.split('/').pop()!;
      if (tls) caddy = await startCaddy(relays.map((r) => r.port));
      remoteUrl = caddy ? `https://localhost:${caddy.port}/j/${code}` : `http://${TOWN_HALL}:${relays[0]!.port}/j/${code}`;
      engine = await start({ acceptInsecureCerts: tls });
      home = new Phone(await engine.newPhone(), `${engineName} phone at home`);
      hall = new Phone(await engine.newPhone(), `${engineName} phone in the hall`);
    }, STEP_MS);

    afterAll(async () => {
      await engine?.close();
      if (process.env.DEBUG_ENGINES) console.log(host.stderr, ...relays.map((r) => r.stderr()));
      await host.dispose();
      await uplink?.close();
      await caddy?.stop();
      await Promise.all(relays.map((r) => r.stop()));
      await redis?.stop();
      delete process.env.OPEN_FLOOR_RELAY_SECRET;
    }, STEP_MS);

    test(`joins through the relay from its origin, ${tls ? 'a secure context' : 'in an insecure context'}`, async () => {
      await home.open(remoteUrl);
      await home.visible(status('Connected'));
      const facts = await home.page.facts();
      expect(new URL(facts.url).origin).toBe(new URL(remoteUrl).origin);
      expect(new URL(facts.url).origin).not.toBe(new URL(joinUrl).origin);
      expect(facts.isSecureContext).toBe(tls);
      // Plain http: no offline copy (service workers need a secure context). Over https it depends on the
      // engine's view of a certificate it was told to accept; not checked.
      if (!tls) await home.attribute([css('body')], 'data-offline-ready', 'false');
      else if (process.env.DEBUG_ENGINES) console.log('offline copy over https:', (await home.page.find([css('body')], ['data-offline-ready'])).attributes);
      await hall.open(joinUrl);
      await hall.visible(status('Connected'));
    }, STEP_MS);

    test('asks; the hall sees it; each upvotes the other’s question', async () => {
      await home.fill([role('textbox', 'Your question')], Q_HOME);
      await home.click([role('button', 'Send question')]);
      await home.visible(mine(Q_HOME));
      await hall.contains(boardItem(Q_HOME), '0 votes');
      await hall.fill([role('textbox', 'Your question')], Q_HALL);
      await hall.click([role('button', 'Send question')]);
      await home.contains(boardItem(Q_HALL), '0 votes');
      await home.click([role('button', `Upvote: ${Q_HALL.slice(0, 40)}`)]);
      await hall.click([role('button', `Upvote: ${Q_HOME.slice(0, 40)}`)]);
      for (const phone of [home, hall]) for (const q of [Q_HOME, Q_HALL]) await phone.contains(boardItem(q), '1 vote');
      await home.attribute([role('button', `Upvote: ${Q_HALL.slice(0, 40)}`)], 'aria-pressed', 'true');
    }, STEP_MS);

    test('answers a yes/no poll; the hall’s live chart counts it', async () => {
      const created = await host.control('createPoll', { kind: 'yesno', question: POLL, options: [], visibility: 'live' });
      if (!created.ok) throw new Error(created.error);
      const { pollId } = created.value;
      expect((await host.control('openPoll', { pollId })).ok).toBe(true);
      expect((await host.control('showPoll', { pollId })).ok).toBe(true);
      const card = role('region', POLL);
      await home.check([card, role('radio', 'No')]);
      await home.click([card, roleContaining('button', 'answer')]);
      await home.contains([card], 'Your answer: No (you can change it until the poll closes)');
      const row = (option: string) => [role('list', `Results: ${POLL}`), role('listitem'), hasText(option)];
      await hall.contains(row('No'), '1 · 100%');
      await hall.contains(row('Yes'), '0 · 0%');
      expect((await host.control('showPoll', { pollId: null })).ok).toBe(true);
    }, STEP_MS);

    test('comments in writing on the current item instead of asking to speak', async () => {
      const added = await host.control('addItem', { title: ITEM, publicComment: true });
      if (!added.ok) throw new Error(added.error);
      expect((await host.control('setCurrentItem', { itemId: added.value.itemId })).ok).toBe(true);
      await hall.visible([role('button', `Ask to speak on ${ITEM}`)]);
      await home.visible([text('Asking to speak is for people in the room.')]);
      await home.count([roleContaining('button', 'Ask to speak')], 0);
      await home.click([role('button', `Send a written comment on ${ITEM}`)]);
      const form = role('form', `Send a written comment on ${ITEM}`);
      await home.fill([form, role('textbox', 'Your comment')], COMMENT);
      await home.click([form, role('button', 'Send comment')]);
      await home.visible(status('Your comment was received.'));
    }, STEP_MS);

    test('the venue’s uplink is cut: the phone says so, keeps its question and sends it once the link is back', async () => {
      uplink!.cut();
      await home.visible(status(DROPPED));
      await home.fill([role('textbox', 'Your question')], Q_CUT);
      await home.click([role('button', 'Send question')]);
      await home.visible(status('1 not sent yet'));
      await home.visible(mine(Q_CUT));
      await hall.count(boardItem(Q_CUT), 0);
      uplink!.restore();
      await home.visible(status('Connected'));
      await home.gone(status(DROPPED));
      await hall.count(boardItem(Q_CUT), 1);
      await home.count(boardItem(Q_CUT), 1);
      await home.gone(status('not sent yet'));
    }, STEP_MS);

    test('a reload keeps its questions and its vote (the same device)', async () => {
      await home.page.reload();
      await home.ready();
      await home.visible(status('Connected'));
      for (const q of [Q_HOME, Q_CUT]) {
        await home.count(mine(q), 1);
        await home.count(boardItem(q), 1);
      }
      await home.attribute([role('button', `Upvote: ${Q_HALL.slice(0, 40)}`)], 'aria-pressed', 'true');
      await home.contains([role('region', POLL)], 'Your answer: No');
    }, STEP_MS);

    test('the archive holds each remote question once; the minutes count the phone at home apart', async () => {
      expect((await host.control('closeSession', {})).ok).toBe(true);
      const archive = (await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.json?t=${host.urls.token}`)).json()) as Archive;
      expect(verifyArchive(archive)).toMatchObject({ ok: true });
      const asked = archive.events.filter((e) => e.body.type === 'question.asked').map((e) => (e.body as { text: string }).text);
      expect(asked.sort()).toEqual([Q_CUT, Q_HALL, Q_HOME].sort());
      const minutes = await (await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.md?t=${host.urls.token}&locale=en-GB`)).text();
      // One phone at home, reload and all.
      expect(minutes).toContain('1 in the room, 1 from outside it (through the relay)');
      expect(minutes).toContain(COMMENT);
    }, STEP_MS);
  });
}
