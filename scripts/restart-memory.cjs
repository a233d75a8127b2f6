#!/usr/bin/env node
'use strict';
/**
 * `npm run -s build && node scripts/restart-memory.cjs`: host RSS after a restart on a data folder full of
 * junk rooms, against a restart on a folder with the same session and no rooms (issue 18).
 *
 * A real host (`open-floor serve`) creates and opens a session and stops. Then RESTART_ROOMS devices are
 * added to that session, each room with RESTART_ROOM_UPDATES stored updates of a hostile phone: a junk
 * request (about RESTART_UPDATE_BYTES) per Yjs client, as the fuzz sends them. They are written straight
 * into SQLite with the statements of `Store.addDevice` and `Store.appendDocUpdate` (quicker than 2000 joins
 * and 40,000 messages; a start finds its rooms in the devices table). The host restarts on the folder,
 * and its VmRSS is read when it is ready, 5 s later, and at its peak in between.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');
const Database = require('better-sqlite3');
const Y = require('yjs');
const { BenchHost, sampler } = require('./bench/host.cjs');
const { sleep, mib } = require('./bench/stats.cjs');

const num = (name, dflt) => (process.env[name] ? Number(process.env[name]) : dflt);
const ROOMS = num('RESTART_ROOMS', 2000);
const UPDATES = num('RESTART_ROOM_UPDATES', 20);
const UPDATE_BYTES = num('RESTART_UPDATE_BYTES', 1000);

/** A host on `dataDir` that `stop` leaves in place. */
async function startOn(dataDir) {
  const host = new BenchHost();
  rmSync(host.dataDir, { recursive: true, force: true });
  host.dataDir = dataDir;
  return host.start();
}

async function stopKeeping(host) {
  const child = host.child;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

/** A folder with one open session; `fill` adds the junk rooms to it. */
async function folderWithSession(fill) {
  const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-restart-'));
  const host = await startOn(dataDir);
  await host.control('createSession', { title: 'Restart memory' });
  await host.control('openSession', {});
  await stopKeeping(host);
  if (fill) addJunkRooms(dataDir);
  return dataDir;
}

/** One hostile update: a junk request appended to `requests` by a Yjs client of its own. */
function junkUpdate(i) {
  const doc = new Y.Doc();
  let out = null;
  doc.on('update', (u) => (out = u));
  doc.getArray('requests').push([{ kind: 'junk', id: `junk-${i}`, text: randomBytes(UPDATE_BYTES / 2).toString('hex') }]);
  doc.destroy();
  return out;
}

function addJunkRooms(dataDir) {
  const db = new Database(join(dataDir, 'open-floor.sqlite'));
  const { id: sessionId } = db.prepare(`SELECT id FROM sessions`).get();
  const insertDevice = db.prepare('INSERT INTO devices (session_id, device_id, room_id, joined_at) VALUES (?, ?, ?, ?)');
  const insertUpdate = db.prepare('INSERT INTO doc_updates (doc, data) VALUES (?, ?)');
  db.transaction(() => {
    for (let r = 0; r < ROOMS; r++) {
      const roomId = randomBytes(16).toString('hex');
      insertDevice.run(sessionId, `junk-device-${r}`, roomId, Date.now());
      for (let u = 0; u < UPDATES; u++) insertUpdate.run(`room-${roomId}`, Buffer.from(junkUpdate(u)));
    }
  })();
  db.close();
}

/** RSS when ready, 5 s later, and the peak in between. */
async function restartRss(dataDir) {
  const folderBytes = readdirSync(dataDir).reduce((sum, f) => sum + statSync(join(dataDir, f)).size, 0);
  const host = await startOn(dataDir);
  const atReady = host.sample().rss;
  const s = sampler(host);
  await sleep(5_000);
  s.stop();
  const after = host.sample().rss;
  const peak = Math.max(s.peak(), after, atReady);
  await stopKeeping(host);
  rmSync(dataDir, { recursive: true, force: true });
  return { atReady, after, peak, folderBytes };
}

(async () => {
  const fresh = await restartRss(await folderWithSession(false));
  const junk = await restartRss(await folderWithSession(true));
  const mb = mib;
  console.log(`rooms ${ROOMS} × ${UPDATES} updates of ~${UPDATE_BYTES} B`);
  console.log('| folder (size) | RSS when ready | RSS 5 s later | peak |');
  console.log('|---|---|---|---|');
  console.log(`| same session, no rooms (${mb(fresh.folderBytes)}) | ${mb(fresh.atReady)} | ${mb(fresh.after)} | ${mb(fresh.peak)} |`);
  console.log(`| ${ROOMS} junk rooms (${mb(junk.folderBytes)}) | ${mb(junk.atReady)} | ${mb(junk.after)} | ${mb(junk.peak)} |`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
