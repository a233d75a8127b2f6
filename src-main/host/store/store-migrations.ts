import type Database from 'better-sqlite3';

/**
 * The store's schema, as numbered steps. `PRAGMA user_version` holds how many have run, so a data
 * folder written by this version opens in the next one: new steps are appended, old ones never change.
 */
export interface Migration {
  /** What the step does, for the error message if it fails. */
  name: string;
  sql: string;
  /** True when the step's change is already there (ALTER TABLE has no IF NOT EXISTS): then only the version moves. */
  done?(db: Database.Database): boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    // Version 1 is the schema data folders were created with before versioning; IF NOT EXISTS lets it
    // run over such a folder (user_version 0, tables present) without touching its data.
    name: 'sessions, hash-chained events, devices, document updates',
    sql: `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, title TEXT NOT NULL,
  join_code TEXT NOT NULL, secret TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL, seq INTEGER NOT NULL, at INTEGER NOT NULL, actor TEXT NOT NULL,
  type TEXT NOT NULL, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  device_id TEXT, request_id TEXT,
  PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS events_once ON events (session_id, device_id, request_id)
  WHERE request_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS devices (
  session_id TEXT NOT NULL, device_id TEXT NOT NULL, room_id TEXT NOT NULL UNIQUE, joined_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, device_id)
);
CREATE TABLE IF NOT EXISTS doc_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT, doc TEXT NOT NULL, data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc ON doc_updates (doc, id);
`,
  },
  {
    // Which record format wrote each session (src-shared/record/format.ts); sessions from before say 1.
    name: 'the record format of each session',
    sql: 'ALTER TABLE sessions ADD COLUMN record_format INTEGER NOT NULL DEFAULT 1;',
    done: (db) => (db.pragma('table_info(sessions)') as Array<{ name: string }>).some((c) => c.name === 'record_format'),
  },
  {
    // The host's final refusals of phone requests (issue 21): a request the phone pruned from its room and
    // sends again under the same id gets the same answer, not a second decision. Accepted requests need
    // no row: the log holds them (events_once).
    name: 'refused phone requests',
    sql: `
CREATE TABLE IF NOT EXISTS refused_requests (
  session_id TEXT NOT NULL, device_id TEXT NOT NULL, request_id TEXT NOT NULL, at INTEGER NOT NULL, reason TEXT NOT NULL,
  PRIMARY KEY (session_id, device_id, request_id)
) WITHOUT ROWID;
`,
  },
];

export const schemaVersion = (db: Database.Database): number => db.pragma('user_version', { simple: true }) as number;

/** Runs the steps a store has not had yet, each in its own transaction with its version bump. */
export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  refuseNewerStore(current, migrations);
  migrations.slice(current).forEach((step, i) => {
    const version = current + i + 1;
    db.transaction(() => {
      if (!step.done?.(db)) db.exec(step.sql);
      // PRAGMA takes no bound parameters; `version` is a number we computed.
      db.pragma(`user_version = ${version}`);
    })();
  });
}

/** A store written by a newer Open Floor is refused (read-write or read-only) with a message that says so. */
export function refuseNewerStore(current: number, migrations: readonly Migration[]): void {
  if (current > migrations.length) {
    throw new Error(
      `This data folder was written by a newer Open Floor (store version ${current}; this one knows up to ${migrations.length}). Update Open Floor to open it.`,
    );
  }
}
