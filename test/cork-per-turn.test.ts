import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { corkSendsPerTurn } from '../src-node/cork-per-turn.js';

/**
 * The laptop's socket to the relay (and the relay's to the laptop) sends a turn's messages as one write
 * (src-node/cork-per-turn.ts). Real sockets on loopback: every message arrives, in order, whole; the next
 * turn's go too; a socket closed while its writes are held loses nothing else and throws nothing.
 */

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A server that collects text messages, and a client connected to it whose socket writes are counted. */
async function pair(): Promise<{ client: WebSocket; received: string[]; writes: () => number; arrived: (n: number) => Promise<void> }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const received: string[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  server.on('connection', (ws) =>
    ws.on('message', (data) => {
      received.push(String(data));
      for (const w of waiting.filter((w) => received.length >= w.n)) w.resolve();
    }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise<void>((resolve) => client.once('open', resolve));
  closers.push(() => {
    client.terminate();
    server.close();
  });
  // Each call that hands bytes to the kernel: `_writev` for corked or header + data writes, `_write` for single ones.
  const socket = (client as unknown as { _socket: Duplex & { _writev?: unknown; _write: unknown } })._socket;
  let writes = 0;
  for (const name of ['_write', '_writev'] as const) {
    const original = socket[name] as ((...a: unknown[]) => unknown) | undefined;
    if (original) socket[name] = (...a: unknown[]) => (writes++, original.apply(socket, a));
  }
  const arrived = (n: number) =>
    received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve }));
  return { client, received, writes: () => writes, arrived };
}

const messages = (from: number, n: number) => Array.from({ length: n }, (_, i) => `message ${from + i}`);

describe('a WebSocket whose sends are corked per turn', () => {
  it('sends 200 messages of one turn in one write, all of them, in order', async () => {
    const { client, received, writes, arrived } = await pair();
    corkSendsPerTurn(client);
    corkSendsPerTurn(client); // twice is once
    for (const m of messages(0, 200)) client.send(m);
    await arrived(200);
    expect(received).toEqual(messages(0, 200));
    expect(writes()).toBe(1);

    // The next turn's messages are not held behind the first's cork.
    for (const m of messages(200, 50)) client.send(m);
    await arrived(250);
    expect(received).toEqual(messages(0, 250));
    expect(writes()).toBe(2);
  });

  it('without it, the same 200 messages take 200 writes (what the cork saves)', async () => {
    const { client, received, writes, arrived } = await pair();
    for (const m of messages(0, 200)) client.send(m);
    await arrived(200);
    expect(received).toEqual(messages(0, 200));
    expect(writes()).toBe(200);
  });

  it('a socket closed while its writes are held throws nothing, and a later send is refused as usual', async () => {
    const { client } = await pair();
    corkSendsPerTurn(client);
    client.send('held');
    client.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    const refused = await new Promise<Error | undefined>((resolve) => client.send('after', (err) => resolve(err)));
    expect(refused?.message).toMatch(/not open/i);
  });
});
