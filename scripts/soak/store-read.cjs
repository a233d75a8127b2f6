'use strict';
/**
 * Reads the host's store after the host stopped, with the library the host uses (better-sqlite3), read
 * only: the event log (requests applied twice; every ok receipt in the log exactly once) and the stored
 * Yjs updates of phone rooms (table doc_updates, doc `room-<roomId>`; see src-main/host/store/store.ts).
 */
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const Database = require('better-sqlite3');
const Y = require('yjs');
const { receiptsOf } = require('../room-parts.cjs');

const STORE_FILE = 'open-floor.sqlite';

/** Bytes of every file under `dir` (apparent sizes, like `du -sb`). */
function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}

function openStore(dataDir) {
  return new Database(join(dataDir, STORE_FILE), { readonly: true, fileMustExist: true });
}

/**
 * `phones` = [{ deviceId, okIds, lostIds }]. doubled: (device, request) pairs with more than one event;
 * okInLog: ok receipts whose request has exactly one event, okNotInLog: none (a vote that changed
 * nothing writes none), okMoreThanOnce; lostButApplied: requests without a final receipt that are in the log.
 */
function checkLog(db, phones) {
  const events = db.prepare('SELECT COUNT(*) AS n FROM events').get().n;
  const withRequest = db.prepare('SELECT COUNT(*) AS n FROM events WHERE request_id IS NOT NULL').get().n;
  const doubled = db
    .prepare('SELECT device_id AS deviceId, request_id AS requestId, COUNT(*) AS n FROM events WHERE request_id IS NOT NULL GROUP BY session_id, device_id, request_id HAVING n > 1')
    .all();
  // (device, request) → events, read once (the unique index leads with session_id).
  const counts = new Map();
  for (const r of db.prepare('SELECT device_id AS d, request_id AS q FROM events WHERE request_id IS NOT NULL').iterate()) {
    const key = `${r.d}/${r.q}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const countOf = (deviceId, id) => counts.get(`${deviceId}/${id}`) ?? 0;
  const out = { events, withRequest, doubled: doubled.length, doubledSample: doubled.slice(0, 5), okChecked: 0, okInLog: 0, okNotInLog: 0, okMoreThanOnce: 0, lostButApplied: 0 };
  const byType = db.prepare('SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC').all();
  out.byType = Object.fromEntries(byType.map((r) => [r.type, r.n]));
  for (const p of phones) {
    for (const id of p.okIds) {
      const n = countOf(p.deviceId, id);
      out.okChecked++;
      if (n === 1) out.okInLog++;
      else if (n === 0) out.okNotInLog++;
      else out.okMoreThanOnce++;
    }
    for (const id of p.lostIds) if (countOf(p.deviceId, id) > 0) out.lostButApplied++;
  }
  return out;
}

/** A stored doc: its rows, their bytes, and the size of the doc they make (Y.encodeStateAsUpdate). */
function storedDoc(db, name) {
  const rows = db.prepare('SELECT data FROM doc_updates WHERE doc = ? ORDER BY id').all(name);
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, new Uint8Array(r.data));
  const state = {
    rows: rows.length,
    storedBytes: rows.reduce((s, r) => s + r.data.length, 0),
    encodedBytes: Y.encodeStateAsUpdate(doc).length,
    requests: doc.getArray('requests').length,
    receipts: receiptsOf(doc).size,
  };
  doc.destroy();
  return state;
}

/** Row count and bytes of all stored doc updates, by kind of doc (rooms, board, desk). */
function docTotals(db) {
  const rows = db.prepare("SELECT CASE WHEN doc LIKE 'room-%' THEN 'rooms' ELSE doc END AS kind, COUNT(*) AS rows, SUM(LENGTH(data)) AS bytes FROM doc_updates GROUP BY kind").all();
  return Object.fromEntries(rows.map((r) => [r.kind, { rows: r.rows, bytes: r.bytes }]));
}

module.exports = { folderBytes, openStore, checkLog, storedDoc, docTotals };
