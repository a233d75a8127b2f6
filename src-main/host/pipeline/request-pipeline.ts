import { decidePhoneRequest } from '../../../src-shared/decide-phone.js';
import { REFUSALS } from '../../../src-shared/refusals.js';
import { FAILED_REASON } from '../../../src-shared/refusals.js';
import { hostParts, roomRequests } from '../../../src-shared/docs/room-doc.js';
import { newId } from '../../../src-shared/ids.js';
import { LIMITS } from '../../../src-shared/limits.js';
import { isFinalReceipt, parsePhoneRequest, type PhoneRequest, type Receipt } from '../../../src-shared/requests.js';
import { transact } from '../../../src-shared/transaction-origins.js';
import { PhoneRateLimits, type RateCharge } from './phone-rate-limits.js';
import { RequestQueue } from './request-queue.js';
import type { Room, RoomDocs } from '../rooms/room-docs.js';
import type { AppliedEvents, SessionLog, StorageError } from '../store/session-log.js';

export const RETRY_REASON = 'The laptop cannot save right now. Your request is kept and will be sent again by itself.';
export { FAILED_REASON };

export interface PipelineDeps {
  log: SessionLog;
  rooms: RoomDocs;
  /** Step 6: the board, the desk and each phone's private view, from what a commit applied. */
  project(applied: AppliedEvents): void;
  /** Hears when committing fails (with the error) and when it works again (null). */
  onStorage(failure: StorageError | null): void;
  /** The rules for one request (pure); tests may wrap it. */
  decide?: typeof decidePhoneRequest;
  retryMs?: number;
  clock?: () => number;
  logLine?(line: string): void;
}

interface Queued {
  room: Room;
  raw: unknown;
}

/** A request that parsed or failed to, with the id its receipt goes under. */
type Parsed = { room: Room; requestId: string } & ({ ok: true; request: PhoneRequest } | { ok: false; reason: string });

interface Answer {
  room: Room;
  requestId: string;
  receipt: Receipt;
}

/**
 * The way of every phone request, one turn of the event loop at a time, in this order:
 *   1. drain   the requests queued during the turn (RequestQueue)
 *   2. parse   untrusted input into a typed request (zod), skipping what was already answered
 *   3. limit   per-device rate limits
 *   4. decide  the pure rules of src-shared (decide-phone.ts) against the folded state
 *   5. commit  append the accepted events and commit them all in one SQLite transaction
 *   6. project the board, the desk and the private views of what the commit applied
 *   7. receipt write each request's answer into its room
 * Storing the turn's document updates, then sending them, follows at the end of the turn
 * (StoreThenSend): nothing leaves the host before it is stored.
 *
 * A request that throws gets an error receipt and never aborts the batch. A commit that fails (the disk)
 * rolls back the whole batch: its requests get a receipt that says "will retry", and are decided again,
 * by themselves, once the store can be written; the rate-limit tokens they took are given back.
 */
