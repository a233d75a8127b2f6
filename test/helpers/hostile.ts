import { readdirSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

/**
 * A hostile client on the LAN listener. It connects from 127.0.0.N (N ≥ 2): 127.0.0.1 is where the host's
 * own gateway connects from, and a LAN peer can never have that address.
 */
export interface RawClient {
  ws: WebSocket;
  /** Messages received (text as parsed JSON, binary as bytes). */
  messages: unknown[];
  bytes: number;
  closed: Promise<number>;
  isClosed(): boolean;
  json(v: unknown): void;
  until<T>(pick: (m: unknown) => T | undefined, timeoutMs?: number): Promise<T>;
}

export async function rawClient(url: string, from = '127.0.0.2'): Promise<RawClient> {
  const ws = new WebSocket(url, { localAddress: from });
  const messages: unknown[] = [];
  let closedFlag = false;
  const listeners = new Set<() => void>();
  const client: RawClient = {
    ws,
    messages,
    bytes: 0,
    closed: new Promise<number>((r) =>
      ws.on('close', (code) => {
        closedFlag = true;
        r(code);
      }),
    ),
    isClosed: () => closedFlag,
    json: (v) => ws.send(JSON.stringify(v)),
    until: <T>(pick: (m: unknown) => T | undefined, timeoutMs = 5_000) =>
      new Promise<T>((resolve, reject) => {
        const check = (): boolean => {
          for (const m of messages) {
            const v = pick(m);
            if (v !== undefined) {
              listeners.delete(onMsg);
              clearTimeout(timer);
              resolve(v);
              return true;
            }
          }
          return false;
        };
        const onMsg = (): void => void check();
        const timer = setTimeout(() => {
          listeners.delete(onMsg);
          reject(new Error('timed out waiting for a message'));
        }, timeoutMs);
        if (!check()) listeners.add(onMsg);
      }),
  };
  ws.on('message', (data, isBinary) => {
    const buf = data as Buffer;
    client.bytes += buf.length;
    if (isBinary) messages.push(new Uint8Array(buf));
    else {
      try {
        messages.push(JSON.parse(buf.toString('utf8')));
      } catch {
        messages.push(buf.toString('utf8'));
      }
    }
    for (const l of [...listeners]) l();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return client;
}

/** Open file descriptors of this process (Linux). */
export const openFds = (): number => readdirSync('/proc/self/fd').length;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A y-websocket sync message (message type 0) of `step` (step 1, step 2 or update) carrying `payload`. */
export const syncMessage = (step: number, payload: Uint8Array): Uint8Array => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};
