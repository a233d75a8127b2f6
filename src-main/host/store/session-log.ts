import type { Actor, EventBody, LoggedEvent } from '../../../src-shared/events.js';
import { moderationTouched } from '../../../src-shared/features/moderation/events.js';
import { type SessionState } from '../../../src-shared/state.js';
import { applyEvent, fold } from '../../../src-shared/fold.js';
import type { Store } from './store.js';

/** What one commit changed: its events, and the questions whose public or private view they touched. */
export interface AppliedEvents {
  events: LoggedEvent[];
  touched: Set<string>;
}

/** The store refused a write: the data folder cannot be written (full, removed, read-only, failing). */
export class StorageError extends Error {
  constructor(override readonly cause: unknown) {
    super(`The data folder cannot be written: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'StorageError';
  }
}

export type CommitResult<T> = { ok: true; value: T; applied: AppliedEvents } | { ok: false; error: StorageError };

/**
 * One session's hash-chained event log and the state folded from it. Events are appended only inside
 * `commit`, which runs in one SQLite transaction: when it commits, every event is on disk and folded in;
 * when it fails, nothing of it is on disk and the state is folded back to what is (the state never runs
 * ahead of the log).
 */
export class SessionLog {
  private folded: SessionState;
  /** The events on disk, kept to fold the state back after a failed commit without reading the disk. */
  private readonly committed: LoggedEvent[];
  private open: { applied: AppliedEvents; failure: StorageError | null } | null = null;

  constructor(
    private readonly store: Store,
    readonly sessionId: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.committed = store.events(sessionId);
    this.folded = fold(this.committed);
  }

  get state(): SessionState {
    return this.folded;
  }

  /**
   * Runs `fn` as one batch: everything it appends commits together or not at all. A storage failure
   * comes back as `{ ok: false }`, never as a throw; any other error (a bug) rolls back and is thrown.
   */
  commit<T>(fn: () => T): CommitResult<T> {
    if (this.open) throw new Error('SessionLog.commit does not nest');
    const batch = { applied: { events: [] as LoggedEvent[], touched: new Set<string>() }, failure: null as StorageError | null };
    this.open = batch;
    try {
      const value = this.store.transaction(() => {
        const v = fn();
        if (batch.failure) throw batch.failure;
        return v;
      });
      for (const e of batch.applied.events) this.committed.push(e);
      return { ok: true, value, applied: batch.applied };
    } catch (err) {
      if (batch.applied.events.length > 0) this.folded = fold(this.committed);
      if (batch.failure) return { ok: false, error: batch.failure };
      // The commit itself failed (SQLite could not write the transaction out).
      if (isSqliteError(err)) return { ok: false, error: new StorageError(err) };
      throw err;
    } finally {
      this.open = null;
    }
  }

  /** Appends events and folds them in; only inside `commit`. Throws StorageError if the store refuses. */
  append(actor: Actor, bodies: readonly EventBody[]): LoggedEvent[] {
    const batch = this.open;
    if (!batch) throw new Error('SessionLog.append outside a commit');
    if (batch.failure) throw batch.failure;
    if (bodies.length === 0) return [];
    const state = this.folded;
    const prev = state.lastSeq > 0 ? { seq: state.lastSeq, hash: state.lastHash } : null;
    let logged: LoggedEvent[];
    try {
      logged = this.store.appendEvents(this.sessionId, prev, this.clock(), actor, bodies);
    } catch (err) {
      // After a failed write SQLite may have rolled the whole transaction back: write nothing more.
      batch.failure = new StorageError(err);
      throw batch.failure;
    }
    for (const e of logged) {
      const floorBefore = state.floor;
      applyEvent(state, e);
      batch.applied.events.push(e);
      noteTouched(batch.applied.touched, e.body, floorBefore, state.floor);
    }
    return logged;
  }

  /** The question a request created, if it asked one (a replayed request gets the same answer). */
  questionOfRequest(deviceId: string, requestId: string): string | undefined {
    for (const q of this.folded.questions.values()) {
      if (q.deviceId === deviceId && q.requestId === requestId) return q.id;
    }
    return undefined;
  }
}

const isSqliteError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('SQLITE_');

function noteTouched(touched: Set<string>, body: EventBody, floorBefore: string | null, floorAfter: string | null): void {
  if ('questionId' in body && body.questionId) touched.add(body.questionId);
  for (const id of moderationTouched(body)) touched.add(id);
  if (floorBefore !== floorAfter) {
    if (floorBefore) touched.add(floorBefore);
    if (floorAfter) touched.add(floorAfter);
  }
}
