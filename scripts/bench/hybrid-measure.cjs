'use strict';
/**
 * What the hybrid bench (scripts/bench-hybrid.cjs) measures with: its log line, CPU and memory of each
 * process over a window, receipt latencies, the projector (the host's `board` doc, timed as it changes) and
 * the host's log read beside the running host.
 */
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const WebSocket = require('ws');
const { procSample } = require('./host.cjs');
const { now, sleep, summary, ms, mib } = require('./stats.cjs');

const log = (line) => process.stdout.write(`[bench-hybrid ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU ms and RSS of every process of the meeting, to report a window's use. */
function usage(procs) {
  const out = {};
  for (const [name, pid] of Object.entries(procs)) {
    try {
      out[name] = procSample(pid);
    } catch {
      out[name] = null;
    }
  }
  return out;
}
function usageDelta(before, after, wallMs) {
  const out = {};
  for (const name of Object.keys(after)) {
    const a = before[name];
    const b = after[name];
    out[name] = b ? { cpuShare: a ? (b.cpuMs - a.cpuMs) / wallMs : NaN, rss: b.rss, hwm: b.hwm } : null;
  }
  return out;
}
const fmtUsage = (u) =>
  Object.entries(u)
    .map(([k, v]) => (v ? `${k} ${(v.cpuShare * 100).toFixed(0)} % CPU, ${mib(v.rss)}` : `${k} gone`))
    .join('; ');

/** The projector: the host's `board` doc over the loopback listener, as the projector window reads it. */
function projector(host) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${host.loopbackOrigin.replace(/^http/, 'ws')}/sync`, 'board', doc, {
    WebSocketPolyfill: WebSocket,
    disableBc: true,
    params: { t: host.token },
  });
  const votesOn = (qid) => {
    const questions = doc.getMap('board').get('questions');
    const q = questions instanceof Y.Map ? questions.get(qid) : undefined;
    return q ? q.votes : 0;
  };
  /** For the watched question: when each count was first shown. */
  let watched = null;
  doc.on('afterTransaction', () => {
    if (!watched) return;
    const v = votesOn(watched.qid);
    if (!watched.firstAt.has(v)) watched.firstAt.set(v, now());
  });
  const watch = (qid) => (watched = { qid, firstAt: new Map([[votesOn(qid), now()]]) });
  /** When the watched count was first `votes` or more; waits up to `timeoutMs` for it (NaN if never). */
  const reached = async (votes, timeoutMs) => {
    const end = now() + timeoutMs;
    for (;;) {
      const times = [...watched.firstAt].filter(([v]) => v >= votes).map(([, t]) => t);
      if (times.length) return Math.min(...times);
      if (now() > end) return NaN;
      await sleep(20);
    }
  };
  return { votesOn, watch, reached, destroy: () => (provider.destroy(), doc.destroy()) };
}

/** Runs `read` on the host's log, opened read-only beside the running host, and closes it. */
function readHostLog(dataDir, read) {
  const Database = require('better-sqlite3');
  const db = new Database(join(dataDir, 'open-floor.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** The host's log: how often each request id with this prefix (and not `notPrefix`) is in it. */
function loggedOnce(dataDir, prefix, notPrefix = '') {
  return readHostLog(dataDir, (db) => {
    const rows = db
      .prepare('SELECT request_id AS id, COUNT(*) AS n, MIN(at) AS at FROM events WHERE request_id LIKE ? AND request_id NOT LIKE ? GROUP BY request_id')
      .all(`${prefix}%`, notPrefix ? `${notPrefix}%` : '');
    // When the host logged them (wall clock): after a cut, whether the time goes in reaching the laptop or in coming back.
    return { distinct: rows.length, doubled: rows.filter((r) => r.n > 1).length, at: rows.map((r) => r.at) };
  });
}

/** Which of these request ids are in the host's log. */
function inLog(dataDir, ids) {
  return readHostLog(dataDir, (db) => {
    const query = db.prepare('SELECT 1 FROM events WHERE request_id = ? LIMIT 1');
    return new Set(ids.filter((id) => query.get(id) !== undefined));
  });
}

/**
 * Requests of `tag` never answered: the states of their phones (the remote workers' `pendingState`), how
 * many reached the host's log (then the answer was lost on its way back) and the relays' refusals. Logged.
 */
async function explainUnanswered(m, tag) {
  const parts = await m.allRemote('pendingState', { tag });
  const states = {};
  for (const p of parts) for (const [k, n] of Object.entries(p.states)) states[k] = (states[k] ?? 0) + n;
  const ids = parts.flatMap((p) => p.ids);
  const logged = inLog(m.host.dataDir, ids.map((i) => i.id));
  const rooms = new Set(ids.filter((i) => !logged.has(i.id)).map((i) => i.room));
  const refusals = m.relays.map((r, i) => {
    const stderr = r.stderr();
    return `relay ${'AB'[i]}: ${(stderr.match(/refused/g) ?? []).length} refusals in its last ${stderr.length} characters of stderr`;
  });
  const line = `${tag}: ${ids.length} unanswered: ${Object.entries(states).map(([k, n]) => `${n} × ${k}`).join('; ')}; ${logged.size} of them in the host's log (answer lost on the way back), ${ids.length - logged.size} not (in ${rooms.size} rooms, e.g. ${[...rooms].slice(0, 3).join(', ')}); ${refusals.join('; ')}`;
  log(line);
  return { states, inLog: logged.size, notInLog: ids.length - logged.size };
}

const lat = (list, from = (r) => r.sendT) => summary(list.map((r) => r.recvT - from(r)));
const fmtLat = (s) => `p50 ${ms(s.p50)} p95 ${ms(s.p95)} p99 ${ms(s.p99)} max ${ms(s.max)} ms (n ${s.n})`;

module.exports = { log, loadavg, usage, usageDelta, fmtUsage, projector, loggedOnce, explainUnanswered, lat, fmtLat };
