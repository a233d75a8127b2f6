import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../src-shared/close-codes.js';
import { StoreThenSend } from '../pipeline/store-then-send.js';
import { LIMITS } from '../../../src-shared/limits.js';

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
  /**
   * Bytes the doc may grow to with what peers write (its encoded size when first served, plus every
   * update accepted since). An update past it is not applied: the connection is closed with
   * ROOM_FULL_REASON, and the room keeps what it had (and keeps answering requests that fit).
   */
  maxBytes?: number;
  /** Connections this doc may have at once (a phone room: the phone, the same phone reloading, the gateway). */
  maxConnections?: number;
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
  /**
   * Keepalive period. A connection that sent nothing for this long gets a tiny message (an empty awareness
   * update, which y-websocket ignores), so the client's 30 s "no message" timeout never closes an idle
   * phone; and a WebSocket ping: a peer that answered neither the previous ping nor sent anything since is
   * terminated (dead peers are found within two periods). Default 10 000 (well under 30 s).
   */
  keepaliveMs?: number;
  /** Sync step 1 requests a connection may send per 10 s (each costs a full diff). Default from LIMITS. */
  maxStep1Per10s?: number;
  /** A connection whose unsent data passes this is terminated instead of queued. Default from LIMITS. */
  maxBufferedBytes?: number;
  /** Bytes of updates a doc may hold that wait for a missing earlier update. Default from LIMITS. */
  maxPendingBytes?: number;
}

/** Why an update that would make a room larger than its cap is refused (the close reason, under 123 bytes). */
export const ROOM_FULL_REASON = 'This phone has stored as much on the host as one phone may.';

/** Thrown for a message that breaks a limit: the connection is closed with this reason. */
class LimitError extends Error {}
class RoomFullError extends LimitError {}

interface Connection {
  ws: WebSocket;
  target: SyncTarget;
  name: string;
  /** Heard from since the last keepalive round (a message or a pong). */
  alive: boolean;
  /** When we last sent this connection anything. */
  lastSent: number;
  step1WindowStart: number;
  step1Count: number;
}

/**
 * Bytes of updates `doc` holds that cannot be integrated yet (they depend on an update that never came).
 * Each new update is merged with them, so letting them grow makes every update cost more (quadratic CPU).
 */
export function pendingBytes(doc: Y.Doc): number {
  const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
  return (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0);
}

function dropPending(doc: Y.Doc): void {
  const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
  store.pendingStructs = null;
  store.pendingDs = null;
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

/** An awareness update with no clients in it: y-websocket reads it and does nothing (keepalive). */
const KEEPALIVE_MESSAGE = (() => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
})();

const updateMessage = (update: Uint8Array) => syncMessage((e) => syncProtocol.writeUpdate(e, update));
const merge = (updates: Uint8Array[]) => (updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));

