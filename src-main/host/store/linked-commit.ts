import type { Actor, EventBody } from '../../../src-shared/events.js';
import { isSqliteError, StorageError, type AppliedEvents, type SessionLog } from './session-log.js';
import type { Store } from './store.js';

/** Events for one session's log, as part of a write to several. */
export interface LinkedPart {
  log: SessionLog;
  actor: Actor;
  events: readonly EventBody[];
}

/**
 * Appends to several sessions' logs in one SQLite transaction: all of it is on disk, or none (a question
 * carried from one meeting to another is recorded in both logs, never in one only). Each log's commit is a
 * savepoint inside it; when a later one fails, the earlier logs fold back from the disk.
 */
export function commitLinked(store: Store, parts: readonly LinkedPart[]): { ok: true; applied: AppliedEvents[] } | { ok: false; error: StorageError } {
  try {
    const applied = store.transaction(() =>
      parts.map((p) => {
        const r = p.log.commit(() => p.log.append(p.actor, p.events));
        if (!r.ok) throw r.error;
        return r.applied;
      }),
    );
    return { ok: true, applied };
  } catch (err) {
    parts.forEach((p) => p.log.reload());
    if (err instanceof StorageError) return { ok: false, error: err };
    if (isSqliteError(err)) return { ok: false, error: new StorageError(err) };
    throw err;
  }
}
