import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../src-shared/close-codes.js';
import { StoreThenSend } from './store-then-send.js';

/**
 * The y-websocket wire protocol, server side, for documents the host owns. Unlike the stock server it
 * decides per connection what a peer may do: read-only connections (console, projector) never change a
 * document, and anything malformed closes that one connection.
 *
 * A target may have an `overlay`: a second document the peer sees as part of the same document. Phone
 * rooms use it for the public board: the host keeps ONE board doc and serves it inside every room, so a
 * board change is encoded once and sent to every phone, instead of being applied to every room doc.
 */

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

export interface SyncTarget {
  doc: Y.Doc;
  readOnly: boolean;
  /** Served with `doc` as one document, read-only for the peer (the board inside a phone's room). */
  overlay?: Y.Doc;
  /** Called when a connection to this doc opens or closes (for "phones connected"). */
  onConnections?(count: number): void;
  /**
   * Updates may be sent before they are stored. Only for the console's desk: a projection of the log,
   * and the way the facilitator hears that the data folder cannot be written.
   */
  sendBeforeStored?: boolean;
}

export interface SyncServerOptions {
  /** Messages a connection may send per 10 s before it is closed as a flood. */
  maxMessagesPer10s: number;
  /** Coalesces sends per turn (and stores before sending); a private one when the caller stores nothing. */
  turn?: StoreThenSend;
  onError?(reason: string): void;
}

interface Connection {
  ws: WebSocket;
  target: SyncTarget;
  name: string;
}

/** Updates of one turn for one document, sent as one merged message per connection. */
interface Channel {
  conns: Set<Connection>;
  pending: Array<{ update: Uint8Array; origin: unknown }>;
  onUpdate: (update: Uint8Array, origin: unknown) => void;
  flush: () => void;
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

const updateMessage = (update: Uint8Array) => syncMessage((e) => syncProtocol.writeUpdate(e, update));
const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));

