/**
 * A remote phone while the laptop is away (the venue's uplink is down): the Hocuspocus provider closes and
 * reopens a socket that heard nothing for its `messageReconnectTimeout` (30 s). Each relay instance says a
 * small stateless message to the phones on its board (phone-keepalive.ts), so a phone keeps its socket
 * instead of reconnecting, with every other phone, every 30 s. Here the relay runs in this process and says
 * it every 100 ms, and the phone's timeout is 600 ms.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { startRelay, type Relay } from '../src-relay/relay.js';
import { phoneToken } from '../src-relay/relay-token.js';
import { startRedis, until, type RedisProcess } from './helpers/relay-harness.js';

const SECRET = 'relay-keepalive-secret-0123';
let redis: RedisProcess;
const relays: Relay[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(relays.map((r) => r.close()));
  await redis?.stop();
});

/** A phone on the relay's board (and nothing else), counting how often its socket opened. */
async function phoneOnBoard(port: number) {
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket, messageReconnectTimeout: 600, delay: 50, minDelay: 50, maxDelay: 100 });
  let opens = 0;
  socket.on('open', () => opens++);
  const board = new HocuspocusProvider({ name: 'board', document: new Y.Doc(), token: phoneToken(SECRET, 'room-keepalive', Date.now()), websocketProvider: socket, awareness: null });
  let stateless = 0;
  board.on('stateless', () => stateless++);
  board.attach();
  await until(() => board.isSynced, 5000, 'the phone synced the board');
  return { opens: () => opens, stateless: () => stateless, destroy: () => (board.destroy(), socket.destroy()) };
}

describe('the relay keeps idle phones’ sockets', () => {
  it('a phone with no laptop on the relay keeps one socket for ten of its timeouts', async () => {
    const relay = await startRelay({ port: 0, address: '127.0.0.1', redisUrl: redis.url, secret: SECRET, keepaliveMs: 100 });
    relays.push(relay);
    const phone = await phoneOnBoard(relay.port);
    try {
      await new Promise((r) => setTimeout(r, 6000));
      expect(phone.opens()).toBe(1);
      expect(phone.stateless()).toBeGreaterThanOrEqual(30);
    } finally {
      phone.destroy();
    }
  });

  it('without it (a keepalive slower than the phone’s timeout), the same phone reconnects over and over', async () => {
    const relay = await startRelay({ port: 0, address: '127.0.0.1', redisUrl: redis.url, secret: SECRET, keepaliveMs: 60_000 });
    relays.push(relay);
    const phone = await phoneOnBoard(relay.port);
    try {
      await until(() => phone.opens() >= 3, 6000, 'the phone to reconnect twice');
    } finally {
      phone.destroy();
    }
  });
});
