import { Store } from '../src-main/host/store/store.js';
import { exportSession } from '../src-main/host/export/export-session.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsBesidesPeaks, postJoin, startRelayHost, type RelayHost } from './helpers/relay-host-harness.js';
import { appendRequest, roomParts } from '../src-shared/docs/room-doc.js';
import { readBoard } from '../src-shared/docs/board-doc.js';
import type { Receipt } from '../src-shared/requests.js';
import { startTestHost, type TestHost } from './helpers/host-harness.js';
import { RelayClient, startRelay, until, type RedisProcess, type RelayProcess } from './helpers/relay-harness.js';

/**
 * End to end through the laptop (issue 20): the real host with its relay link on, a real relay process on
 * a real Redis, and a remote phone (the stock Hocuspocus provider) that knows only the relay. Its request
 * goes phone → relay → laptop's link → loopback /sync → pipeline → log, and the receipt comes back.
 */

const SECRET = 'relay-host-test-secret-0123';

let redis: RedisProcess;
let relay: RelayProcess;
let h: TestHost;
const clients: RelayClient[] = [];

const receipt = (c: RelayClient, id: string): Receipt | undefined => roomParts(c.doc).receipts.get(id);
const ask = (c: RelayClient, id: string, text: string): void => appendRequest(c.doc, { kind: 'ask', id, text });

let env: RelayHost;
beforeAll(async () => {
  env = await startRelayHost(SECRET);
  ({ redis, relay, h } = env);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await env?.stop();
});

