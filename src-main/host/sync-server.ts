import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/**
 * The y-websocket wire protocol, server side, for documents the host owns. Unlike the stock server it
 * decides per connection what a peer may do: read-only connections (console, projector) never change a
 * document, and anything malformed closes that one connection.
 */

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

/** WebSocket close codes we use (RFC 6455). */
export const CLOSE = { policy: 1008, tooBig: 1009, goingAway: 1001 } as const;

export interface SyncTarget {
  doc: Y.Doc;
  readOnly: boolean;
  /** Called when a connection to this doc opens or closes (for "phones connected"). */
  onConnections?(count: number): void;
}

export interface SyncServerOptions {
  /** Messages a connection may send per 10 s before it is closed as a flood. */
  maxMessagesPer10s: number;
  onError?(reason: string): void;
}

interface Connection {
  ws: WebSocket;
  target: SyncTarget;
  name: string;
}

export function createSyncServer(opts: SyncServerOptions) {
  const byDoc = new Map<Y.Doc, { name: string; conns: Set<Connection>; onUpdate: (u: Uint8Array, origin: unknown) => void }>();

  function send(conn: Connection, data: Uint8Array): void {
    if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(data, { binary: true });
  }

  function attach(name: string, target: SyncTarget, conn: Connection): void {
    let entry = byDoc.get(target.doc);
    if (!entry) {
      const conns = new Set<Connection>();
      const onUpdate = (update: Uint8Array, origin: unknown) => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeUpdate(encoder, update);
        const message = encoding.toUint8Array(encoder);
        for (const c of conns) if (c !== origin) send(c, message);
      };
      target.doc.on('update', onUpdate);
      entry = { name, conns, onUpdate };
      byDoc.set(target.doc, entry);
    }
    entry.conns.add(conn);
    target.onConnections?.(entry.conns.size);
  }

  function detach(conn: Connection): void {
    const entry = byDoc.get(conn.target.doc);
    if (!entry) return;
    entry.conns.delete(conn);
    conn.target.onConnections?.(entry.conns.size);
    if (entry.conns.size === 0) {
      conn.target.doc.off('update', entry.onUpdate);
      byDoc.delete(conn.target.doc);
    }
  }

  function handleMessage(conn: Connection, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const kind = decoding.readVarUint(decoder);
    switch (kind) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.readSyncStep1(decoder, encoder, conn.target.doc);
          send(conn, encoding.toUint8Array(encoder));
          return;
        }
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
      attach(name, target, conn);
      ws.on('message', (raw, isBinary) => {
        const now = Date.now();
        if (now - windowStart > 10_000) {
          windowStart = now;
          count = 0;
        }
        if (++count > opts.maxMessagesPer10s) {
          opts.onError?.(`${name}: flood, closing`);
          ws.close(CLOSE.policy, 'too many messages');
          return;
        }
        if (!isBinary) {
          ws.close(CLOSE.policy, 'binary messages only');
          return;
        }
        try {
          handleMessage(conn, toBytes(raw));
        } catch (err) {
          opts.onError?.(`${name}: ${(err as Error).message}`);
          ws.close(CLOSE.policy, 'malformed message');
        }
      });
      ws.on('close', () => detach(conn));
      ws.on('error', () => ws.terminate());
      // Start the handshake: our state vector, so the peer sends what we lack.
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, target.doc);
      send(conn, encoding.toUint8Array(encoder));
    },
    /** Closes every connection to `doc` (a session ended; clients reconnect to the next one). */
    closeDoc(doc: Y.Doc, reason = 'document closed'): void {
      const entry = byDoc.get(doc);
      if (!entry) return;
      for (const c of [...entry.conns]) c.ws.close(CLOSE.goingAway, reason);
    },
    connections(doc: Y.Doc): number {
      return byDoc.get(doc)?.conns.size ?? 0;
    },
  };
}

export type SyncServer = ReturnType<typeof createSyncServer>;

function toBytes(raw: unknown): Uint8Array {
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw as Buffer[]));
  return new Uint8Array(raw as Buffer);
}
