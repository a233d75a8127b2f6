import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createSyncServer, type SyncTarget } from '../src-main/host/net/sync-server.js';
import { waitFor } from './helpers/host-harness.js';

/**
 * The board is served inside every phone's room as an overlay of ONE board doc (docs/ARCHITECTURE.md):
 * the peer sees one document whose state vector and sync answers merge the room's and the board's.
 */
let server: Server | null = null;
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  providers.splice(0).forEach((p) => p.destroy());
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

async function serve(target: SyncTarget): Promise<string> {
  const sync = createSyncServer({ maxMessagesPer10s: 600 });
  const wss = new WebSocketServer({ noServer: true });
  server = createServer();
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => sync.handleConnection(ws, 'room-test', target)));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function docs() {
  const room = new Y.Doc();
  room.getArray('requests').push([{ kind: 'ask', id: 'request-1', text: 'In the room' }]);
  const board = new Y.Doc();
  board.getMap('board').set('connected', 7);
  return { room, board };
}

/** The first message the server sends: sync step 1 with its state vector. */
function readStep1(data: Buffer): Map<number, number> {
  const decoder = decoding.createDecoder(new Uint8Array(data));
  expect(decoding.readVarUint(decoder)).toBe(0); // sync
  expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep1);
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

describe('the board as an overlay of every room', () => {
  it('announces a state vector with the clients of both the room and the board', async () => {
    const { room, board } = docs();
    const url = await serve({ doc: room, overlay: board, readOnly: false });
    const ws = new WebSocket(`${url}/room-test`);
    const first = await new Promise<Buffer>((r) => ws.once('message', (d) => r(d as Buffer)));
    const sv = readStep1(first);
    expect(sv.get(room.clientID)).toBe(1);
    expect(sv.get(board.clientID)).toBe(1);
    ws.close();
  });

  it('answers sync step 1 with the room and the board merged into one update', async () => {
    const { room, board } = docs();
    const url = await serve({ doc: room, overlay: board, readOnly: false });
    const ws = new WebSocket(`${url}/room-test`);
    ws.binaryType = 'nodebuffer';
    const messages: Buffer[] = [];
    ws.on('message', (d) => messages.push(d as Buffer));
    await new Promise((r) => ws.once('open', r));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, new Y.Doc()); // an empty phone asks for everything
    ws.send(encoding.toUint8Array(encoder));
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(2);
    const decoder = decoding.createDecoder(new Uint8Array(messages[1]!));
    expect(decoding.readVarUint(decoder)).toBe(0);
    expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2);
    const phone = new Y.Doc();
    Y.applyUpdate(phone, decoding.readVarUint8Array(decoder));
    expect(phone.getArray('requests').toArray()).toEqual([{ kind: 'ask', id: 'request-1', text: 'In the room' }]);
    expect(phone.getMap('board').get('connected')).toBe(7);
    ws.close();
  });

  it('a stock y-websocket phone sees board changes live, and its own board writes never reach the board doc', async () => {
    const { room, board } = docs();
    const url = await serve({ doc: room, overlay: board, readOnly: false });
    const phone = new Y.Doc();
    const provider = new WebsocketProvider(url, 'room-test', phone, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
    providers.push(provider);
    await waitFor(phone, () => phone.getMap('board').get('connected') === 7);
    board.getMap('board').set('connected', 8);
    await waitFor(phone, () => phone.getMap('board').get('connected') === 8);

    phone.getArray('requests').push([{ kind: 'vote', id: 'request-2', questionId: 'question-1' }]);
    await waitFor(room, () => room.getArray('requests').length === 2);
    // A tampering phone writes into its board: the host's room copy gets it (it cannot even integrate
    // it, lacking the board's items), the one board doc never does.
    phone.getMap('board').set('connected', 999);
    await expect.poll(() => room.store.pendingStructs !== null || room.getMap('board').has('connected')).toBe(true);
    expect(board.getMap('board').get('connected')).toBe(8);
  });
});
