import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, EventBody, LoggedEvent } from '../../../src-shared/events.js';
import { chainEvent } from '../../../src-shared/hash-chain.js';
import { RECORD_FORMAT } from '../../../src-shared/record/format.js';
import { upgradeEvent } from '../../../src-shared/record/upgrade-event.js';
import { migrate, MIGRATIONS, refuseNewerStore, schemaVersion, type Migration } from './store-migrations.js';

/**
 * SQLite is the truth: the hash-chained event log per session, the session index, the devices issued,
 * and the Yjs updates of the host's documents (so their CRDT history survives a restart).
 */

export interface SessionRow {
  id: string;
  createdAt: number;
  title: string;
  joinCode: string;
  secret: string;
}

export interface DeviceRow {
  sessionId: string;
  deviceId: string;
  roomId: string;
}

export const STORE_FILE = 'open-floor.sqlite';


export class Store {
  readonly db: Database.Database;
  private readonly stmt;

  /**
   * `readOnly` opens an existing store without creating or changing anything (exports and listings
   * from the CLI while a host may be running: WAL lets them read a consistent snapshot beside it).
   */
  constructor(dataDir: string, opts: { readOnly?: boolean; migrations?: readonly Migration[] } = {}) {
    const file = join(dataDir, STORE_FILE);
    if (opts.readOnly) {
      if (!existsSync(file)) throw new Error(`No Open Floor data in ${dataDir} (there is no ${STORE_FILE}).`);
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      refuseNewerStore(schemaVersion(this.db), opts.migrations ?? MIGRATIONS);
    } else {
      mkdirSync(dataDir, { recursive: true });
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      // FULL: an accepted request's event is on disk before its receipt goes out (docs/DESIGN.md, principle 3).
      this.db.pragma('synchronous = FULL');
      migrate(this.db, opts.migrations ?? MIGRATIONS);
    }
    const db = this.db;
    // A read-only store is not migrated: a folder from before the format column reads as format 1.
    const hasRefusals = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refused_requests'").get() !== undefined;
    const hasFormat = (db.pragma('table_info(sessions)') as Array<{ name: string }>).some((c) => c.name === 'record_format');
    this.stmt = {
      insertSession: db.prepare(
        hasFormat
          ? `INSERT INTO sessions (id, created_at, title, join_code, secret, record_format) VALUES (@id, @createdAt, @title, @joinCode, @secret, ${RECORD_FORMAT})`
          : 'INSERT INTO sessions (id, created_at, title, join_code, secret) VALUES (@id, @createdAt, @title, @joinCode, @secret)',
      ),
      recordFormat: db.prepare(hasFormat ? 'SELECT record_format AS format FROM sessions WHERE id = ?' : 'SELECT 1 AS format FROM sessions WHERE id = ?'),
      sessions: db.prepare('SELECT id, created_at AS createdAt, title, join_code AS joinCode, secret FROM sessions ORDER BY created_at'),
      session: db.prepare('SELECT id, created_at AS createdAt, title, join_code AS joinCode, secret FROM sessions WHERE id = ?'),
      insertEvent: db.prepare(
        `INSERT INTO events (session_id, seq, at, actor, type, body, prev_hash, hash, device_id, request_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      events: db.prepare('SELECT seq, at, actor, body, prev_hash AS prevHash, hash FROM events WHERE session_id = ? ORDER BY seq'),
      insertDevice: db.prepare(
        'INSERT INTO devices (session_id, device_id, room_id, joined_at) VALUES (?, ?, ?, ?)',
      ),
      devices: db.prepare('SELECT session_id AS sessionId, device_id AS deviceId, room_id AS roomId FROM devices WHERE session_id = ?'),
      lastStateEvent: db.prepare(
        "SELECT type FROM events WHERE session_id = ? AND type IN ('session.opened', 'session.closed') ORDER BY seq DESC LIMIT 1",
      ),
      insertUpdate: db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)'),
      updates: db.prepare('SELECT id, data FROM doc_updates WHERE doc = ? ORDER BY id'),
      deleteUpdatesUpTo: db.prepare('DELETE FROM doc_updates WHERE doc = ? AND id <= ?'),
      lastUpdateId: db.prepare('SELECT MAX(id) AS id FROM doc_updates WHERE doc = ?'),
      lastSeq: db.prepare('SELECT MAX(seq) AS seq FROM events WHERE session_id = ?'),
      followUpLinks: db.prepare(
        "SELECT session_id AS sessionId, body FROM events WHERE type IN ('followup.written', 'followup.carried') ORDER BY session_id, seq",
      ),
      requestEvent: db.prepare('SELECT body FROM events WHERE session_id = ? AND device_id = ? AND request_id = ? LIMIT 1'),
      // A read-only store from before the table (an export of an old folder) has no refusals to look up.
      refusal: hasRefusals
        ? db.prepare('SELECT at, reason FROM refused_requests WHERE session_id = ? AND device_id = ? AND request_id = ?')
        : null,
      insertRefusal: hasRefusals
        ? db.prepare('INSERT OR IGNORE INTO refused_requests (session_id, device_id, request_id, at, reason) VALUES (?, ?, ?, ?, ?)')
        : null,
    };
  }

  createSession(row: SessionRow): void {
    this.stmt.insertSession.run(row);
  }

  sessions(): SessionRow[] {
    return this.stmt.sessions.all() as SessionRow[];
  }

  session(id: string): SessionRow | undefined {
    return this.stmt.session.get(id) as SessionRow | undefined;
  }

  /**
   * Appends events after `prev` in one transaction and returns them chained. Throws if a
   * (device, request) pair is already in the log, which the caller treats as "already applied".
   */
  appendEvents(
    sessionId: string,
    prev: Pick<LoggedEvent, 'seq' | 'hash'> | null,
    at: number,
    actor: Actor,
    bodies: readonly EventBody[],
  ): LoggedEvent[] {
    const logged: LoggedEvent[] = [];
    this.db.transaction(() => {
      let last = prev;
      for (const body of bodies) {
        const e = chainEvent(last, at, actor, body);
        const req = 'requestId' in body ? body : null;
        this.stmt.insertEvent.run(
          sessionId, e.seq, e.at, e.actor, body.type, JSON.stringify(body), e.prevHash, e.hash,
          req?.deviceId ?? null, req?.requestId ?? null,
        );
        logged.push(e);
        last = e;
      }
    })();
    return logged;
  }

  /**
   * A session's log in today's shape: each stored row passes through `upgradeEvent` (its envelope checked,
   * upgraded from the format that wrote the session). Throws RecordFormatError for a newer format.
   */
  events(sessionId: string): LoggedEvent[] {
    const format = this.recordFormat(sessionId);
    const rows = this.stmt.events.all(sessionId) as Array<Omit<LoggedEvent, 'body'> & { body: string }>;
    return rows.map((r) => upgradeEvent({ ...r, body: JSON.parse(r.body) as unknown }, format));
  }

  /** The record format that wrote a session (1 for sessions from before formats were recorded). */
  recordFormat(sessionId: string): number {
    return (this.stmt.recordFormat.get(sessionId) as { format: number } | undefined)?.format ?? RECORD_FORMAT;
  }

  /** A session's status without folding its log (for lists of past sessions). */
  sessionStatus(sessionId: string): 'draft' | 'open' | 'closed' {
    const row = this.stmt.lastStateEvent.get(sessionId) as { type: string } | undefined;
    return row?.type === 'session.closed' ? 'closed' : row?.type === 'session.opened' ? 'open' : 'draft';
  }

  addDevice(sessionId: string, deviceId: string, roomId: string, at: number): void {
    this.stmt.insertDevice.run(sessionId, deviceId, roomId, at);
  }

  devices(sessionId: string): DeviceRow[] {
    return this.stmt.devices.all(sessionId) as DeviceRow[];
  }

  appendDocUpdate(doc: string, update: Uint8Array): void {
    this.stmt.insertUpdate.run(doc, Buffer.from(update));
  }

  docUpdates(doc: string): { lastId: number; updates: Uint8Array[] } {
    const rows = this.stmt.updates.all(doc) as Array<{ id: number; data: Buffer }>;
    return { lastId: rows.at(-1)?.id ?? 0, updates: rows.map((r) => new Uint8Array(r.data)) };
  }

  /** The seq of a session's newest event (0 when none): whether something changed since it was last read. */
  lastSeq(sessionId: string): number {
    return (this.stmt.lastSeq.get(sessionId) as { seq: number | null }).seq ?? 0;
  }

  /** Every session's written follow-ups and carried links, in log order (issue 19: what is still to carry). */
  followUpLinks(): Array<{ sessionId: string; body: EventBody }> {
    return (this.stmt.followUpLinks.all() as Array<{ sessionId: string; body: string }>).map((r) => ({ sessionId: r.sessionId, body: JSON.parse(r.body) as EventBody }));
  }

  /** The body (JSON) of the event a phone request produced, if the log has one. */
  requestEventBody(sessionId: string, deviceId: string, requestId: string): string | undefined {
    return (this.stmt.requestEvent.get(sessionId, deviceId, requestId) as { body: string } | undefined)?.body;
  }

  /** The host's final refusal of a phone request, if it refused it. */
  refusal(sessionId: string, deviceId: string, requestId: string): { at: number; reason: string } | undefined {
    return this.stmt.refusal?.get(sessionId, deviceId, requestId) as { at: number; reason: string } | undefined;
  }

  addRefusal(sessionId: string, deviceId: string, requestId: string, at: number, reason: string): void {
    if (!this.stmt.insertRefusal) throw new Error('This data folder is open read-only.');
    this.stmt.insertRefusal.run(sessionId, deviceId, requestId, at, reason);
  }

  /** The id of the newest stored update of `doc` (0 if none). */
  lastDocUpdateId(doc: string): number {
    return (this.stmt.lastUpdateId.get(doc) as { id: number | null }).id ?? 0;
  }

  /** Replaces all updates of `doc` up to `lastId` with one update (the document's state now). */
  compactDoc(doc: string, lastId: number, merged: Uint8Array): void {
    this.db.transaction(() => {
      this.stmt.deleteUpdatesUpTo.run(doc, lastId);
      this.stmt.insertUpdate.run(doc, Buffer.from(merged));
    })();
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }
}
