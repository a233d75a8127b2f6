import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsBesidesPeaks, postJoin, startRelayHost, type RelayHost } from './helpers/relay-host-harness.js';
import { Store } from '../src-main/host/store/store.js';
import { exportSession } from '../src-main/host/export/export-session.js';
import { appendRequest, roomParts } from '../src-shared/docs/room-doc.js';
import { JOIN_REFUSALS } from '../src-shared/refusals.js';
import { must, startTestHost, type TestHost } from './helpers/host-harness.js';
import { RelayClient, startRelay, until, type RedisProcess, type RelayProcess } from './helpers/relay-harness.js';

/**
 * The console's switch for remote attendees (issue 20), through the HTTP control API as the console uses
 * it, with a real relay on a real Redis and remote phones joining over the relay's `POST /api/join`.
 */

const SECRET = 'remote-attendees-secret-0123';

let redis: RedisProcess;
let relay: RelayProcess;
let h: TestHost;
const clients: RelayClient[] = [];

let env: RelayHost;
beforeAll(async () => {
  env = await startRelayHost(SECRET);
  ({ redis, relay, h } = env);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await env?.stop();
});

const remoteJoin = (code: string, headers: Record<string, string> = {}) => postJoin(relay.port, code, headers);

const relayStatus = async () => (await must(h.control('venueStatus', {}))).relay!;

describe('remote attendees on and off, from the console', () => {
  it('on by default with a relay: the Venue status has the link, its health and the phones in the room and remote', async () => {
    const started = Date.now();
    const code = await h.openSession('Hybrid council meeting');
    await until(() => h.host.relay!.connected(), 5000, 'laptop connected to the relay');
    const lan = await h.join(code);
    expect(lan.ok).toBe(true);
    const s = await relayStatus();
    expect(s).toMatchObject({ url: relay.url, connected: true, remoteAttendees: true, joinLink: `http://127.0.0.1:${relay.port}/j/${code}`, remotePhones: 0, inRoomPhones: 0, drops: 0 });
    expect(s.since).toBeGreaterThanOrEqual(started - 60_000);
    expect(s.since).toBeLessThanOrEqual(Date.now());
  });

  it('off: a new remote phone is refused with the message, one already in keeps its room, the LAN is unchanged; the log has the switch', async () => {
    const code = h.host.currentSession()!.joinCode;
    const first = await remoteJoin(code);
    expect(first.status).toBe(200);
    const phone = new RelayClient(relay.url, first.body.relayDoc!, first.body.relayToken!);
    clients.push(phone);
    await phone.synced();

    const events = eventsBesidesPeaks(h);
    expect(await must(h.control('setRemoteAttendees', { open: false }))).toEqual({ open: false });
    expect(eventsBesidesPeaks(h)).toBe(events + 1);
    // The same switch again records nothing.
    await must(h.control('setRemoteAttendees', { open: false }));
    expect(eventsBesidesPeaks(h)).toBe(events + 1);

    const refused = await remoteJoin(code);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ ok: false, error: JOIN_REFUSALS.remoteClosed });
    expect(refused.body.error).toBe('This meeting is not taking remote attendees at the moment.');

    // The phone that joined before: its own cookie gets it back (a fresh token), and what it sends arrives.
    const back = await remoteJoin(code, { cookie: first.cookie! });
    expect(back.status).toBe(200);
    expect(back.body.deviceId).toBe(first.body.deviceId);
    appendRequest(phone.doc, { kind: 'ask', id: 'while-closed', text: 'Asked from home after remote joining closed' });
    await until(() => roomParts(phone.doc).receipts.get('while-closed') !== undefined, 5000, 'receipt while closed');
    expect(roomParts(phone.doc).receipts.get('while-closed')).toMatchObject({ ok: true });
    // Phones in the room join as before.
    expect((await h.join(code)).ok).toBe(true);

    const s = await relayStatus();
    expect(s).toMatchObject({ remoteAttendees: false, joinLink: null, remotePhones: 1 });

    const store = new Store(h.dataDir, { readOnly: true });
    try {
      const switched = store.events(h.host.currentSession()!.id).filter((e) => e.body.type === 'remoteAttendees.set');
      expect(switched.map((e) => [e.body, e.actor])).toEqual([[{ type: 'remoteAttendees.set', open: false }, 'facilitator']]);
    } finally {
      store.close();
    }
  });

  it('on again: a remote phone joins; the minutes say when remote participation was closed and opened', async () => {
    const session = h.host.currentSession()!;
    expect(await must(h.control('setRemoteAttendees', { open: true }))).toEqual({ open: true });
    const joined = await remoteJoin(session.joinCode);
    expect(joined.status).toBe(200);
    expect(joined.body.ok).toBe(true);
    // Joined, not yet in its room on the relay: not counted as a remote phone until it opens it.
    expect(await relayStatus()).toMatchObject({ remotePhones: 1 });
    const phone = new RelayClient(relay.url, joined.body.relayDoc!, joined.body.relayToken!);
    clients.push(phone);
    await phone.synced();
    await until(async () => (await relayStatus()).remotePhones === 2, 5000, 'the second remote phone counted once in its room');
    const s = await relayStatus();
    expect(s).toMatchObject({ remoteAttendees: true, joinLink: `http://127.0.0.1:${relay.port}/j/${session.joinCode}`, remotePhones: 2 });

    const store = new Store(h.dataDir, { readOnly: true });
    try {
      const minutes = new TextDecoder().decode((await exportSession(store, session.id, 'md', { locale: 'en-GB' })).data);
      expect(minutes).toMatch(/- \*\*Remote participation:\*\* Closed at \d\d:\d\d; opened at \d\d:\d\d\n/);
      expect(minutes).toMatch(/; 2 in the room, 2 from outside it \(through the relay\)/);
    } finally {
      store.close();
    }
  });

  it('the link going down shows: not connected, since when, and one drop', async () => {
    const before = Date.now();
    const port = relay.port;
    await relay.stop('SIGKILL');
    await until(async () => !(await relayStatus()).connected, 5000, 'the console sees the link down');
    const down = await relayStatus();
    expect(down.since).toBeGreaterThanOrEqual(before);
    expect(down.drops).toBe(1);
    relay = await startRelay(redis.url, SECRET, port);
    await until(async () => (await relayStatus()).connected, 5000, 'the console sees the link up');
    const up = await relayStatus();
    expect(up.since).toBeGreaterThanOrEqual(down.since);
    expect(up.drops).toBe(1);
  });
});

describe('without a relay', () => {
  it('the switch is refused in plain words and the Venue status has no relay', async () => {
    const lanOnly = await startTestHost();
    try {
      await lanOnly.openSession('Room only');
      const r = await lanOnly.control('setRemoteAttendees', { open: false });
      expect(r).toEqual({ ok: false, error: 'This laptop is not running with a relay, so nobody can join from outside the room.' });
      expect((await must(lanOnly.control('venueStatus', {}))).relay).toBeUndefined();
    } finally {
      await lanOnly.stop();
    }
  });
});
