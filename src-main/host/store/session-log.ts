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
  /** A failed commit could not be folded back (the disk could not be read either): fold before the next. */
  private stale = false;
  private open: { applied: AppliedEvents; failure: StorageError | null } | null = null;

  constructor(
    private readonly store: Store,
    readonly sessionId: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.folded = fold(store.events(sessionId));
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
    if (this.stale && !this.foldBack()) return { ok: false, error: new StorageError(new Error('the session log cannot be read back')) };
    const batch = { applied: { events: [] as LoggedEvent[], touched: new Set<string>() }, failure: null as StorageError | null };
    this.open = batch;
    try {
      const value = this.store.transaction(() => {
        const v = fn();
        if (batch.failure) throw batch.failure;
        return v;
      });
      return { ok: true, value, applied: batch.applied };
    } catch (err) {
      // Folded back from what is on disk. The log's events are not kept in memory (issue 21: a meeting's
      // whole history was, about 1 KB per event); reading them again happens only after a failed commit.
      if (batch.applied.events.length > 0) this.foldBack();
      if (batch.failure) return { ok: false, error: batch.failure };
      // The commit itself failed (SQLite could not write the transaction out).
      if (isSqliteError(err)) return { ok: false, error: new StorageError(err) };
      throw err;
    } finally {
      this.open = null;
    }
  }

  /** Folds the state again from the disk: a transaction around this log's commit was rolled back. */
  reload(): void {
    this.foldBack();
  }

  /** Folds the state again from the disk; false (and the next commit tries again) when it cannot be read. */
  private foldBack(): boolean {
    try {
      this.folded = fold(this.store.events(this.sessionId));
      this.stale = false;
    } catch {
      this.stale = true;
    }
    return !this.stale;
  }

  /** Appends events and folds them in; only inside `commit`. Throws StorageError if the store refuses. */
  append(actor: Actor, bodies: readonly EventBody[]): LoggedEvent[] {
    const batch = this.openBatch('append');
    if (bodies.length === 0) return [];
    const state = this.folded;
    const prev = state.lastSeq > 0 ? { seq: state.lastSeq, hash: state.lastHash } : null;
    const logged = this.write(batch, () => this.store.appendEvents(this.sessionId, prev, this.clock(), actor, bodies));
    for (const e of logged) {
      const floorBefore = state.floor;
      applyEvent(state, e);
      batch.applied.events.push(e);
      noteTouched(batch.applied.touched, e.body, floorBefore, state.floor);
    }
    return logged;
  }

  /**
   * How the host answered a phone request before, from the disk: accepted (the log holds its event; with
   * the question it asked, if any) or refused (`refuse` wrote it down), or undefined when it is new. A
   * request sent again (a crash between the commit and the receipt, or a phone that pruned it and replays
   * a stale copy) gets this answer, never a second decision.
   */
  earlierAnswer(deviceId: string, requestId: string): { ok: true; questionId?: string } | { ok: false; reason: string } | undefined {
    const body = this.store.requestEventBody(this.sessionId, deviceId, requestId);
    if (body !== undefined) {
      const event = JSON.parse(body) as { type?: string; questionId?: unknown };
      return event.type === 'question.asked' && typeof event.questionId === 'string' ? { ok: true, questionId: event.questionId } : { ok: true };
    }
    const refused = this.store.refusal(this.sessionId, deviceId, requestId);
    return refused ? { ok: false, reason: refused.reason } : undefined;
  }

  /** Writes down a final refusal of a phone request; only inside `commit` (it commits with the batch). */
  refuse(deviceId: string, requestId: string, at: number, reason: string): void {
    this.write(this.openBatch('refuse'), () => this.store.addRefusal(this.sessionId, deviceId, requestId, at, reason));
  }

  /** The commit being run; writing outside one, or after a write of it failed, throws. */
  private openBatch(what: string): NonNullable<SessionLog['open']> {
    const batch = this.open;
    if (!batch) throw new Error(`SessionLog.${what} outside a commit`);
    if (batch.failure) throw batch.failure;
    return batch;
  }

  /** One write of the batch; a failure fails the whole batch (SQLite may have rolled it back: nothing more is written). */
  private write<T>(batch: NonNullable<SessionLog['open']>, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      batch.failure = new StorageError(err);
      throw batch.failure;
    }
  }
}

export const isSqliteError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('SQLITE_');

function noteTouched(touched: Set<string>, body: EventBody, floorBefore: string | null, floorAfter: string | null): void {
  if ('questionId' in body && body.questionId) touched.add(body.questionId);
  for (const id of moderationTouched(body)) touched.add(id);
  if (floorBefore !== floorAfter) {
    if (floorBefore) touched.add(floorBefore);
    if (floorAfter) touched.add(floorAfter);
  }
}
