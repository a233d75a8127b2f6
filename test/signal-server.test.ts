import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createSignalServer, type ServerMessage, type SignalServer } from '../src-main/host/net/signal-server';

const ISSUED = new Set(['room-a', 'room-b']);

interface Client {
  ws: WebSocket;
  messages: ServerMessage[];
  send(msg: unknown): void;
  next(pred?: (m: ServerMessage) => boolean): Promise<ServerMessage>;
  closed: Promise<number>;
}

let http: Server;
let wss: WebSocketServer;
let signal: SignalServer;
let url: string;
let clients: Client[];
let peerReports: Array<[string, number]>;

beforeEach(async () => {
  peerReports = [];
  signal = createSignalServer({
    isIssuedTopic: (t) => ISSUED.has(t),
    maxPeersPerTopic: 2,
    maxMessageBytes: 1024,
    onTopicPeers: (t, n) => peerReports.push([t, n]),
    probeTimeoutMs: 300,
  });
  wss = new WebSocketServer({ noServer: true });
  http = createServer((_req, res) => res.end('ok'));
  http.on('upgrade', (req, socket, head) => {
    if (req.url !== '/signal') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => signal.handleConnection(ws));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/signal`;
  clients = [];
});

afterEach(async () => {
  for (const c of clients) c.ws.terminate();
  signal.close();
  wss.close();
  await new Promise<void>((r) => http.close(() => r()));
});

async function connect(): Promise<Client> {
  const ws = new WebSocket(url);
  const messages: ServerMessage[] = [];
  const waiters: Array<{ pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  let seen = 0;
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as ServerMessage;
    messages.push(m);
    for (const w of [...waiters]) {
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const client: Client = {
    ws,
    messages,
    closed,
    send: (msg) => ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    next: (pred = () => true) => {
      // first look at messages not yet consumed by an earlier next()
      for (let i = seen; i < messages.length; i++) {
        if (pred(messages[i])) {
          seen = i + 1;
          return Promise.resolve(messages[i]);
        }
      }
      seen = messages.length;
      return new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
  clients.push(client);
  return client;
}

/** The phone and the gateway of one room: two clients subscribed to `room-a`, their subscriptions processed. */
async function pairInRoomA(): Promise<[Client, Client]> {
  const a = await connect();
  const b = await connect();
  a.send({ type: 'subscribe', topics: ['room-a'] });
  b.send({ type: 'subscribe', topics: ['room-a'] });
  await flush(a);
  await flush(b);
  return [a, b];
}

/** A round trip through the server: everything sent before it has been handled. */
const flush = async (c: Client): Promise<void> => {
  c.send({ type: 'ping' });
  await c.next((m) => m.type === 'pong');
};

const announce = (topic: string, from: string) => ({ type: 'publish', topic, data: { type: 'announce', from } });

describe('signal server', () => {
  it('answers ping with pong', async () => {
    const a = await connect();
    a.send({ type: 'ping' });
    expect(await a.next()).toEqual({ type: 'pong' });
  });

  it('forwards a publish to every subscriber of the topic, sender included, like the stock server', async () => {
    const [a, b] = await pairInRoomA();
    expect(signal.topicPeers('room-a')).toBe(2);
    a.send(announce('room-a', 'peer-a'));
    const atB = await b.next((m) => m.type === 'publish');
    const atA = await a.next((m) => m.type === 'publish');
    expect(atB).toEqual({ type: 'publish', topic: 'room-a', data: { type: 'announce', from: 'peer-a' }, clients: 2 });
    expect(atA).toEqual(atB);

    const signalMsg = { type: 'publish', topic: 'room-a', data: { type: 'signal', from: 'peer-b', to: 'peer-a', token: 1.5, signal: { type: 'offer', sdp: 'v=0' } } };
    b.send(signalMsg);
    expect(await a.next((m) => m.type === 'publish')).toEqual({ ...signalMsg, clients: 2 });
    expect(peerReports).toEqual([['room-a', 1], ['room-a', 2]]);
  });

  it('does not forward to a topic the sender has not subscribed, nor after unsubscribe', async () => {
    const a = await connect();
    const b = await connect();
    b.send({ type: 'subscribe', topics: ['room-a'] });
    await flush(b);
    a.send(announce('room-a', 'intruder'));
    await flush(a);
    await flush(b);
    expect(b.messages.filter((m) => m.type === 'publish')).toEqual([]);

    b.send({ type: 'unsubscribe', topics: ['room-a'] });
    await flush(b);
    expect(signal.topicPeers('room-a')).toBe(0);
    b.send(announce('room-a', 'peer-b'));
    await flush(b);
    expect(b.messages.filter((m) => m.type === 'publish')).toEqual([]);
  });

  it('refuses a topic it did not issue, and keeps the other topics of the same message', async () => {
    const a = await connect();
    a.send({ type: 'subscribe', topics: ['room-zzz', 'room-b'] });
    expect(await a.next((m) => m.type === 'error')).toEqual({ type: 'error', reason: 'unknown room', topic: 'room-zzz' });
    await flush(a);
    expect(signal.topicPeers('room-zzz')).toBe(0);
    expect(signal.topicPeers('room-b')).toBe(1);
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('refuses a third live peer on a topic, and admits it once a peer is gone', async () => {
    const [a, b] = await pairInRoomA();
    const c = await connect();
    c.send({ type: 'subscribe', topics: ['room-a'] });
    c.send(announce('room-a', 'peer-c'));
    expect(await c.next((m) => m.type === 'error')).toEqual({ type: 'error', reason: 'room full', topic: 'room-a' });
    await flush(a);
    expect(signal.topicPeers('room-a')).toBe(2);
    expect(a.messages.filter((m) => m.type === 'publish')).toEqual([]); // the queued announce was dropped

    b.ws.close();
    await b.closed;
    await expect.poll(() => signal.topicPeers('room-a')).toBe(1);
    c.send({ type: 'subscribe', topics: ['room-a'] });
    await flush(c);
    expect(signal.topicPeers('room-a')).toBe(2);
  });

  it('replaces a dead subscriber of a full topic (half-open connection) with the newcomer', async () => {
    const [a, b] = await pairInRoomA();
    // b stops answering pings (its socket is paused: like a phone that lost its network)
    b.ws.pause();
    const c = await connect();
    c.send({ type: 'subscribe', topics: ['room-a'] });
    c.send(announce('room-a', 'peer-c'));
    // the announce queued while c waited is delivered once c is admitted
    expect(await a.next((m) => m.type === 'publish')).toMatchObject({ data: { from: 'peer-c' }, clients: 2 });
    expect(signal.topicPeers('room-a')).toBe(2);
  });

  it('closes only the offending connection: oversize (1009), non-JSON and unknown shapes (1008)', async () => {
    const [a, b] = await pairInRoomA();

    const cases: Array<[unknown, number]> = [
      [{ type: 'publish', topic: 'room-a', data: { type: 'announce', from: 'x'.repeat(2000) } }, 1009],
      ['this is not json', 1008],
      [{ type: 'shout' }, 1008],
      [{ type: 'subscribe', topics: 'room-a' }, 1008],
      [{ type: 'publish', topic: 'room-a', data: { type: 'signal', from: 'p', to: 'q' } }, 1008],
      [[1, 2, 3], 1008],
      ['null', 1008],
    ];
    for (const [payload, code] of cases) {
      const bad = await connect();
      bad.send({ type: 'subscribe', topics: ['room-b'] });
      bad.send(payload);
      expect(await bad.closed).toBe(code);
      expect(signal.topicPeers('room-b')).toBe(0);
    }

    a.send(announce('room-a', 'still-here'));
    expect(await b.next((m) => m.type === 'publish')).toMatchObject({ data: { from: 'still-here' } });
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('releases the topic when a subscriber disconnects', async () => {
    const a = await connect();
    a.send({ type: 'subscribe', topics: ['room-a', 'room-b'] });
    await flush(a);
    expect(signal.topicPeers('room-a')).toBe(1);
    a.ws.close();
    await expect.poll(() => signal.topicPeers('room-a') + signal.topicPeers('room-b')).toBe(0);
    expect(peerReports).toContainEqual(['room-b', 0]);
  });
});
