import type { PeerSocket } from './sync-connection.js';

/**
 * A WebSocket pair inside the host process, for the host's own clients of its sync server (the relay
 * link's bridges). Each bridged remote room used to be a loopback WebSocket whose two ends were both in the
 * host: two file descriptors and a frame encode/decode per message, per room. The container's 20,000
 * descriptors then capped the laptop at about 9,990 remote phones (docs/BENCHMARKS.md, Hybrid meetings).
 *
 * The client end behaves as a browser's WebSocket (what y-websocket's provider expects); the server end as
 * `ws`'s (what the sync server expects). Nothing else changes: the bridge's messages still enter the sync
 * server as a peer's, with its limits and its store-before-send.
 *
 * Delivery is asynchronous and in order, like a socket's: a message is handed over in a later turn
 * (setImmediate), never inside the sender's call, so neither side is re-entered while it iterates.
 */

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** RFC 6455: a normal close, and one without a close frame (what a client hears of a refused or terminated socket). */
const NORMAL = 1000;
const ABNORMAL = 1006;

type Queued = { kind: 'message'; data: Uint8Array } | { kind: 'pong' } | { kind: 'close'; code: number; reason: string };

/** One direction of the pair: messages queued and handed over in a later turn, in order. */
class Mailbox {
  private queue: Queued[] = [];
  private scheduled = false;
  /** Bytes posted and not yet handed over (the server end's `bufferedAmount`). */
  bytes = 0;

  constructor(private readonly deliver: (item: Queued) => void) {}

  post(item: Queued): void {
    this.queue.push(item);
    if (item.kind === 'message') this.bytes += item.data.byteLength;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const items = this.queue;
    this.queue = [];
    this.bytes = 0;
    for (const item of items) this.deliver(item);
  };
}

/** Any listener (the server subscribes with typed ones: see PeerSocket.on). */
type ServerListener = (...args: never[]) => void;

/** The sync server's end (the part of `ws`'s WebSocket that sync-server.ts uses). */
class ServerEnd implements PeerSocket {
  readonly OPEN = OPEN;
  readyState = OPEN;
  binaryType = 'arraybuffer';
  private readonly listeners = new Map<string, ServerListener[]>();

  constructor(private readonly pair: Pair) {}

  get bufferedAmount(): number {
    return this.pair.toClient.bytes;
  }

  send(data: Uint8Array): void {
    if (this.readyState === OPEN) this.pair.toClient.post({ kind: 'message', data });
  }

  close(code = NORMAL, reason = ''): void {
    this.pair.close(this, code, reason);
  }

  terminate(): void {
    this.pair.close(this, ABNORMAL, '');
  }

  /** The client end answers at once, as a browser does. */
  ping(): void {
    if (this.readyState === OPEN) this.pair.toServer.post({ kind: 'pong' });
  }

  on(event: string, listener: ServerListener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
}

/** What y-websocket's provider sees: a browser WebSocket's handlers and states. */
export interface ClientSocket {
  readonly OPEN: number;
  readyState: number;
  binaryType: string;
  onopen: (() => void) | null;
  onmessage: ((event: { data: Uint8Array }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: Uint8Array): void;
  close(): void;
}

class Pair {
  readonly server: ServerEnd;
  readonly client: ClientSocket;
  readonly toClient: Mailbox;
  readonly toServer: Mailbox;
  private closed = false;

  constructor() {
    this.server = new ServerEnd(this);
    const post = (data: Uint8Array): void => this.toServer.post({ kind: 'message', data });
    const close = (by: ClientSocket): void => this.close(by, NORMAL, '');
    this.client = {
      OPEN,
      readyState: CONNECTING,
      binaryType: 'arraybuffer',
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      send(data) {
        if (this.readyState === OPEN) post(data);
      },
      close() {
        close(this);
      },
    };
    this.toClient = new Mailbox((item) => {
      const c = this.client;
      if (item.kind === 'close') {
        c.readyState = CLOSED;
        c.onclose?.({ code: item.code, reason: item.reason });
      } else if (item.kind === 'message' && c.readyState === OPEN) c.onmessage?.({ data: item.data });
    });
    this.toServer = new Mailbox((item) => {
      const s = this.server;
      if (item.kind === 'close') {
        s.readyState = CLOSED;
        s.emit('close', item.code, Buffer.from(item.reason));
      } else if (s.readyState === OPEN) {
        if (item.kind === 'message') s.emit('message', item.data, true);
        else s.emit('pong');
      }
    });
  }

  /**
   * One end closes: it sends nothing more and reads nothing more (as `ws` and browsers do); the other end
   * still gets what was sent before the close, then the close. Both ends hear it once, in a later turn.
   */
  close(by: ServerEnd | ClientSocket, code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    by.readyState = CLOSING;
    this.toClient.post({ kind: 'close', code, reason });
    this.toServer.post({ kind: 'close', code, reason });
  }

  open(): void {
    this.client.readyState = OPEN;
    this.client.onopen?.();
  }

  refuse(): void {
    this.closed = true;
    this.server.readyState = CLOSED;
    this.client.readyState = CLOSED;
    this.client.onclose?.({ code: ABNORMAL, reason: 'no such document' });
  }
}

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill` that opens the document named by the address's
 * last path segment (`…/sync/<name>`) in-process: `serve` gets the server end, or returns false when there
 * is no such document (the client then hears a close, and its provider retries with its back-off, as it
 * did on a 404 from the loopback listener).
 */
export function inProcessWebSocket(serve: (name: string, peer: PeerSocket) => boolean): new (url: string) => ClientSocket {
  return class {
    constructor(url: string) {
      const path = new URL(url).pathname;
      const name = decodeURIComponent(path.slice(path.indexOf('/sync/') + '/sync/'.length));
      const pair = new Pair();
      // Opened in a later turn, as a socket is: the provider sets its handlers after the constructor.
      setImmediate(() => {
        if (pair.client.readyState !== CONNECTING) return;
        if (serve(name, pair.server)) pair.open();
        else pair.refuse();
      });
      return pair.client;
    }
  } as unknown as new (url: string) => ClientSocket;
}