describe('a remote phone through the relay and the laptop', () => {
  it('joins with the LAN policy, asks, gets its receipt, and the question is in the log once', async () => {
    const code = await h.openSession('Hybrid town hall');
    const relayAccess = h.host.relay!;
    await until(() => relayAccess.connected(), 5000, 'laptop connected to the relay');
    const joined = relayAccess.join(code, { address: '203.0.113.7' });
    if (!joined.ok || !('relayToken' in joined)) throw new Error(`join failed: ${JSON.stringify(joined)}`);
    expect(joined.relayDoc).toBe(`room-${joined.roomId}`);
    expect(relayAccess.join('WRONG1', { address: '203.0.113.7' }).ok).toBe(false);

    const phone = new RelayClient(relay.url, joined.relayDoc, joined.relayToken);
    clients.push(phone);
    await phone.synced();
    // The board is the relay's one board document (read-only for the phone), not part of its room.
    const board = new RelayClient(relay.url, 'board', joined.relayToken, phone.socket);
    clients.push(board);
    await board.synced();
    expect(board.readOnly).toBe(true);
    await until(() => readBoard(board.doc).session?.title === 'Hybrid town hall', 5000, 'board through the relay');
    expect(readBoard(phone.doc).session).toBeNull();

    const before = eventsBesidesPeaks(h);
    ask(phone, 'remote-1', 'Can people at home vote too?');
    await until(() => receipt(phone, 'remote-1') !== undefined, 5000, 'receipt through the relay');
    expect(receipt(phone, 'remote-1')).toMatchObject({ ok: true });
    expect(h.host.currentSession()!.questions).toBe(1);
    expect(eventsBesidesPeaks(h)).toBe(before + 1);
  });

  it('the relay dies and comes back: the laptop reconnects and a request written meanwhile is applied once', async () => {
    const session = h.host.currentSession()!;
    const joined = h.host.relay!.join(session.joinCode, { address: '203.0.113.8' });
    if (!joined.ok || !('relayToken' in joined)) throw new Error('join failed');
    const phone = new RelayClient(relay.url, joined.relayDoc, joined.relayToken);
    clients.push(phone);
    await phone.synced();

    const port = relay.port;
    await relay.stop('SIGKILL');
    await until(() => !h.host.relay!.connected(), 5000, 'laptop saw the relay go');
    const before = eventsBesidesPeaks(h);
    ask(phone, 'remote-offline', 'Written while the relay was down');
    await new Promise((r) => setTimeout(r, 300));
    expect(eventsBesidesPeaks(h)).toBe(before);

    const t0 = Date.now();
    relay = env.relay = await startRelay(redis.url, SECRET, port);
    await until(() => h.host.relay!.connected(), 5000, 'laptop back on the relay');
    const laptopBack = Date.now() - t0;
    await until(() => receipt(phone, 'remote-offline') !== undefined, 10_000, 'receipt after the relay restart');
    const delivered = Date.now() - t0;
    expect(receipt(phone, 'remote-offline')).toMatchObject({ ok: true });
    // Both sides synced their whole state again with the new relay: still one event for the request.
    await new Promise((r) => setTimeout(r, 1000));
    expect(eventsBesidesPeaks(h)).toBe(before + 1);
    expect(h.host.currentSession()!.questions).toBe(2);
    console.log(`[relay e2e] relay restarted: laptop reconnected in ${laptopBack} ms, the offline request's receipt after ${delivered} ms`);
  });

  it('the laptop restarts: the relay names the rooms phones have open, a request written meanwhile is applied once, and a room joined but never opened is bridged only once opened', async () => {
    const session = h.host.currentSession()!;
    const joined = h.host.relay!.join(session.joinCode, { address: '203.0.113.9' });
    if (!joined.ok || !('relayToken' in joined)) throw new Error('join failed');
    const phone = new RelayClient(relay.url, joined.relayDoc, joined.relayToken);
    clients.push(phone);
    await phone.synced();
    ask(phone, 'before-restart', 'Asked before the laptop restarted');
    await until(() => receipt(phone, 'before-restart') !== undefined, 5000, 'first receipt');

    // A second phone joins and has yet to open its room (its tab was closed, or it is slow): bridged, not counted.
    const unopened = h.host.relay!.join(session.joinCode, { address: '203.0.113.10' });
    if (!unopened.ok || !('relayToken' in unopened)) throw new Error('join failed');
    const open = { bridged: h.host.relay!.bridgedRooms() - 1, remote: h.host.relay!.remoteRooms() };

    const before = eventsBesidesPeaks(h);
    const dataDir = h.dataDir;
    await h.stop(false);
    ask(phone, 'during-restart', 'Asked while the laptop was restarting');
    const t0 = Date.now();
    h = await startTestHost(dataDir, { relay: { url: relay.url, secret: SECRET, maxRetryDelayMs: 500 } });
    // The new laptop process knows no remote room: the relay's notice makes it bridge this one.
    await until(() => receipt(phone, 'during-restart') !== undefined, 10_000, 'receipt after the laptop restarted');
    console.log(`[relay e2e] laptop restarted: the request written meanwhile answered ${Date.now() - t0} ms after the start`);
    expect(receipt(phone, 'during-restart')).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 1000));
    expect(eventsBesidesPeaks(h)).toBe(before + 1);
    // The room joined but never opened is not bridged again: no instance names it.
    expect(h.host.relay!.bridgedRooms()).toBe(open.bridged);
    expect(h.host.relay!.remoteRooms()).toBe(open.remote);
    // Opened later, with the token it got before the restart: bridged, counted and answered.
    const late = new RelayClient(relay.url, unopened.relayDoc, unopened.relayToken);
    clients.push(late);
    await late.synced();
    ask(late, 'opened-after-restart', 'Opened my room after the laptop restarted');
    await until(() => receipt(late, 'opened-after-restart') !== undefined, 10_000, 'the late phone answered');
    expect(receipt(late, 'opened-after-restart')).toMatchObject({ ok: true });
    await until(() => h.host.relay!.remoteRooms() === open.remote + 1, 5000, 'the late phone counted');
  });

  it('joins over HTTP on another relay instance: forwarded to the laptop through Redis, the same policy as the LAN', async () => {
    const session = h.host.currentSession()!;
    const other = await startRelay(redis.url, SECRET, 0, ['--trust-proxy']);
    try {
      // The laptop is connected to the first instance only: the join crosses instances through Redis.
      const first = await postJoin(other.port, session.joinCode.toLowerCase(), { 'x-forwarded-for': '198.51.100.1' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ok: true, relayDoc: `room-${first.body.roomId}` });
      expect(first.body.token).toBeUndefined();
      expect(first.cookie).toMatch(/^of_device=/);
      // The same browser (its cookie) gets its device back.
      const again = await postJoin(other.port, session.joinCode, { cookie: first.cookie!, 'x-forwarded-for': '198.51.100.1' });
      expect(again.body.deviceId).toBe(first.body.deviceId);
      expect((await postJoin(other.port, 'ZZZZZZ')).status).toBe(404);

      const phone = new RelayClient(other.url, first.body.relayDoc!, first.body.relayToken!);
      clients.push(phone);
      await phone.synced();
      const before = eventsBesidesPeaks(h);
      ask(phone, 'via-http-join', 'Asked from home through instance B');
      await until(() => receipt(phone, 'via-http-join') !== undefined, 5000, 'receipt on instance B');
      expect(receipt(phone, 'via-http-join')).toMatchObject({ ok: true });
      expect(eventsBesidesPeaks(h)).toBe(before + 1);

      // Phones per address: with --trust-proxy the proxy's header names the address, without it the socket's.
      for (let i = 2; i <= 6; i++) expect((await postJoin(other.port, session.joinCode, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(200);
      const statuses: number[] = [];
      for (let i = 2; i <= 6; i++) statuses.push((await postJoin(relay.port, session.joinCode, { 'x-forwarded-for': `198.51.100.${i}` })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);

      // The log says these phones came from outside the room; the minutes count them apart.
      const store = new Store(h.dataDir, { readOnly: true });
      try {
        const joined = store.events(session.id).filter((e) => e.body.type === 'device.joined');
        // 1 + 5 through instance B, 4 through A (the fifth refused); the same browser again is no new device.
        const remote = joined.filter((e) => (e.body as { via?: string }).via === 'relay').length;
        expect(remote).toBe(10);
        const minutes = new TextDecoder().decode((await exportSession(store, session.id, 'md', { locale: 'en-GB' })).data);
        expect(minutes).toMatch(new RegExp(`; ${joined.length - remote} in the room, ${remote} from outside it \\(through the relay\\)`));
      } finally {
        store.close();
      }
    } finally {
      await other.stop();
    }
  });

  it('a new session: the old session\'s remote rooms are no longer bridged, and the link serves the next one', async () => {
    expect(h.host.relay!.remoteRooms()).toBeGreaterThan(0);
    await h.mustControl('closeSession', {});
    const code = await h.openSession('Next meeting');
    expect(h.host.relay!.remoteRooms()).toBe(0);
    // The old bridges' listeners left the shared socket in one go (relay-link.ts, detachingMany): the
    // board's and a new room's still hear it.
    const joined = h.host.relay!.join(code, { address: '203.0.113.70' });
    if (!joined.ok || !('relayToken' in joined)) throw new Error(`join failed: ${JSON.stringify(joined)}`);
    const phone = new RelayClient(relay.url, joined.relayDoc, joined.relayToken);
    clients.push(phone);
    const board = new RelayClient(relay.url, 'board', joined.relayToken, phone.socket);
    clients.push(board);
    await Promise.all([phone.synced(), board.synced()]);
    await until(() => readBoard(board.doc).session?.title === 'Next meeting', 5000, 'the next session on the relay’s board');
    ask(phone, 'next-1', 'Is this the next meeting?');
    await until(() => receipt(phone, 'next-1') !== undefined, 5000, 'receipt in the next session');
    expect(receipt(phone, 'next-1')!.ok).toBe(true);
  });
});
