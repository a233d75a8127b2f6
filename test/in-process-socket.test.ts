/**
 * The relay link's bridges reach the host's sync server in-process (in-process-socket.ts): no descriptor
 * per bridged room. A stock y-websocket provider over it must behave as over a real socket: both ways
 * synced, a document the server does not have refused and retried, a close from the server followed by
 * a reconnect, keepalive pings answered, and the server's limits still closing a flooding peer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { inProcessWebSocket } from '../src-main/host/net/in-process-socket';
import { createSyncServer, type SyncServer, type SyncTarget } from '../src-main/host/net/sync-server';

let sync: SyncServer | null = null;
const providers: WebsocketProvider[] = [];

afterEach(() => {
  for (const p of providers.splice(0)) p.destroy();
  sync?.close();
  sync = null;
});

const until = async (cond: () => boolean, what: string, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

function setup(targets: Map<string, SyncTarget>, opts: { keepaliveMs?: number; maxMessagesPer10s?: number } = {}) {
  const errors: string[] = [];
  const server = createSyncServer({ maxMessagesPer10s: opts.maxMessagesPer10s ?? 600, keepaliveMs: opts.keepaliveMs ?? 10_000, onError: (r) => errors.push(r) });
  sync = server;
  const served: string[] = [];
  const WebSocketClass = inProcessWebSocket((name, peer) => {
    served.push(name);
    const target = targets.get(name);
    if (target) server.handleConnection(peer, name, target);
    return target !== undefined;
  });
  const connect = (name: string, doc: Y.Doc): WebsocketProvider => {
    const p = new WebsocketProvider('ws://in-process/sync', name, doc, { WebSocketPolyfill: WebSocketClass as unknown as typeof WebSocket, disableBc: true, maxBackoffTime: 100 });
    providers.push(p);
    return p;
  };
  return { server, connect, served, errors };
}

describe('in-process WebSocket pair to the sync server', () => {
  it('syncs a document both ways, and the server counts the connection', async () => {
    const hostDoc = new Y.Doc();
    hostDoc.getMap('m').set('from', 'host');
    const { server, connect } = setup(new Map([['relay/room-a', { doc: hostDoc, readOnly: false }]]));
    const bridgeDoc = new Y.Doc();
    const provider = connect('relay/room-a', bridgeDoc);
    await until(() => provider.synced, 'the first sync');
    expect(bridgeDoc.getMap('m').get('from')).toBe('host');
    expect(server.connections(hostDoc)).toBe(1);

    bridgeDoc.getMap('m').set('question', 'Why is the library closing early?');
    await until(() => hostDoc.getMap('m').get('question') !== undefined, 'the bridge’s update at the host');
    hostDoc.getMap('m').set('answer', 'Budget.');
    await until(() => bridgeDoc.getMap('m').get('answer') === 'Budget.', 'the host’s update at the bridge');

    provider.destroy();
    await until(() => server.connections(hostDoc) === 0, 'the server to hear the close');
  });

  it('refuses a document the server does not have, and the provider retries until it exists', async () => {
    const targets = new Map<string, SyncTarget>();
    const { connect, served } = setup(targets);
    const provider = connect('relay/room-later', new Y.Doc());
    await until(() => served.length >= 2, 'two attempts');
    expect(provider.wsconnected).toBe(false);
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    targets.set('relay/room-later', { doc, readOnly: false });
    await until(() => provider.synced, 'the sync once the room exists');
    expect(provider.doc.getMap('m').get('k')).toBe('v');
  });

  it('reconnects after the server closes the document (a new session), and sends nothing twice', async () => {
    const hostDoc = new Y.Doc();
    const { server, connect } = setup(new Map([['relay/room-b', { doc: hostDoc, readOnly: false }]]));
    const bridgeDoc = new Y.Doc();
    let opens = 0;
    const provider = connect('relay/room-b', bridgeDoc);
    provider.on('status', (e: { status: string }) => {
      if (e.status === 'connected') opens++;
    });
    await until(() => provider.synced, 'the first sync');
    const updates: Uint8Array[] = [];
    hostDoc.on('update', (u: Uint8Array) => updates.push(u));
    server.closeDoc(hostDoc);
    bridgeDoc.getArray('requests').push(['written while the socket was closing']);
    await until(() => opens >= 2 && provider.synced, 'the reconnect');
    await until(() => hostDoc.getArray('requests').length === 1, 'the request at the host');
    expect(hostDoc.getArray('requests').toArray()).toEqual(['written while the socket was closing']);
  });

  it('answers keepalive pings: an idle in-process peer is never closed as dead', async () => {
    const hostDoc = new Y.Doc();
    const { server, connect, errors } = setup(new Map([['relay/room-c', { doc: hostDoc, readOnly: false }]]), { keepaliveMs: 40 });
    const provider = connect('relay/room-c', new Y.Doc());
    await until(() => provider.synced, 'the first sync');
    await new Promise((r) => setTimeout(r, 400)); // ten keepalive rounds
    expect(errors.filter((e) => e.includes('keepalive'))).toEqual([]);
    expect(server.connections(hostDoc)).toBe(1);
  });

  it('a flood closes that one in-process connection, as it does a phone’s socket', async () => {
    const hostDoc = new Y.Doc();
    const { server, connect, errors } = setup(new Map([['relay/room-d', { doc: hostDoc, readOnly: false }]]), { maxMessagesPer10s: 20 });
    const bridgeDoc = new Y.Doc();
    const provider = connect('relay/room-d', bridgeDoc);
    await until(() => provider.synced, 'the first sync');
    for (let i = 0; i < 40; i++) bridgeDoc.getArray('a').push([i]);
    await until(() => errors.some((e) => e.includes('flood')), 'the flood to be noticed');
    expect(errors.find((e) => e.includes('flood'))).toContain('relay/room-d');
    await until(() => provider.synced && server.connections(hostDoc) === 1, 'the reconnect after the close');
  });
});
