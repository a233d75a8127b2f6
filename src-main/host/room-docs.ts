import * as Y from 'yjs';
import { ROOM_DOC_PREFIX, roomParts } from '../../src-shared/docs/room-doc.js';
import { isHostOrigin } from '../../src-shared/transaction-origins.js';
import { loadAndPersist } from './doc-persistence.js';
import type { Store } from './store.js';
import type { StoreThenSend } from './store-then-send.js';

/**
 * A phone's private room document, as the host holds it. The host reads only `requests` from a room and
 * writes receipts and the phone's own view. The public board is not copied into rooms: the sync server
 * serves the one board doc as an overlay of every room (see sync-server.ts).
 */
export interface Room {
  roomId: string;
  deviceId: string;
  doc: Y.Doc;
}

export const roomDocName = (roomId: string): string => `${ROOM_DOC_PREFIX}${roomId}`;

/** The room id in a `room-<id>` doc name, or null if the name is not a room's. */
export const roomIdOfDocName = (docName: string): string | null =>
  docName.startsWith(ROOM_DOC_PREFIX) ? docName.slice(ROOM_DOC_PREFIX.length) : null;

/** The room documents of one session, loaded from and stored to the store; each request goes to `onRequest`. */
export class RoomDocs {
  private readonly byRoom = new Map<string, Room & { close(): void }>();
  private readonly byDevice = new Map<string, Room>();

  constructor(
    private readonly store: Store,
    private readonly turn: StoreThenSend,
    private readonly onRequest: (room: Room, raw: unknown) => void,
  ) {}

  get(roomId: string): Room | undefined {
    return this.byRoom.get(roomId);
  }

  ofDevice(deviceId: string): Room | undefined {
    return this.byDevice.get(deviceId);
  }

  all(): Iterable<Room> {
    return this.byRoom.values();
  }

  /** Loads (or creates) a device's room and hands every request in it, old and new, to `onRequest`. */
  open(roomId: string, deviceId: string): Room {
    const existing = this.byRoom.get(roomId);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const stopPersisting = loadAndPersist(this.store, this.turn, roomDocName(roomId), doc);
    const { requests } = roomParts(doc);
    const observer = (event: Y.YArrayEvent<unknown>, tx: Y.Transaction) => {
      if (isHostOrigin(tx.origin)) return;
      for (const change of event.changes.delta) {
        if (Array.isArray(change.insert)) for (const raw of change.insert) this.onRequest(room, raw);
      }
    };
    const room = {
      roomId,
      deviceId,
      doc,
      close: () => {
        requests.unobserve(observer);
        stopPersisting();
        doc.destroy();
      },
    };
    this.byRoom.set(roomId, room);
    this.byDevice.set(deviceId, room);
    // Requests that arrived before a crash, or while nobody answered, are answered now.
    for (const raw of requests.toArray()) this.onRequest(room, raw);
    requests.observe(observer);
    return room;
  }

  /** Every request in a room, to be looked at again (after the store could not take them). */
  replay(room: Room): void {
    for (const raw of roomParts(room.doc).requests.toArray()) this.onRequest(room, raw);
  }

  isOpen(room: Room): boolean {
    return this.byRoom.get(room.roomId) === room;
  }

  dispose(): void {
    for (const room of this.byRoom.values()) room.close();
    this.byRoom.clear();
    this.byDevice.clear();
  }
}
