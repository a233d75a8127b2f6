import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../src-shared/docs/board-doc.js';
import { appendRequest, roomParts } from '../src-shared/docs/room-doc.js';
import { exportSession } from '../src-main/host/export/export-session.js';
import { Store } from '../src-main/host/store/store.js';
import { must, type TestHost, type TestPhone } from './helpers/host-harness.js';
import { postJoin, startRelayHost, type RelayHost } from './helpers/relay-host-harness.js';
import { RelayClient, startRelay, until, type RelayProcess } from './helpers/relay-harness.js';

/**
 * "Phones connected" with remote attendees (issue 20): the projector's count, a poll's turnout ("answered
 * by N of M phones connected", recorded at its close) and the attendance peak count the phones at home on
 * the relay with those in the hall. Real Redis, a real relay process, the real host; a phone in the hall on
 * the LAN's WebSocket and a phone at home with the stock Hocuspocus client, as in relay-host.test.ts.
 */

const SECRET = 'relay-counts-secret-0123456789';

let env: RelayHost;
let relay: RelayProcess;
let h: TestHost;
const clients: RelayClient[] = [];

beforeAll(async () => {
  env = await startRelayHost(SECRET);
  ({ relay, h } = env);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await env?.stop();
});

/** A phone at home: joins through the relay, opens its room and reads the relay's board. */
async function phoneAtHome(code: string): Promise<{ room: RelayClient; board: RelayClient }> {
  const joined = await postJoin(relay.port, code, { 'x-forwarded-for': '198.51.100.20' });
  expect(joined.status).toBe(200);
  const room = new RelayClient(relay.url, joined.body.relayDoc!, joined.body.relayToken!);
  const board = new RelayClient(relay.url, 'board', joined.body.relayToken!, room.socket);
  clients.push(board, room);
  await room.synced();
  await board.synced();
  return { room, board };
}

/** What the projector shows: the host's board as a LAN phone's room carries it (the same document). */
const counts = (hall: TestPhone) => {
  const b = hall.board();
  return { connected: b.connected, connectedRemote: b.connectedRemote ?? 0 };
};

const loggedOfType = (type: string) => {
  const store = new Store(h.dataDir, { readOnly: true });
  try {
    return store.events(h.host.currentSession()!.id).filter((e) => e.body.type === type).map((e) => e.body);
  } finally {
    store.close();
  }
};

describe('phones connected, in the hall and at home', () => {
  let hall: TestPhone;
  let home: { room: RelayClient; board: RelayClient };

  it('one phone in the hall and one at home: the board says 2 connected, 1 from outside the room; the console’s Venue panel still splits them', async () => {
    const code = await h.openSession('Hybrid budget forum', false);
    await until(() => h.host.relay!.connected(), 5000, 'laptop connected to the relay');
    hall = await h.phone(code);
    await hall.until(() => hall.board().connected === 1);
    expect(counts(hall)).toEqual({ connected: 1, connectedRemote: 0 });

    home = await phoneAtHome(code);
    await hall.until(() => hall.board().connected === 2, 5000);
    expect(counts(hall)).toEqual({ connected: 2, connectedRemote: 1 });
    // The phone at home reads the same count on the relay's board.
    await until(() => readBoard(home.board.doc).connected === 2, 5000, 'the count on the board at home');
    expect(readBoard(home.board.doc).connectedRemote).toBe(1);

    // The console: its poll turnout counts both; the header and the Venue panel still say where they are.
    const desk = await h.desk();
    await desk.until(() => desk.view().stats?.connected === 2);
    expect(desk.view().stats).toMatchObject({ connected: 2, connectedRemote: 1 });
    const venue = (await must(h.control('venueStatus', {}))).relay!;
    expect(venue).toMatchObject({ inRoomPhones: 1, remotePhones: 1 });
    // The peak the minutes report is of both.
    await until(() => loggedOfType('attendance.peak').some((e) => 'connected' in e && e.connected === 2), 5000, 'the peak of 2 in the log');
  });

  it('a poll both answered closes with 2 connected: the minutes say 2 of 2', async () => {
    const created = await must(h.control('createPoll', { kind: 'yesno', question: 'Should the budget fund the library?' }));
    const { pollId } = created;
    await h.mustControl('openPoll', { pollId });
    await hall.until(() => hall.board().polls.some((p) => p.id === pollId && p.status === 'open'));
    const fromHall = hall.send({ kind: 'ballot', pollId, choices: [0] });
    appendRequest(home.room.doc, { kind: 'ballot', id: 'home-ballot', pollId, choices: [1] });
    await hall.until(() => hall.receipt(fromHall));
    await until(() => roomParts(home.room.doc).receipts.get('home-ballot') !== undefined, 5000, 'the ballot from home answered');
    expect(roomParts(home.room.doc).receipts.get('home-ballot')).toMatchObject({ ok: true });
    await hall.until(() => hall.board().polls.find((p) => p.id === pollId)?.results?.ballots === 2);

    await h.mustControl('closePoll', { pollId });
    expect(loggedOfType('poll.closed')).toEqual([{ type: 'poll.closed', pollId, connected: 2 }]);
    const store = new Store(h.dataDir, { readOnly: true });
    try {
      const minutes = new TextDecoder().decode((await exportSession(store, h.host.currentSession()!.id, 'md', { locale: 'en-GB' })).data);
      expect(minutes).toContain('2 of 2 phones connected at close (100 %)');
    } finally {
      store.close();
    }
  });

  it('the relay goes down: after a few seconds the board counts only the hall; it comes back and so does the phone at home', async () => {
    const port = relay.port;
    await relay.stop('SIGKILL');
    // A short drop does not change the count (a LAN phone's grace period, 5 s); a longer one does.
    await new Promise((r) => setTimeout(r, 2000));
    expect(counts(hall)).toEqual({ connected: 2, connectedRemote: 1 });
    await hall.until(() => hall.board().connected === 1, 10_000);
    expect(counts(hall)).toEqual({ connected: 1, connectedRemote: 0 });

    relay = env.relay = await startRelay(env.redis.url, SECRET, port);
    await until(() => h.host.relay!.connected(), 10_000, 'laptop back on the relay');
    await hall.until(() => hall.board().connected === 2, 10_000);
    expect(counts(hall)).toEqual({ connected: 2, connectedRemote: 1 });
  });

  it('the phone at home leaves: the board counts the hall only again', async () => {
    home.board.destroy();
    home.room.destroy();
    await hall.until(() => hall.board().connected === 1, 10_000);
    expect(counts(hall)).toEqual({ connected: 1, connectedRemote: 0 });
    expect((await must(h.control('venueStatus', {}))).relay).toMatchObject({ inRoomPhones: 1, remotePhones: 0 });
  });
});
