import type { ControlParsedInput } from '../../src-shared/control.js';
import { decideControl, type ModerationCommand } from '../../src-shared/decide-control.js';
import { decidePhoneRequest, REFUSALS } from '../../src-shared/decide-phone.js';
import type { Actor, EventBody, LoggedEvent } from '../../src-shared/events.js';
import { newId } from '../../src-shared/ids.js';
import { LIMITS, MINUTE_MS } from '../../src-shared/limits.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';
import type { PhoneRequest, Receipt } from '../../src-shared/requests.js';
import { applyEvent, fold, type SessionState } from '../../src-shared/state.js';
import type { Store } from './store.js';

/**
 * The one writer of a session: validates what phones and the facilitator ask for, appends accepted
 * events to the log (durably, before anyone hears back), and keeps the folded state.
 */
export interface AppliedEvents {
  events: LoggedEvent[];
  /** Questions whose public or private view may have changed. */
  touched: Set<string>;
  /** Devices whose own view (their questions, their votes) may have changed. */
  devices: Set<string>;
}

export class SessionAuthority {
  readonly state: SessionState;
  private readonly questionLimiter = new RateLimiter(LIMITS.questionsPerMinute, MINUTE_MS);
  private readonly voteLimiter = new RateLimiter(LIMITS.votesPerMinute, MINUTE_MS);

  constructor(
    private readonly store: Store,
    readonly sessionId: string,
    private readonly onApplied: (applied: AppliedEvents) => void,
    private readonly clock: () => number = Date.now,
  ) {
    this.state = fold(store.events(sessionId));
  }

  private batchApplied: AppliedEvents | null = null;

  /**
   * Runs `fn` as one batch: its events are committed in one transaction, and the projections hear of
   * them once, after the commit.
   */
  batch<T>(fn: () => T): T {
    if (this.batchApplied) return fn();
    const applied: AppliedEvents = { events: [], touched: new Set(), devices: new Set() };
    this.batchApplied = applied;
    try {
      return this.store.transaction(fn);
    } finally {
      this.batchApplied = null;
      if (applied.events.length > 0) this.onApplied(applied);
    }
  }

  /** Appends events and folds them in. The events are on disk when this returns (or when its batch commits). */
  append(actor: Actor, bodies: readonly EventBody[]): LoggedEvent[] {
    if (bodies.length === 0) return [];
    const prev = this.state.lastSeq > 0 ? { seq: this.state.lastSeq, hash: this.state.lastHash } : null;
    const logged = this.store.appendEvents(this.sessionId, prev, this.clock(), actor, bodies);
    const applied = this.batchApplied ?? { events: [], touched: new Set<string>(), devices: new Set<string>() };
    for (const e of logged) {
      const floorBefore = this.state.floor;
      applyEvent(this.state, e);
      applied.events.push(e);
      noteTouched(applied, e.body, floorBefore, this.state);
    }
    if (!this.batchApplied) this.onApplied(applied);
    return logged;
  }

  handlePhoneRequest(deviceId: string, request: PhoneRequest): Receipt {
    const at = this.clock();
    const key = `${deviceId}/${request.id}`;
    if (this.state.appliedRequests.has(key)) return { ok: true, at, ...this.questionOfRequest(deviceId, request) };
    if (request.kind === 'ask' && !this.questionLimiter.take(deviceId, at)) {
      return { ok: false, at, reason: REFUSALS.tooManyQuestions };
    }
    if ((request.kind === 'vote' || request.kind === 'unvote') && !this.voteLimiter.take(deviceId, at)) {
      return { ok: false, at, reason: REFUSALS.tooManyVotes };
    }
    const decision = decidePhoneRequest(this.state, deviceId, request, newId);
    if (!decision.ok) return { ok: false, at, reason: decision.reason };
    this.append(`device:${deviceId}`, decision.events);
    return decision.questionId ? { ok: true, at, questionId: decision.questionId } : { ok: true, at };
  }

  handleControl<K extends ModerationCommand>(command: K, input: ControlParsedInput<K>): { ok: true } | { ok: false; error: string } {
    const decision = decideControl(this.state, command, input);
    if (!decision.ok) return decision;
    this.append('facilitator', decision.events);
    return { ok: true };
  }

  /** After a restart a request may be in the log without a receipt: find the question it created. */
  private questionOfRequest(deviceId: string, request: PhoneRequest): { questionId?: string } {
    if (request.kind !== 'ask') return {};
    for (const q of this.state.questions.values()) {
      if (q.deviceId === deviceId && q.requestId === request.id) return { questionId: q.id };
    }
    return {};
  }

  pruneLimiters(): void {
    const now = this.clock();
    this.questionLimiter.prune(now);
    this.voteLimiter.prune(now);
  }
}

function noteTouched(applied: AppliedEvents, body: EventBody, floorBefore: string | null, state: SessionState): void {
  if ('questionId' in body && body.questionId) {
    applied.touched.add(body.questionId);
    const q = state.questions.get(body.questionId);
    if (q) applied.devices.add(q.deviceId);
  }
  if ('deviceId' in body) applied.devices.add(body.deviceId);
  if (floorBefore !== state.floor) {
    for (const id of [floorBefore, state.floor]) {
      if (!id) continue;
      applied.touched.add(id);
      const q = state.questions.get(id);
      if (q) applied.devices.add(q.deviceId);
    }
  }
}