export function createSyncServer(opts: SyncServerOptions) {
  const turn = opts.turn ?? new StoreThenSend((fn) => fn());
  /** Connections by the doc they write to, and by the overlay they read. */
  const channels = new Map<Y.Doc, Channel>();
  const overlays = new Map<Y.Doc, Channel>();
  const all = new Set<Connection>();
  /** Size of each size-capped doc: measured once, then counted up with every update a peer wrote. */
  const sizes = new WeakMap<Y.Doc, number>();
  const sizeOf = (doc: Y.Doc): number => {
    let n = sizes.get(doc);
    if (n === undefined) {
      n = Y.encodeStateAsUpdate(doc).length;
      sizes.set(doc, n);
    }
    return n;
  };
  const keepaliveMs = opts.keepaliveMs ?? 10_000;
  const maxStep1 = opts.maxStep1Per10s ?? LIMITS.syncStep1Per10s;
  const maxBuffered = opts.maxBufferedBytes ?? LIMITS.socketBufferedBytes;
  const maxPending = opts.maxPendingBytes ?? LIMITS.pendingUpdateBytesPerRoom;

  function send(conn: Connection, data: Uint8Array): void {
    if (conn.ws.readyState !== conn.ws.OPEN) return;
    if (conn.ws.bufferedAmount > maxBuffered) {
      // A peer that stopped reading: close it rather than hold its backlog in memory.
      opts.onError?.(`${conn.name}: stopped reading (${conn.ws.bufferedAmount} bytes unsent), closing`);
      conn.ws.terminate();
      return;
    }
    conn.lastSent = Date.now();
    conn.ws.send(data, { binary: true });
  }

  const keepalive = setInterval(() => {
    const now = Date.now();
    for (const conn of all) {
      if (!conn.alive) {
        opts.onError?.(`${conn.name}: no answer to keepalive, closing`);
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      if (now - conn.lastSent >= keepaliveMs - 1) send(conn, KEEPALIVE_MESSAGE);
      try {
        conn.ws.ping();
      } catch {
        conn.ws.terminate();
      }
    }
  }, keepaliveMs);
  keepalive.unref?.();

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
        if (step === syncProtocol.messageYjsSyncStep1) {
          const now = Date.now();
          if (now - conn.step1WindowStart >= 10_000) {
            conn.step1WindowStart = now;
            conn.step1Count = 0;
          }
          if (++conn.step1Count > maxStep1) throw new LimitError('too many sync requests');
          return answerStep1(conn, decoder);
        }
        if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          // Read-only peers may send their state (y-websocket always answers step 1); it is dropped.
          if (conn.target.readOnly) return;
          const { maxBytes, doc } = conn.target;
          if (maxBytes !== undefined) {
            const size = sizeOf(doc) + update.length;
            if (size > maxBytes) throw new RoomFullError(ROOM_FULL_REASON);
            sizes.set(doc, size);
          }
          Y.applyUpdate(doc, update, conn);
          if (pendingBytes(conn.target.doc) > maxPending) {
            // Updates whose first piece never came: drop them (a real phone sends them again after it
            // reconnects, with what they depend on) and close the connection that sent them.
            dropPending(conn.target.doc);
            throw new LimitError('too many updates waiting for a missing update');
          }
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
      const maxConns = target.maxConnections ?? Infinity;
      if ((channels.get(target.doc)?.conns.size ?? 0) >= maxConns) {
        opts.onError?.(`${name}: ${maxConns} connections open already, refusing another`);
        ws.close(CLOSE_CODES.policy, 'too many connections to this room');
        return;
      }
      const conn: Connection = { ws, target, name, alive: true, lastSent: 0, step1WindowStart: Date.now(), step1Count: 0 };
      all.add(conn);
      ws.on('pong', () => {
        conn.alive = true;
      });
      let windowStart = Date.now();
      let count = 0;
      ws.binaryType = 'arraybuffer';
      const channel = channelFor(channels, target.doc, target.sendBeforeStored);
      channel.conns.add(conn);
      if (target.overlay) channelFor(overlays, target.overlay).conns.add(conn);
      target.onConnections?.(channel.conns.size);
      ws.on('message', (raw, isBinary) => {
        // After the host closed a connection (a limit, a malformed message), ws still delivers what the
        // peer sent before it heard the close: none of it is read. A hostile phone's backlog then costs
        // nothing (it was merged into the room's pending updates, over and over, and left the host's
        // memory fragmented: +45 MiB of RSS in `npm run fuzz`, case `pending`).
        if (ws.readyState !== ws.OPEN) return;
        conn.alive = true;
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
          if (err instanceof RoomFullError) ws.close(CLOSE_CODES.tooBig, err.message);
          else ws.close(CLOSE_CODES.policy, err instanceof LimitError ? err.message : 'malformed message');
        }
      });
      ws.on('close', () => {
        all.delete(conn);
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
    /** Stops the keepalive timer (the sockets themselves are closed by their listener's shutdown). */
    close(): void {
      clearInterval(keepalive);
    },
  };
}

export type SyncServer = ReturnType<typeof createSyncServer>;

function toBytes(raw: unknown): Uint8Array {
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw as Buffer[]));
  return new Uint8Array(raw as Buffer);
}
