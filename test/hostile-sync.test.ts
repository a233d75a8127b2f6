/**
 * Issue 9, items 2 and 3 (sync side): Yjs messages a phone is allowed to send must not make the host spend
 * unbounded CPU or memory. Real host (or the real sync server over a real listener), real sockets.
 */
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { LIMITS } from '../src-shared/limits';
import { createSyncServer, pendingBytes } from '../src-main/host/net/sync-server';
import { startTestHost, type TestHost } from './helpers/host-harness';
import { rawClient, syncMessage, sleep, type RawClient } from './helpers/hostile';

let host: TestHost | undefined;
let http: Server | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await host?.stop();
  host = undefined;
  if (http) await new Promise<void>((r) => http!.close(() => r()));
  http = undefined;
});

async function roomClient(h: TestHost, code: string, from = '127.0.0.2'): Promise<{ c: RawClient; roomId: string }> {
  const joined = await h.join(code);
  if (!joined.ok) throw new Error(joined.error);
  const c = await rawClient(`${h.lanOrigin.replace('http', 'ws')}/sync/room-${joined.roomId}`, from);
  clients.push(c);
  return { c, roomId: joined.roomId };
}

/** `count` updates of `bytes` each that all depend on a first update, which is left out. */
function updatesMissingTheirFirst(count: number, bytes: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  const text = doc.getText('junk');
  text.insert(0, 'first');
  for (let i = 0; i < count; i++) text.insert(text.length, 'x'.repeat(bytes));
  return out.slice(1);
}

describe('updates whose first piece never comes (issue 9, item 2)', () => {
  it('are bounded per room: the connection is closed past the bound and the room keeps answering', async () => {
    host = await startTestHost();
    const code = await host.openSession('Pending', false);
    const good = await host.phone(code);
    const { c, roomId } = await roomClient(host, code);
    for (const u of updatesMissingTheirFirst(30, 50_000)) c.ws.send(syncMessage(syncProtocol.messageYjsUpdate, u));
    const code1008 = await Promise.race([c.closed, sleep(5_000).then(() => 0)]);
    expect(code1008).toBe(1008);
    expect(host.host.roomPendingBytes(roomId)).toBeLessThanOrEqual(LIMITS.pendingUpdateBytesPerRoom);
    const id = good.send({ kind: 'ask', text: 'Still answered?' });
    expect(await good.until(() => good.receipt(id))).toMatchObject({ ok: true });
  });
});

describe('a connection the host closed (issue 9, host RSS)', () => {
  it('has nothing more applied: what the phone sent before it heard the close is dropped unread', () => {
    // A WebSocket as the sync server uses it; ws goes on delivering messages while CLOSING.
    const ws = Object.assign(new EventEmitter(), {
      OPEN: 1,
      readyState: 1,
      bufferedAmount: 0,
      closes: [] as number[],
      binaryType: 'nodebuffer',
      send: () => {},
      ping: () => {},
      terminate: () => {},
      close(code: number) {
        this.closes.push(code);
        this.readyState = 2;
      },
    });
    const doc = new Y.Doc();
    const server = createSyncServer({ maxMessagesPer10s: 600 });
    server.handleConnection(ws as unknown as WebSocket, 'room-x', { doc, readOnly: false });
    // The second update passes the bound (the room's pending updates are dropped, the connection closed);
    // read on, every odd one after it would wait in the room again, to be merged with the next.
    for (const u of updatesMissingTheirFirst(5, 50_000)) ws.emit('message', Buffer.from(syncMessage(syncProtocol.messageYjsUpdate, u)), true);
    expect(ws.closes).toEqual([1008]);
    expect(pendingBytes(doc)).toBe(0);
    server.close();
  });
});

describe('amplification toward clients that stop reading (issue 9, item 3)', () => {
  it(`answers at most ${LIMITS.syncStep1Per10s} sync requests per 10 s on a connection, then closes it`, async () => {
    host = await startTestHost();
    const code = await host.openSession('Step 1', false);
    const { c } = await roomClient(host, code);
    for (let i = 0; i < 50; i++) c.ws.send(syncMessage(syncProtocol.messageYjsSyncStep1, new Uint8Array([0])));
    expect(await Promise.race([c.closed, sleep(5_000).then(() => 0)])).toBe(1008);
    // One step 1 of the host's own, then one step 2 per request answered.
    expect(c.messages.length).toBeLessThanOrEqual(1 + LIMITS.syncStep1Per10s);
  });

  it('closes a connection whose unsent data passes the bound, instead of queueing it', async () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'y'.repeat(3_000_000));
    const server = createSyncServer({ maxMessagesPer10s: 600, maxBufferedBytes: 1024 * 1024, maxStep1Per10s: 20 });
    const wss = new WebSocketServer({ noServer: true });
    http = createServer();
    http.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => server.handleConnection(ws, 'big', { doc, readOnly: true })));
    http.on('close', () => {
      for (const ws of wss.clients) ws.terminate();
      server.close();
    });
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
    const c = await rawClient(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/sync`);
    clients.push(c);
    c.ws.pause(); // stops reading
    for (let i = 0; i < 12; i++) c.ws.send(syncMessage(syncProtocol.messageYjsSyncStep1, new Uint8Array([0])));
    const start = Date.now();
    while (server.connections(doc) > 0 && Date.now() - start < 5_000) await sleep(50);
    expect(server.connections(doc)).toBe(0);
  });
});

describe('connections per room (issue 9, item 3)', () => {
  it(`a room takes ${LIMITS.connectionsPerRoom} connections at once; the next is closed and the phone still works`, async () => {
    host = await startTestHost();
    const code = await host.openSession('Connections', false);
    const phone = await host.phone(code);
    const url = `${host.lanOrigin.replace('http', 'ws')}/sync/room-${phone.roomId}`;
    const extra: RawClient[] = [];
    for (let i = 0; i < LIMITS.connectionsPerRoom; i++) {
      const c = await rawClient(url);
      clients.push(c);
      extra.push(c);
    }
    expect(await Promise.race([extra.at(-1)!.closed, sleep(2_000).then(() => 0)])).toBe(1008);
    expect(extra.slice(0, -1).some((c) => c.isClosed())).toBe(false);
    const id = phone.send({ kind: 'ask', text: 'Still mine?' });
    expect(await phone.until(() => phone.receipt(id))).toMatchObject({ ok: true });
  });
});