export function createSyncServer(opts: SyncServerOptions) {
  const turn = opts.turn ?? new StoreThenSend((fn) => fn());
  /** Connections by the doc they write to, and by the overlay they read. */
  const channels = new Map<Y.Doc, Channel>();
  const overlays = new Map<Y.Doc, Channel>();

  function send(conn: Connection, data: Uint8Array): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(data, { binary: true });
  }

  function channelFor(map: Map<Y.Doc, Channel>, doc: Y.Doc, beforeStored = false): Channel {
    const ch = map.get(doc);
    if (ch) return ch;
    const created: Channel = {
      conns: new Set(),
      pending: [],
      onUpdate: (update, origin) => {
        created.pending.push({ update, origin });
        turn.send(created.flush, { beforeStored });
      },
      flush: () => {
        const pending = created.pending;
        created.pending = [];
        if (pending.length === 0) return;
        const fromPeers = pending.some((p) => created.conns.has(p.origin as Connection));
        if (!fromPeers) {
          // The common case (host writes): one message for everybody.
          const message = updateMessage(merge(pending.map((p) => p.update)));
          for (const c of created.conns) send(c, message);
          return;
        }
        for (const c of created.conns) {
          const updates = pending.filter((p) => p.origin !== c).map((p) => p.update);
          if (updates.length > 0) send(c, updateMessage(merge(updates)));
        }
      },
    };
    doc.on('update', created.onUpdate);
    map.set(doc, created);
    return created;
  }

  function release(map: Map<Y.Doc, Channel>, doc: Y.Doc, conn: Connection): void {
    const ch = map.get(doc);
    if (!ch) return;
    ch.conns.delete(conn);
    if (ch.conns.size === 0) {
      doc.off('update', ch.onUpdate);
      map.delete(doc);
    }
  }

  /** The peer's view of the target: the doc's state vector, with the overlay's clients taken from it. */
  function stateVector(target: SyncTarget): Uint8Array {
    if (!target.overlay) return Y.encodeStateVector(target.doc);
    const sv = Y.decodeStateVector(Y.encodeStateVector(target.doc));
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(target.overlay))) sv.set(client, clock);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, sv.size);
    for (const [client, clock] of sv) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
    return encoding.toUint8Array(encoder);
  }

  function answerStep1(conn: Connection, decoder: decoding.Decoder): void {
    const theirs = decoding.readVarUint8Array(decoder);
    // What we send must already be stored: flush this turn's pending writes first. If the store cannot
    // be written, the peer comes back later rather than receive what a crash could take back.
    if (!turn.flush() && !conn.target.sendBeforeStored) {
      conn.ws.close(CLOSE_CODES.tryAgainLater, 'the host cannot store right now');
      return;
    }
    const { doc, overlay } = conn.target;
    const diff = overlay
      ? Y.mergeUpdates([Y.encodeStateAsUpdate(doc, theirs), Y.encodeStateAsUpdate(overlay, theirs)])
      : Y.encodeStateAsUpdate(doc, theirs);
    send(conn, syncMessage((e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, diff);
    }));
  }

  function handleMessage(conn: Connection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const kind = decoding.readVarUint(decoder);
    switch (kind) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) return answerStep1(conn, decoder);
        if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          // Read-only peers may send their state (y-websocket always answers step 1); it is dropped.
          if (conn.target.readOnly) return;
          Y.applyUpdate(conn.target.doc, update, conn);
          return;
        }
        throw new Error(`unknown sync step ${step}`);
      }
      case MESSAGE_AWARENESS:
        // Nobody needs presence in a private room; read it to check the shape, then drop it.
        decoding.readVarUint8Array(decoder);
        return;
      case MESSAGE_QUERY_AWARENESS:
      case MESSAGE_AUTH:
        return;
      default:
        throw new Error(`unknown message type ${kind}`);
    }
  }

  return {
    /** Serves one WebSocket for one document. */
    handleConnection(ws: WebSocket, name: string, target: SyncTarget): void {
      const conn: Connection = { ws, target, name };
      let windowStart = Date.now();
      let count = 0;
      ws.binaryType = 'arraybuffer';
      const channel = channelFor(channels, target.doc, target.sendBeforeStored);
      channel.conns.add(conn);
      if (target.overlay) channelFor(overlays, target.overlay).conns.add(conn);
      target.onConnections?.(channel.conns.size);
      ws.on('message', (raw, isBinary) => {
        const now = Date.now();
        if (now - windowStart > 10_000) {
          windowStart = now;
          count = 0;
        }
        if (++count > opts.maxMessagesPer10s) {
          opts.onError?.(`${name}: flood, closing`);
          ws.close(CLOSE_CODES.policy, 'too many messages');
          return;
        }
        if (!isBinary) {
          ws.close(CLOSE_CODES.policy, 'binary messages only');
          return;
        }
        try {
          handleMessage(conn, toBytes(raw));
        } catch (err) {
          opts.onError?.(`${name}: ${(err as Error).message}`);
          ws.close(CLOSE_CODES.policy, 'malformed message');
        }
      });
      ws.on('close', () => {
        const size = (channels.get(target.doc)?.conns.size ?? 1) - 1;
        release(channels, target.doc, conn);
        if (target.overlay) release(overlays, target.overlay, conn);
        target.onConnections?.(size);
      });
      ws.on('error', () => ws.terminate());
      // Start the handshake: our state vector, so the peer sends what we lack.
      send(conn, syncMessage((e) => {
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
        encoding.writeVarUint8Array(e, stateVector(target));
      }));
    },
    /** Closes every connection to `doc` (a session ended; clients reconnect to the next one). */
    closeDoc(doc: Y.Doc, reason = 'document closed'): void {
      for (const c of [...(channels.get(doc)?.conns ?? [])]) c.ws.close(CLOSE_CODES.goingAway, reason);
    },
    connections(doc: Y.Doc): number {
      return channels.get(doc)?.conns.size ?? 0;
    },
  };
}

export type SyncServer = ReturnType<typeof createSyncServer>;

function toBytes(raw: unknown): Uint8Array {
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw as Buffer[]));
  return new Uint8Array(raw as Buffer);
}
