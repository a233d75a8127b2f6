import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { reauthenticateStuck } from '../src-main/host/net/relay-reauth.js';
import { corkSendsPerTurn } from '../src-node/cork-per-turn.js';
import { laptopCredential, phoneToken } from '../src-relay/relay-token.js';
import { buildCliIfStale, RelayClient, startRedis, startRelay, until, type RedisProcess, type RelayProcess } from './helpers/relay-harness.js';

/**
 * A room's bridge closed and opened again on the laptop's one socket, read by the relay at once, is never
 * let in by Hocuspocus 3.4 (src-main/host/net/relay-reauth.ts): what the laptop writes in that room never
 * reaches the phone, and what the phone writes never reaches the laptop. The laptop's watch sends the
 * token and a sync again and the room works. Real Redis and a real relay process; stock providers.
 */

const SECRET = 'relay-reauth-test-secret-0001';
let redis: RedisProcess;
let relay: RelayProcess;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  await buildCliIfStale();
  redis = await startRedis();
  relay = await startRelay(redis.url, SECRET);
}, 120_000);

afterAll(async () => {
  cleanups.splice(0).forEach((c) => c());
  await relay?.stop();
  await redis?.stop();
});

/** The laptop's socket as relay-link.ts makes it: a turn's messages in one write. */
class LaptopSocket extends WebSocket {
  constructor(address: string) {
    super(address);
    corkSendsPerTurn(this);
  }
}

/** The laptop's socket and a room bridged on it, then closed and opened again in the same turn; the room's phone. */
async function reopenedRoom(room: string) {
  const socket = new HocuspocusProviderWebsocket({ url: relay.url, WebSocketPolyfill: LaptopSocket, delay: 100, minDelay: 100, maxDelay: 500 });
  const laptop = laptopCredential(SECRET);
  const first = new RelayClient(relay.url, room, laptop, socket);
  await first.synced();
  first.destroy();
  const again = new RelayClient(relay.url, room, laptop, socket); // the same turn: its token goes in one write with the close
  const phone = new RelayClient(relay.url, room, phoneToken(SECRET, room, Date.now()));
  cleanups.push(() => (again.destroy(), phone.destroy(), socket.destroy()));
  await phone.synced();
  return { socket, again, phone };
}

const answered = (phone: RelayClient) => () => phone.doc.getMap('host').get('answer') === 'yes';

describe('a bridge the relay never let in', () => {
  it('stays shut out by itself: the laptop’s writes never reach the phone (Hocuspocus 3.4)', async () => {
    const { again, phone } = await reopenedRoom('room-reauth-without');
    again.doc.getMap('host').set('answer', 'yes');
    await expect(until(answered(phone), 3000, 'the answer on the phone')).rejects.toThrow();
    expect(again.provider.isAuthenticated).toBe(false);
  });

  it('is let in once its token is sent again: writes go both ways, nothing written meanwhile is lost', async () => {
    const { socket, again, phone } = await reopenedRoom('room-reauth-with');
    again.doc.getMap('host').set('answer', 'yes'); // written while shut out
    phone.doc.getArray('requests').push([{ id: 'r1', kind: 'ask', text: 'Parking?' }]);
    const lines: string[] = [];
    const watch = reauthenticateStuck({
      documents: () => [{ relay: again.provider, refused: () => false }],
      connected: () => socket.status === 'connected',
      afterMs: 500,
      everyMs: 100,
      log: (line) => lines.push(line),
    });
    cleanups.push(() => watch.destroy());
    await until(() => again.provider.isAuthenticated, 5000, 'the bridge let in');
    await until(answered(phone), 5000, 'the answer on the phone');
    await until(() => again.doc.getArray('requests').length === 1, 5000, 'the request on the laptop');
    expect(lines.join('\n')).toMatch(/1 room\(s\) had no answer from the relay/);
  });

  it('a bridge the relay refused (a wrong secret) is not asked again (relay-link.ts says so in its log)', async () => {
    const wrong = new RelayClient(relay.url, 'room-reauth-refused', laptopCredential('another-meeting-secret-00'));
    cleanups.push(() => wrong.destroy());
    await wrong.answered();
    expect(wrong.denied).not.toBeNull();
    const lines: string[] = [];
    const watch = reauthenticateStuck({ documents: () => [{ relay: wrong.provider, refused: () => wrong.denied !== null }], connected: () => true, afterMs: 100, everyMs: 50, log: (l) => lines.push(l) });
    cleanups.push(() => watch.destroy());
    const before = Date.now();
    await until(() => Date.now() - before > 600, 2000, 'a few looks');
    expect(lines).toEqual([]);
  });
});
