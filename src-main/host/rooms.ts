import * as Y from 'yjs';
import { REFUSALS } from '../../src-shared/decide-phone.js';
import { ROOM_DOC_PREFIX, roomParts, type MyQuestion } from '../../src-shared/docs/room-doc.js';
import { putEntry } from '../../src-shared/docs/json-map.js';
import { LIMITS } from '../../src-shared/limits.js';
import { parsePhoneRequest, type Receipt } from '../../src-shared/requests.js';
import { questionStatus, type QuestionState } from '../../src-shared/state.js';
import { isHostOrigin } from '../../src-shared/transaction-origins.js';
import type { AppliedEvents, SessionAuthority } from './authority.js';
import { loadAndPersist } from './doc-persistence.js';
import type { Store } from './store.js';

/**
 * The private room documents of one session, one per phone. The host reads only `requests` from a room,
 * writes receipts and the phone's own view, and mirrors the master board into it.
 */
export interface Room {
  roomId: string;
  deviceId: string;
  doc: Y.Doc;
  /** LAN WebSocket connections and WebRTC peers (through the gateway) currently open. */
  wsConnections: number;
  rtcPeers: number;
  dispose(): void;
}

export const roomDocName = (roomId: string): string => `${ROOM_DOC_PREFIX}${roomId}`;

export class Rooms {
  private readonly byRoom = new Map<string, Room>();
  private readonly byDevice = new Map<string, Room>();
  private readonly mirror = (update: Uint8Array) => {
    for (const room of this.byRoom.values()) Y.applyUpdate(room.doc, update, 'host:mirror');
  };

  constructor(
    private readonly store: Store,
    private readonly master: Y.Doc,
    private readonly authority: SessionAuthority,
    private readonly onConnectivity: () => void,
  ) {
    master.on('update', this.mirror);
  }

  get(roomId: string): Room | undefined {
    return this.byRoom.get(roomId);
  }

  all(): IterableIterator<Room> {
    return this.byRoom.values();
  }

  connectedCount(): number {
    let n = 0;
    for (const r of this.byRoom.values()) if (r.wsConnections > 0 || r.rtcPeers > 0) n++;
    return n;
  }

  setConnections(room: Room, kind: 'ws' | 'rtc', count: number): void {
    if (kind === 'ws') room.wsConnections = count;
    else room.rtcPeers = count;
    this.onConnectivity();
  }

  /** Loads (or creates) a device's room: its stored history, the current board, its private view. */
  open(roomId: string, deviceId: string): Room {
    const existing = this.byRoom.get(roomId);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const stopPersisting = loadAndPersist(this.store, roomDocName(roomId), doc, { skipOrigins: ['host:mirror'] });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.master), 'host:mirror');
    const parts = roomParts(doc);
    const observer = (event: Y.YArrayEvent<unknown>, tx: Y.Transaction) => {
      if (isHostOrigin(tx.origin)) return;
      for (const change of event.changes.delta) {
        if (change.insert && Array.isArray(change.insert)) for (const raw of change.insert) this.enqueue(room, raw);
      }
    };
    const room: Room = {
      roomId,
      deviceId,
      doc,
      wsConnections: 0,
      rtcPeers: 0,
      dispose: () => {
        parts.requests.unobserve(observer);
        stopPersisting();
        doc.destroy();
      },
    };
    this.byRoom.set(roomId, room);
    this.byDevice.set(deviceId, room);
    this.rewritePrivate(room);
    // Requests that arrived before a crash, or while nobody answered, are answered now.
    for (const raw of parts.requests.toArray()) this.process(room, raw);
    parts.requests.observe(observer);
    return room;
  }

  private readonly queue: Array<[Room, unknown]> = [];

  /**
   * Requests are answered after the phone's transaction has finished: writing receipts and mirroring the
   * board from inside a Yjs observer would land in the middle of another transaction's cleanup.
   */
  private enqueue(room: Room, raw: unknown): void {
    this.queue.push([room, raw]);
    if (this.queue.length === 1) queueMicrotask(() => this.drain());
  }

  private drain(): void {
    for (let i = 0; i < this.queue.length; i++) {
      const [room, raw] = this.queue[i]!;
      if (this.byRoom.get(room.roomId) === room) this.process(room, raw);
    }
    this.queue.length = 0;
  }

  private process(room: Room, raw: unknown): void {
    const parsed = parsePhoneRequest(raw);
    const requestId = parsed.ok ? parsed.request.id : parsed.requestId;
    if (requestId === null) return; // nothing to answer to; the phone only spoiled its own copy
    const { receipts, requests } = roomParts(room.doc);
    if (receipts.has(requestId)) return;
    let receipt: Receipt;
    if (!parsed.ok) receipt = { ok: false, at: Date.now(), reason: parsed.reason };
    else if (requests.length > LIMITS.requestsPerRoom) receipt = { ok: false, at: Date.now(), reason: REFUSALS.tooManyRequests };
    else receipt = this.authority.handlePhoneRequest(room.deviceId, parsed.request);
    room.doc.transact(() => receipts.set(requestId, receipt), 'host:receipt');
  }

  /** Updates the private views an applied batch of events changed. */
  applyPrivate(applied: AppliedEvents): void {
    const { state } = this.authority;
    for (const id of applied.touched) {
      const q = state.questions.get(id);
      if (!q) continue;
      const owner = this.byDevice.get(q.deviceId);
      if (owner) owner.doc.transact(() => putEntry(roomParts(owner.doc).mine, q.id, myQuestion(q, state.floor)), 'host:receipt');
    }
    for (const e of applied.events) {
      if (e.body.type !== 'vote.cast' && e.body.type !== 'vote.withdrawn') continue;
      const voter = this.byDevice.get(e.body.deviceId);
      const vote = e.body.type === 'vote.cast' ? true : null;
      const qid = e.body.questionId;
      if (voter) voter.doc.transact(() => putEntry(roomParts(voter.doc).myVotes, qid, vote), 'host:receipt');
    }
  }

  private rewritePrivate(room: Room): void {
    const { state } = this.authority;
    const { mine, myVotes } = roomParts(room.doc);
    room.doc.transact(() => {
      for (const q of state.questions.values()) {
        if (q.deviceId === room.deviceId) putEntry(mine, q.id, myQuestion(q, state.floor));
        putEntry(myVotes, q.id, q.voters.has(room.deviceId) ? true : null);
      }
    }, 'host:receipt');
  }

  dispose(): void {
    this.master.off('update', this.mirror);
    for (const room of this.byRoom.values()) room.dispose();
    this.byRoom.clear();
    this.byDevice.clear();
  }
}

function myQuestion(q: QuestionState, floor: string | null): MyQuestion {
  return { id: q.id, requestId: q.requestId, text: q.text, status: questionStatus(q, floor), askedAt: q.askedAt };
}
