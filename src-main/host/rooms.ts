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
import type { Tick } from './tick.js';

/**
 * The private room documents of one session, one per phone. The host reads only `requests` from a room
 * and writes receipts and the phone's own view. The public board is not copied into rooms on the host:
 * the sync server serves the one board doc as an overlay of every room (see sync-server.ts).
 */
export interface Room {
  roomId: string;
  deviceId: string;
  doc: Y.Doc;
  /** LAN WebSocket connections and WebRTC peers (through the gateway) currently open. */
  wsConnections: number;
  rtcPeers: number;
  /** When the last transport closed (0: never). */
  lostAt: number;
  dispose(): void;
}

/** How long a phone whose transports all closed still counts as connected. */
export const CONNECTED_GRACE_MS = 5_000;

export const roomDocName = (roomId: string): string => `${ROOM_DOC_PREFIX}${roomId}`;

export class Rooms {
  private readonly byRoom = new Map<string, Room>();
  private readonly byDevice = new Map<string, Room>();

  constructor(
    private readonly store: Store,
    private readonly tick: Tick,
    private readonly authority: SessionAuthority,
    private readonly onConnectivity: () => void,
    private readonly log: (line: string) => void = () => {},
  ) {}

  get(roomId: string): Room | undefined {
    return this.byRoom.get(roomId);
  }

  all(): IterableIterator<Room> {
    return this.byRoom.values();
  }

  /**
   * Phones with a live transport, or one lost less than a grace period ago: a phone that reconnects (or
   * a flooder that is cut off and comes back) does not make the count, and every screen, flicker.
   */
  connectedCount(now = Date.now()): number {
    let n = 0;
    for (const r of this.byRoom.values()) {
      if (r.wsConnections > 0 || r.rtcPeers > 0 || now - r.lostAt < CONNECTED_GRACE_MS) n++;
    }
    return n;
  }

  setConnections(room: Room, kind: 'ws' | 'rtc', count: number): void {
    const wasLive = room.wsConnections > 0 || room.rtcPeers > 0;
    if (kind === 'ws') room.wsConnections = count;
    else room.rtcPeers = count;
    const isLive = room.wsConnections > 0 || room.rtcPeers > 0;
    if (wasLive === isLive) return;
    if (isLive) {
      // Back within the grace period: the count never changed.
      if (Date.now() - room.lostAt < CONNECTED_GRACE_MS) return;
    } else {
      room.lostAt = Date.now();
      setTimeout(() => this.onConnectivity(), CONNECTED_GRACE_MS + 10).unref();
      return;
    }
    this.onConnectivity();
  }

  /** Loads (or creates) a device's room: its stored history, the current board, its private view. */
  open(roomId: string, deviceId: string): Room {
    const existing = this.byRoom.get(roomId);
    if (existing) return existing;
    const doc = new Y.Doc({ gc: true });
    const stopPersisting = loadAndPersist(this.store, this.tick, roomDocName(roomId), doc);
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
      lostAt: 0,
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
    for (const raw of parts.requests.toArray()) this.enqueue(room, raw);
    parts.requests.observe(observer);
    return room;
  }

  private readonly queue: Array<[Room, unknown]> = [];

  /**
   * Requests are answered in batches, once per turn of the event loop and after the phone's Yjs
   * transaction has finished: all events of a batch are stored in one transaction (one disk sync), the
   * board and private views are written once, and only then do the receipts go out.
   */
  private enqueue(room: Room, raw: unknown): void {
    this.queue.push([room, raw]);
    if (this.queue.length === 1) setImmediate(() => this.drain());
  }

  private drain(): void {
    const batch = this.queue.splice(0);
    const answers: Array<[Room, string, Receipt]> = [];
    this.authority.batch(() => {
      for (const [room, raw] of batch) {
        if (this.byRoom.get(room.roomId) !== room) continue;
        const answer = this.decide(room, raw);
        if (answer) answers.push([room, answer[0], answer[1]]);
      }
    });
    const byRoom = new Map<Room, Array<[string, Receipt]>>();
    for (const [room, id, receipt] of answers) byRoom.set(room, [...(byRoom.get(room) ?? []), [id, receipt]]);
    for (const [room, list] of byRoom) {
      const { receipts } = roomParts(room.doc);
      room.doc.transact(() => list.forEach(([id, receipt]) => receipts.set(id, receipt)), 'host:receipt');
    }
  }

  private decide(room: Room, raw: unknown): [string, Receipt] | null {
    const parsed = parsePhoneRequest(raw);
    const requestId = parsed.ok ? parsed.request.id : parsed.requestId;
    if (requestId === null) return null; // nothing to answer to; the phone only spoiled its own copy
    const { receipts, requests } = roomParts(room.doc);
    if (receipts.has(requestId)) return null;
    const at = Date.now();
    if (!parsed.ok) return [requestId, { ok: false, at, reason: parsed.reason }];
    if (requests.length > LIMITS.requestsPerRoom) return [requestId, { ok: false, at, reason: REFUSALS.tooManyRequests }];
    try {
      return [requestId, this.authority.handlePhoneRequest(room.deviceId, parsed.request)];
    } catch (err) {
      // One request must never abort the batch (and with it everybody else's).
      this.log(`request ${requestId}: ${(err as Error).stack ?? err}`);
      return [requestId, { ok: false, at, reason: 'The host could not process this request. Please try again.' }];
    }
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
    for (const room of this.byRoom.values()) room.dispose();
    this.byRoom.clear();
    this.byDevice.clear();
  }
}

function myQuestion(q: QuestionState, floor: string | null): MyQuestion {
  return { id: q.id, requestId: q.requestId, text: q.text, status: questionStatus(q, floor), askedAt: q.askedAt };
}
