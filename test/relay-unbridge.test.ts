import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendRequest, roomParts } from '../src-shared/docs/room-doc.js';
import { startTestHost, type TestHost } from './helpers/host-harness.js';
import { eventsBesidesPeaks } from './helpers/relay-host-harness.js';
import { buildCliIfStale, RelayClient, startRedis, startRelay, until, type RedisProcess, type RelayProcess } from './helpers/relay-harness.js';

/**
 * The laptop stops bridging a remote room nobody is in (issue 20, laptop memory): real Redis, two relay
 * instances, the host with its relay link on instance A and a short idle time. A phone that leaves (it was
 * on B, so the relay's word travels through Redis) is unbridged after the idle time; a phone that moves
 * from A to B is not; the phone that left comes back with a request it wrote offline, the room is bridged
 * again and the request is answered and logged once. Last, instance B is killed with a phone on it that
 * never comes back: no instance says its room was left, the roll call finds it.
 */

const SECRET = 'relay-unbridge-test-secret-01';
const IDLE_MS = 1000;
/** The relay has 3 s to say a phone still has a room open (15 s in a meeting). */
const QUERY_ANSWER_MS = 3000;
/** The laptop calls the roll of open rooms every second here (a minute in a meeting). */
const ROLL_CALL_MS = 1000;

let redis: RedisProcess;
let a: RelayProcess;
let b: RelayProcess;
let h: TestHost;
const clients: RelayClient[] = [];
const client = (url: string, name: string, token: string): RelayClient => {
  const c = new RelayClient(url, name, token);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  await buildCliIfStale();
  redis = await startRedis();
  [a, b] = await Promise.all([startRelay(redis.url, SECRET), startRelay(redis.url, SECRET)]);
  h = await startTestHost(undefined, { relay: { url: a.url, secret: SECRET, maxRetryDelayMs: 500, idleRoomMs: IDLE_MS, rollCallMs: ROLL_CALL_MS, roomQueryAnswerMs: QUERY_ANSWER_MS } });
}, 120_000);

/** A remote phone's join as the relay forwards it; what opens its room. */
const joinThroughRelay = (code: string, address: string) => {
  const joined = h.host.relay!.join(code, { address });
  if (!joined.ok || !('relayToken' in joined)) throw new Error(`join failed: ${JSON.stringify(joined)}`);
  return joined;
};

