import type * as Y from 'yjs';
import { CLOSE_CODES } from '../../../src-shared/close-codes.js';
import { StoreThenSend } from '../pipeline/store-then-send.js';
import { LIMITS } from '../../../src-shared/limits.js';
import { SyncChannels } from './sync-channels.js';
import { SyncConnection, type ConnectionLimits, type PeerSocket } from './sync-connection.js';
import { startKeepalive } from './sync-keepalive.js';
import { SyncMessages } from './sync-messages.js';
import type { SyncTarget } from './sync-target.js';
import { stateVector, step1Message, toBytes } from './sync-wire.js';

/**
 * The y-websocket wire protocol, server side, for documents the host owns. Unlike the stock server it
 * decides per connection what a peer may do: read-only connections (console, projector) never change a
 * document, and anything malformed closes that one connection.
 *
 * A target may have an `overlay`: a second document the peer sees as part of the same document. Phone
 * rooms use it for the public board: the host keeps ONE board doc and serves it inside every room, so a
 * board change is encoded once and sent to every phone, instead of being applied to every room doc.
 *
 * The pieces: sync-wire.ts (message encoding), sync-connection.ts (one peer: sending, its limits),
 * sync-messages.ts (what a peer's message does), sync-channels.ts (a turn's updates, merged per
 * connection), sync-keepalive.ts (idle and dead peers).
 */

export type { SyncTarget } from './sync-target.js';
export { ROOM_FULL_REASON } from './sync-connection.js';
export { pendingBytes } from './sync-messages.js';

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

/** One message from a peer: dropped after we closed, counted, then handled (or the connection closed). */
function receive(messages: SyncMessages, conn: SyncConnection, raw: unknown, isBinary: boolean): void {
  const { ws } = conn;
  // After the host closed a connection (a limit, a malformed message), ws still delivers what the
  // peer sent before it heard the close: none of it is read. A hostile phone's backlog then costs
  // nothing (it was merged into the room's pending updates, over and over, and left the host's
  // memory fragmented: +45 MiB of RSS in `npm run fuzz`, case `pending`).
  if (ws.readyState !== ws.OPEN) return;
  conn.alive = true;
  if (!conn.countMessage()) return;
  if (!isBinary) {
    ws.close(CLOSE_CODES.policy, 'binary messages only');
    return;
  }
  try {
    messages.handle(conn, toBytes(raw));
  } catch (err) {
    conn.closeFor(err);
  }
}

export function createSyncServer(opts: SyncServerOptions) {
  const turn = opts.turn ?? new StoreThenSend((fn) => fn());
  /** Connections by the doc they write to, and by the overlay they read. */
  const channels = new SyncChannels(turn);
  const overlays = new SyncChannels(turn);
  const all = new Set<SyncConnection>();
  const messages = new SyncMessages(turn, opts.maxPendingBytes ?? LIMITS.pendingUpdateBytesPerRoom);
  const limits: ConnectionLimits = {
    maxMessagesPer10s: opts.maxMessagesPer10s,
    maxStep1Per10s: opts.maxStep1Per10s ?? LIMITS.syncStep1Per10s,
    maxBufferedBytes: opts.maxBufferedBytes ?? LIMITS.socketBufferedBytes,
    ...(opts.onError ? { onError: opts.onError } : {}),
  };
  const keepalive = startKeepalive(all, opts.keepaliveMs ?? 10_000, opts.onError);

  function open(conn: SyncConnection): void {
    const { ws, target } = conn;
    all.add(conn);
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.binaryType = 'arraybuffer';
    const count = channels.join(target.doc, conn, target.sendBeforeStored);
    if (target.overlay) overlays.join(target.overlay, conn);
    target.onConnections?.(count);
    ws.on('message', (raw, isBinary) => receive(messages, conn, raw, isBinary));
    ws.on('close', () => {
      all.delete(conn);
      const left = channels.leave(target.doc, conn);
      if (target.overlay) overlays.leave(target.overlay, conn);
      target.onConnections?.(left);
    });
    ws.on('error', () => ws.terminate());
    // Start the handshake: our state vector, so the peer sends what we lack.
    conn.send(step1Message(stateVector(target.doc, target.overlay)));
  }

  return {
    /** Serves one WebSocket for one document. */
    handleConnection(ws: PeerSocket, name: string, target: SyncTarget): void {
      const maxConns = target.maxConnections ?? Infinity;
      if (channels.count(target.doc) >= maxConns) {
        opts.onError?.(`${name}: ${maxConns} connections open already, refusing another`);
        ws.close(CLOSE_CODES.policy, 'too many connections to this room');
        return;
      }
      open(new SyncConnection(ws, target, name, limits));
    },
    /** Closes every connection to `doc` (a session ended; clients reconnect to the next one). */
    closeDoc(doc: Y.Doc, reason = 'document closed'): void {
      for (const c of channels.connections(doc)) c.ws.close(CLOSE_CODES.goingAway, reason);
    },
    connections(doc: Y.Doc): number {
      return channels.count(doc);
    },
    /** Stops the keepalive timer (the sockets themselves are closed by their listener's shutdown). */
    close(): void {
      clearInterval(keepalive);
    },
  };
}

export type SyncServer = ReturnType<typeof createSyncServer>;
