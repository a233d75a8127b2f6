import * as Y from 'yjs';
import { ROOM_DOC_PREFIX, roomRequests } from '../../../src-shared/docs/room-doc.js';
import { isHostOrigin } from '../../../src-shared/transaction-origins.js';
import { loadAndPersist } from '../store/doc-persistence.js';
import { moveTopLevelParts, RoomPruning } from './room-pruning.js';
import type { Store } from '../store/store.js';
import type { StoreThenSend } from '../pipeline/store-then-send.js';

/**
 * A phone's private room document, as the host holds it. The host reads only `requests` from a room and
 * writes receipts and the phone's own view. The public board is not copied into rooms: the sync server
 * serves the one board doc as an overlay of every room (see sync-server.ts).
 *
 * A `Room` is one load of the room: when an idle room is unloaded and later loaded again, the new load is
 * a new `Room` with a new `doc` (see `RoomDocs`).
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

/**
 * A room no transport has used for this long leaves memory. Long enough that a phone whose connection
 * drops and comes back (y-websocket retries within 2.5 s; a reload takes a few seconds) finds its room
 * still loaded; short enough that the junk of a hostile phone, or the rooms of phones that locked, are
 * given back soon. Loading a room again costs one read of its stored updates.
 */
export const ROOM_IDLE_MS = 10_000;

export interface RoomDocsOptions {
  /** A room was loaded (opened for the first time, or again after it was unloaded): write its private view. */
  onLoad?(room: Room): void;
  clock?: () => number;
}

interface LoadedRoom extends Room {
  /** When the room was last loaded, asked for, or seen in use by `unloadIdle`. */
  usedAt: number;
  close(): void;
}

/**
 * The room documents of one session, loaded from and stored to the store; each request goes to `onRequest`.
 *
 * A room is in memory only while it is used: `unloadIdle` stores and drops the rooms nobody has been
 * connected to for a while (a phone's Y.Doc, with every request it ever sent, lives otherwise as long as
 * the session), and `get` loads a room again when a transport connects to it. Loading answers the
 * requests found in it (those already answered are skipped) and rewrites the phone's private view, as on
 * start, so what changed for the phone while its room was unloaded (its questions' status, its votes, its
 * place in line, its ballots) is in the room before anything is sent. Receipts are written only into a
 * loaded room: requests arrive only through a connection, which keeps the room loaded.
 */
export class RoomDocs {
  /** Every room of the session, loaded or not: room id → device id. */
  private readonly devices = new Map<string, string>();
  /** Rooms in memory. */
  private readonly loaded = new Map<string, LoadedRoom>();
  private readonly loadedByDevice = new Map<string, LoadedRoom>();
  private readonly clock: () => number;

  constructor(
    private readonly store: Store,
    private readonly turn: StoreThenSend,
    private readonly onRequest: (room: Room, raw: unknown) => void,
    private readonly opts: RoomDocsOptions = {},
  ) {
    this.clock = opts.clock ?? Date.now;
  }

  /** Whether the room belongs to this session (loaded or not); never loads it. */
  has(roomId: string): boolean {
    return this.devices.has(roomId);
  }

  /** A room of this session, loaded from the store if it is not in memory (a transport connects to it). */
  get(roomId: string): Room | undefined {
    const deviceId = this.devices.get(roomId);
    return deviceId === undefined ? undefined : this.load(roomId, deviceId);
  }

  /**
   * The device's room if it is in memory. Private views are written only into loaded rooms: a room that is
   * not loaded gets its whole private view rewritten when it loads (`onLoad`).
   */
  loadedOfDevice(deviceId: string): Room | undefined {
    return this.loadedByDevice.get(deviceId);
  }

  /** Every room of the session, loaded or not. */
  roomIds(): string[] {
    return [...this.devices.keys()];
  }

  /** How many rooms are in memory now. */
  loadedCount(): number {
    return this.loaded.size;
  }

  /** Registers a new device's room and loads it (its phone connects next). */
  open(roomId: string, deviceId: string): Room {
    this.register(roomId, deviceId);
    return this.load(roomId, deviceId);
  }

  /**
   * Registers a room known at start without loading it: it loads when a transport connects (`get`), and
   * the requests stored in it that were never answered (a crash) are decided then.
   */
  register(roomId: string, deviceId: string): void {
    this.devices.set(roomId, deviceId);
  }

  /** The room if it is in memory; never loads it. */
  loadedRoom(roomId: string): Room | undefined {
    return this.loaded.get(roomId);
  }

  /** Every request in a room, to be looked at again (after the store could not take them). */
  replay(room: Room): void {
    for (const raw of roomRequests(room.doc).toArray()) this.onRequest(room, raw);
  }

  /** Whether this load of the room is the one in memory (not unloaded since, nor its session replaced). */
  isOpen(room: Room): boolean {
    return this.loaded.get(room.roomId) === room;
  }

  /**
   * Unloads the rooms that `inUse` has not seen in use for `idleMs`, after storing every pending update
   * (nothing is dropped that is not in SQLite: when the store cannot be written, every room stays).
   * Returns the rooms unloaded.
   */
  unloadIdle(idleMs: number, inUse: (room: Room) => boolean): Room[] {
    const now = this.clock();
    const idle: LoadedRoom[] = [];
    for (const room of this.loaded.values()) {
      if (inUse(room)) room.usedAt = now;
      else if (now - room.usedAt >= idleMs) idle.push(room);
    }
    if (idle.length === 0 || !this.turn.flush()) return [];
    for (const room of idle) this.unload(room);
    return idle;
  }

  dispose(): void {
    for (const room of this.loaded.values()) room.close();
    this.loaded.clear();
    this.loadedByDevice.clear();
    this.devices.clear();
  }

  private load(roomId: string, deviceId: string): Room {
    const existing = this.loaded.get(roomId);
    if (existing) {
      existing.usedAt = this.clock();
      return existing;
    }
    const doc = new Y.Doc({ gc: true });
    const stopPersisting = loadAndPersist(this.store, this.turn, roomDocName(roomId), doc);
    moveTopLevelParts(doc);
    const pruning = new RoomPruning(doc);
    const requests = roomRequests(doc);
    const observer = (event: Y.YArrayEvent<unknown>, tx: Y.Transaction) => {
      if (isHostOrigin(tx.origin)) return;
      for (const change of event.changes.delta) {
        if (Array.isArray(change.insert)) for (const raw of change.insert) this.onRequest(room, raw);
      }
      // The phone deleted requests it is done with: their receipts go too.
      if (event.changes.deleted.size > 0) pruning.afterDeletes();
    };
    const room: LoadedRoom = {
      roomId,
      deviceId,
      doc,
      usedAt: this.clock(),
      close: () => {
        requests.unobserve(observer);
        stopPersisting();
        doc.destroy();
      },
    };
    this.loaded.set(roomId, room);
    this.loadedByDevice.set(deviceId, room);
    this.opts.onLoad?.(room);
    // Requests that arrived before a crash, while nobody answered, or before the room was unloaded, are
    // answered now (the pipeline skips answered ones).
    for (const raw of requests.toArray()) this.onRequest(room, raw);
    pruning.afterDeletes();
    requests.observe(observer);
    return room;
  }

  private unload(room: LoadedRoom): void {
    this.loaded.delete(room.roomId);
    if (this.loadedByDevice.get(room.deviceId) === room) this.loadedByDevice.delete(room.deviceId);
    room.close();
  }
}