afterAll(async () => {
  for (const c of clients) c.destroy();
  await h?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

describe('remote rooms nobody is in are no longer bridged', () => {
  it('a phone leaves: its room is unbridged after the idle time; one that moved instance stays; the leaver comes back and its offline request is applied once', async () => {
    const code = await h.openSession('Unbridging');
    const relay = h.host.relay!;
    await until(() => relay.connected(), 5000, 'laptop on the relay');
    const join = (address: string) => joinThroughRelay(code, address);
    const leaver = join('203.0.113.20');
    const mover = join('203.0.113.21');
    expect(relay.bridgedRooms()).toBe(2);
    // The leaver is on B (its notices reach the laptop on A through Redis), the mover on A.
    const first = client(b.url, leaver.relayDoc, leaver.relayToken);
    let moverClient = client(a.url, mover.relayDoc, mover.relayToken);
    await Promise.all([first.synced(), moverClient.synced()]);
    appendRequest(first.doc, { kind: 'ask', id: 'before-leaving', text: 'Is the pool open in August?' });
    await until(() => roomParts(first.doc).receipts.get('before-leaving') !== undefined, 5000, 'first receipt');

    // The mover goes from A to B (its socket to A closes: A says the room is left; B has it open).
    moverClient.destroy();
    moverClient = client(b.url, mover.relayDoc, mover.relayToken);
    await moverClient.synced();
    // The leaver goes, keeping what its doc held (the phone app keeps it in IndexedDB).
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(first.doc));
    first.destroy();
    // The console's "remote" count is the phones there now: the leaver is not counted from when it left.
    await until(() => relay.remoteRooms() === 1, 5000, 'the leaver not counted as remote');

    // The leaver's check ends after the mover's (it started later): one room bridged, the mover's.
    await until(() => relay.bridgedRooms() === 1, 15_000, 'the leaver\'s room unbridged');
    expect(relay.remoteRooms()).toBe(1);
    appendRequest(moverClient.doc, { kind: 'ask', id: 'after-moving', text: 'Asked after moving to another instance' });
    await until(() => roomParts(moverClient.doc).receipts.get('after-moving') !== undefined, 5000, 'the mover is still bridged');

    // Offline, the leaver asks; it comes back (on A this time) and the relay's room notice bridges it again.
    appendRequest(offline, { kind: 'ask', id: 'written-offline', text: 'Written while away' });
    const questionsBefore = h.host.currentSession()!.questions;
    const back = client(a.url, leaver.relayDoc, leaver.relayToken);
    Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(offline));
    await until(() => roomParts(back.doc).receipts.get('written-offline') !== undefined, 10_000, 'the offline request answered');
    expect(roomParts(back.doc).receipts.get('written-offline')).toMatchObject({ ok: true });
    expect(relay.bridgedRooms()).toBe(2);
    expect(relay.remoteRooms()).toBe(2);
    // Applied once: one more question, and the earlier request was not asked again.
    expect(h.host.currentSession()!.questions).toBe(questionsBefore + 1);
    const events = eventsBesidesPeaks(h);
    appendRequest(back.doc, { kind: 'ask', id: 'one-more', text: 'And one more, to be sure the room is live' });
    await until(() => roomParts(back.doc).receipts.get('one-more') !== undefined, 5000, 'a later request answered');
    expect(eventsBesidesPeaks(h)).toBe(events + 1);
    expect(h.host.currentSession()!.questions).toBe(questionsBefore + 2);
  }, 60_000);

  it('a phone that joins and never opens its room is not counted as remote, and its bridge goes after the idle time', async () => {
    const relay = h.host.relay!;
    const code = h.host.currentSession()!.joinCode;
    const before = { bridged: relay.bridgedRooms(), remote: relay.remoteRooms() };
    const joined = relay.join(code, { address: '203.0.113.30' });
    if (!joined.ok || !('relayToken' in joined)) throw new Error(`join failed: ${JSON.stringify(joined)}`);
    expect(relay.bridgedRooms()).toBe(before.bridged + 1);
    expect(relay.remoteRooms()).toBe(before.remote);
    await until(() => relay.bridgedRooms() === before.bridged, 15_000, 'the unopened room unbridged');
    // It opens later: bridged again, counted, and served.
    const late = client(b.url, joined.relayDoc, joined.relayToken);
    await late.synced();
    await until(() => relay.remoteRooms() === before.remote + 1, 5000, 'the late phone counted');
    appendRequest(late.doc, { kind: 'ask', id: 'late-1', text: 'Opened my room late' });
    await until(() => roomParts(late.doc).receipts.get('late-1') !== undefined, 10_000, 'the late phone answered');
  }, 60_000);

  it('a phone whose instance is killed and which never comes back stops counting (the roll call), and its bridge goes; a phone that moves stays', async () => {
    const relay = h.host.relay!;
    const code = h.host.currentSession()!.joinCode;
    // The earlier tests' phones leave first (some are on B).
    for (const c of clients.splice(0)) c.destroy();
    await until(() => relay.bridgedRooms() === 0, 15_000, "the earlier phones' rooms unbridged");
    const before = { bridged: 0, remote: 0 };
    const join = (address: string) => joinThroughRelay(code, address);
    const gone = join('203.0.113.40');
    const moves = join('203.0.113.41');
    // Both on B; the laptop is on A.
    const goneClient = client(b.url, gone.relayDoc, gone.relayToken);
    const movesClient = client(b.url, moves.relayDoc, moves.relayToken);
    await Promise.all([goneClient.synced(), movesClient.synced()]);
    await until(() => relay.remoteRooms() === before.remote + 2, 5000, 'both counted as remote');
    // Several roll calls pass: phones that are there keep counting.
    const t0 = Date.now();
    await until(() => Date.now() - t0 > 4 * ROLL_CALL_MS, 10_000, 'four roll calls');
    expect(relay.remoteRooms()).toBe(before.remote + 2);

    // B dies with both on it: no `room-left` from anyone. One phone comes back on A, the other never does.
    await b.stop('SIGKILL');
    goneClient.destroy();
    movesClient.destroy();
    const back = client(a.url, moves.relayDoc, moves.relayToken);
    await back.synced();
    await until(() => relay.remoteRooms() === before.remote + 1, 15_000, 'the vanished phone no longer counted');
    await until(() => relay.bridgedRooms() === before.bridged + 1, 15_000, "the vanished phone's room unbridged");
    expect(relay.remoteRooms()).toBe(before.remote + 1);
    appendRequest(back.doc, { kind: 'ask', id: 'after-the-kill', text: 'Still here after my relay died' });
    await until(() => roomParts(back.doc).receipts.get('after-the-kill') !== undefined, 10_000, 'the phone that moved is answered');
  }, 60_000);
});
