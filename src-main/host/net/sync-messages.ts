import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../src-shared/close-codes.js';
import type { StoreThenSend } from '../pipeline/store-then-send.js';
import { LimitError, ROOM_FULL_REASON, RoomFullError, type SyncConnection } from './sync-connection.js';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, step2Message } from './sync-wire.js';

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

/**
 * A phone's copy of its room holds the board too (served alongside, sync-server.ts), and the delete set
 * Yjs sends with every sync answer covers the board's deleted items as well. The room doc never has those
 * items, so Yjs kept the deletes as pending: retried on every later update, stored with the room, and
 * growing with the board. Deletes that only concern the board's clients are dropped here (issue 21).
 */
function dropOverlayDeletes(doc: Y.Doc, overlay: Y.Doc): void {
  const store = doc.store as unknown as { pendingDs: Uint8Array | null };
  if (store.pendingDs === null) return;
  const boardClients = overlay.store.clients;
  for (const client of Y.decodeUpdateV2(store.pendingDs).ds.clients.keys()) if (!boardClients.has(client)) return;
  store.pendingDs = null;
}

/** Reads one message from a peer and acts on it; throws (LimitError or any other) to close the connection. */
export class SyncMessages {
  /** Size of each size-capped doc: measured once, then counted up with every update a peer wrote. */
  private readonly sizes = new WeakMap<Y.Doc, number>();

  constructor(
    private readonly turn: StoreThenSend,
    private readonly maxPendingBytes: number,
  ) {}

  handle(conn: SyncConnection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const kind = decoding.readVarUint(decoder);
    switch (kind) {
      case MESSAGE_SYNC:
        return this.handleSync(conn, decoder);
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

  private handleSync(conn: SyncConnection, decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      conn.countStep1();
      return this.answerStep1(conn, decoder);
    }
    if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
      const update = decoding.readVarUint8Array(decoder);
      // Read-only peers may send their state (y-websocket always answers step 1); it is dropped.
      if (conn.target.readOnly) return;
      return this.applyUpdate(conn, update);
    }
    throw new Error(`unknown sync step ${step}`);
  }

  private answerStep1(conn: SyncConnection, decoder: decoding.Decoder): void {
    const theirs = decoding.readVarUint8Array(decoder);
    // What we send must already be stored: flush this turn's pending writes first. If the store cannot
    // be written, the peer comes back later rather than receive what a crash could take back.
    if (!this.turn.flush() && !conn.target.sendBeforeStored) {
      conn.ws.close(CLOSE_CODES.tryAgainLater, 'the host cannot store right now');
      return;
    }
    const { doc, overlay } = conn.target;
    const diff = overlay
      ? Y.mergeUpdates([Y.encodeStateAsUpdate(doc, theirs), Y.encodeStateAsUpdate(overlay, theirs)])
      : Y.encodeStateAsUpdate(doc, theirs);
    conn.send(step2Message(diff));
  }

  private applyUpdate(conn: SyncConnection, update: Uint8Array): void {
    const { maxBytes, doc } = conn.target;
    if (maxBytes !== undefined) {
      let size = this.sizeOf(doc) + update.length;
      // The count only goes up, and a room shrinks when its phone prunes what was answered (issue 21):
      // measure again before refusing, so a long meeting's busy phone is not refused for its history.
      if (size > maxBytes) size = Y.encodeStateAsUpdate(doc).length + update.length;
      if (size > maxBytes) throw new RoomFullError(ROOM_FULL_REASON);
      this.sizes.set(doc, size);
    }
    Y.applyUpdate(doc, update, conn);
    if (conn.target.overlay) dropOverlayDeletes(doc, conn.target.overlay);
    if (pendingBytes(doc) > this.maxPendingBytes) {
      // Updates whose first piece never came: drop them (a real phone sends them again after it
      // reconnects, with what they depend on) and close the connection that sent them.
      dropPending(doc);
      throw new LimitError('too many updates waiting for a missing update');
    }
  }

  private sizeOf(doc: Y.Doc): number {
    let n = this.sizes.get(doc);
    if (n === undefined) {
      n = Y.encodeStateAsUpdate(doc).length;
      this.sizes.set(doc, n);
    }
    return n;
  }
}