export class RequestPipeline {
  private readonly queue = new RequestQueue<Queued>((batch) => this.run(batch));
  private readonly limits = new PhoneRateLimits();
  private readonly decideRequest: typeof decidePhoneRequest;
  private readonly clock: () => number;
  /** Rooms with requests held back by a failed commit, while committing fails. */
  private readonly held = new Set<Room>();
  private failing = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: PipelineDeps) {
    this.decideRequest = deps.decide ?? decidePhoneRequest;
    this.clock = deps.clock ?? Date.now;
  }

  /** 1. A request arrived in a room: it waits for the end of the turn. */
  enqueue(room: Room, raw: unknown): void {
    this.queue.push({ room, raw });
  }

  dispose(): void {
    this.queue.dispose();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private run(batch: Queued[]): void {
    const parsed = batch.map((q) => this.parse(q)).filter((p): p is Parsed => p !== null);
    if (parsed.length === 0) return;
    const charges: RateCharge[] = [];
    const outcome = this.deps.log.commit(() => parsed.map((p) => this.decide(p, charges)));
    if (!outcome.ok) {
      // The batch is decided again later: it is charged then, once (a retry is not a new request).
      this.limits.refund(charges);
      this.hold(parsed, outcome.error);
      return;
    }
    if (this.failing) this.recovered();
    this.deps.project(outcome.applied);
    this.writeReceipts(outcome.value);
  }

  /** 2. Untrusted input becomes a typed request, or a refusal with a reason; answered ones are skipped. */
  private parse({ room, raw }: Queued): Parsed | null {
    if (!this.deps.rooms.isOpen(room)) return null; // the session was replaced meanwhile
    const parsed = parsePhoneRequest(raw);
    const requestId = parsed.ok ? parsed.request.id : parsed.requestId;
    if (requestId === null) return null; // nothing to answer to; the phone only spoiled its own copy
    if (isFinalReceipt(hostParts(room.doc).receipts.get(requestId))) return null;
    if (!parsed.ok) return { room, requestId, ok: false, reason: parsed.reason };
    return { room, requestId, ok: true, request: parsed.request };
  }

  /** 3–5. Rate limits, the pure rules, and the append (inside the batch's one transaction). */
  private decide(p: Parsed, charges: RateCharge[]): Answer {
    const at = this.clock();
    const answer = (receipt: Receipt): Answer => ({ room: p.room, requestId: p.requestId, receipt });
    if (!p.ok) return answer({ ok: false, at, reason: p.reason });
    const { room, request } = p;
    const { log } = this.deps;
    // Answered before (a crash between the commit and the receipt, or a phone that pruned the request and
    // sent it again): the same answer, not a second decision.
    const earlier = log.earlierAnswer(room.deviceId, request.id);
    if (earlier) return answer({ ...earlier, at });
    const refuse = (reason: string): Answer => {
      log.refuse(room.deviceId, request.id, at, reason);
      return answer({ ok: false, at, reason });
    };
    if (roomRequests(room.doc).length > LIMITS.requestsPerRoom) return refuse(REFUSALS.tooManyRequests);
    const limited = this.limits.refusal(room.deviceId, request.kind, at, charges);
    if (limited) return refuse(limited);
    let decision: ReturnType<typeof decidePhoneRequest>;
    try {
      decision = this.decideRequest(log.state, room.deviceId, request, newId);
    } catch (err) {
      // One request must never abort the batch (and with it everybody else's).
      this.deps.logLine?.(`request ${p.requestId}: ${(err as Error).stack ?? String(err)}`);
      return refuse(FAILED_REASON);
    }
    if (!decision.ok) return refuse(decision.reason);
    // A storage failure throws out of here and fails the whole commit, as it must.
    log.append(`device:${room.deviceId}`, decision.events);
    return answer(decision.questionId ? { ok: true, at, questionId: decision.questionId } : { ok: true, at });
  }

  /** 7. Each room's answers in one transaction of that room. */
  private writeReceipts(answers: Answer[]): void {
    const byRoom = new Map<Room, Answer[]>();
    for (const a of answers) byRoom.set(a.room, [...(byRoom.get(a.room) ?? []), a]);
    for (const [room, list] of byRoom) {
      const { receipts } = hostParts(room.doc);
      transact(room.doc, 'host:receipt', () => list.forEach((a) => receipts.set(a.requestId, a.receipt)));
    }
  }

  /** The commit failed: say "will retry", keep the rooms, and try again later. */
  private hold(parsed: Parsed[], error: StorageError): void {
    const at = this.clock();
    this.writeReceipts(parsed.map((p) => ({ room: p.room, requestId: p.requestId, receipt: { ok: false, at, reason: RETRY_REASON, retry: true } })));
    for (const p of parsed) this.held.add(p.room);
    if (!this.failing) {
      this.failing = true;
      this.deps.onStorage(error);
    }
    if (!this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.replayHeld();
      }, this.deps.retryMs ?? 2_000);
      this.retryTimer.unref();
    }
  }

  /** A commit worked again: requests still held are decided at once. */
  private recovered(): void {
    this.failing = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.replayHeld();
    this.deps.onStorage(null);
  }

  private replayHeld(): void {
    const rooms = [...this.held];
    this.held.clear();
    for (const room of rooms) if (this.deps.rooms.isOpen(room)) this.deps.rooms.replay(room);
  }
}
