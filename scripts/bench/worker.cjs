'use strict';
/**
 * A bench worker: a child process that plays a slice of the simulated phones. Each phone is what the
 * attendee app is to the host: POST /api/join, then a Y.Doc synced over the stock y-websocket client,
 * appending requests to `requests` and reading `receipts` and `board`. Every socket of a phone is bound
 * to its own loopback address (127.77.x.y), so the host sees distinct clients (joins are limited per
 * address). All traffic goes to 127.0.0.1; every loop here is bounded by a count or a deadline.
 *
 * The orchestrator (scripts/bench.cjs) drives this over the IPC channel: { id, cmd, ...args } in,
 * { id, result } or { id, error } out.
 */
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { now, sleep, schedule } = require('./stats.cjs');
const { serveCommands } = require('./worker-rpc.cjs');
const { wsClassFor, postJson } = require('./phone-net.cjs');
const { watchReceipts } = require('../room-parts.cjs');

process.setMaxListeners(0); // each y-websocket provider adds an 'exit' listener

let requestCounter = 0;
const workerTag = `w${process.env.BENCH_WORKER_ID ?? process.pid}`;
const newRequestId = () => `bench-${workerTag}-${(++requestCounter).toString(36)}`;

/** Receipts that arrived, by phase tag: { idx, kind, tag, sendT, recvT, ok, reason, questionId, at, qid }. */
const records = new Map();
const pendingByTag = new Map();
const recordFor = (tag) => {
  let list = records.get(tag);
  if (!list) records.set(tag, (list = []));
  return list;
};

class Phone {
  constructor(idx, localAddress, watcher) {
    this.idx = idx;
    this.localAddress = localAddress;
    this.watcher = watcher;
    this.doc = null;
    this.provider = null;
    this.pending = new Map();
    this.closes = 0;
    this.syncedOnce = false;
    /** Watchers: qid → [[votes, t], ...] each time the board showed a new vote count for that question. */
    this.seen = new Map();
    this.lastVotes = new Map();
  }

  async join(lanOrigin, code) {
    const t0 = now();
    const res = await postJson(lanOrigin, '/api/join', { code }, this.localAddress);
    const tJoined = now();
    if (!res.body || !res.body.ok) throw new Error(`join refused (${res.status}): ${res.body && res.body.error}`);
    this.roomId = res.body.roomId;
    this.doc = new Y.Doc();
    watchReceipts(this.doc, (key, r) => {
      const t = now();
      const p = this.pending.get(key);
      if (!p) return;
      this.pending.delete(key);
      const tagPending = pendingByTag.get(p.tag);
      if (tagPending) tagPending.delete(key);
      recordFor(p.tag).push({
        idx: this.idx,
        kind: p.kind,
        qid: p.qid,
        sendT: p.sendT,
        recvT: t,
        ok: r.ok,
        at: r.at,
        reason: r.ok ? undefined : r.reason,
        questionId: r.questionId,
      });
    });
    if (this.watcher) this.watchBoard();
    this.provider = new WebsocketProvider(`${lanOrigin.replace(/^http/, 'ws')}/sync`, `room-${this.roomId}`, this.doc, {
      WebSocketPolyfill: wsClassFor(this.localAddress),
      disableBc: true,
    });
    this.provider.on('connection-close', (event) => {
      if (!this.syncedOnce) return;
      this.closes++;
      const code = event && event.code !== undefined ? event.code : '?';
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
    });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('first sync timed out')), 60_000);
      this.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.syncedOnce = true;
    const tSynced = now();
    return { joinMs: tJoined - t0, totalMs: tSynced - t0 };
  }

  watchBoard() {
    const board = this.doc.getMap('board');
    this.doc.on('afterTransaction', (tr) => {
      const questions = board.get('questions');
      if (!(questions instanceof Y.Map)) return;
      const keys = tr.changed.get(questions);
      if (!keys) return;
      const t = now();
      for (const qid of keys) {
        const q = questions.get(qid);
        if (!q) continue;
        if (this.lastVotes.get(qid) === q.votes) continue;
        this.lastVotes.set(qid, q.votes);
        let list = this.seen.get(qid);
        if (!list) this.seen.set(qid, (list = []));
        if (list.length < 10_000) list.push([q.votes, t]);
      }
    });
  }

  votesNow(qid) {
    const questions = this.doc.getMap('board').get('questions');
    const q = questions instanceof Y.Map ? questions.get(qid) : undefined;
    return q ? q.votes : 0;
  }

  /** Appends one request; the receipt observer records its latency under `tag`. */
  send(tag, request) {
    const id = newRequestId();
    const entry = { tag, kind: request.kind, qid: request.questionId, sendT: now() };
    this.pending.set(id, entry);
    let tagPending = pendingByTag.get(tag);
    if (!tagPending) pendingByTag.set(tag, (tagPending = new Set()));
    tagPending.add(id);
    const requests = this.doc.getArray('requests');
    requests.push([{ ...request, id }]);
    return id;
  }

  destroy() {
    if (this.provider) this.provider.destroy();
    if (this.doc) this.doc.destroy();
  }
}

const phones = new Map();
let config = null;
/** WebSocket close codes seen by phones after their first sync (1008 policy/flood, 1009 too big). */
const closeCodes = {};

/** Waits until no request of `tag` lacks a receipt, or `timeoutMs` passes. Returns how many still lack one. */
async function drain(tag, timeoutMs) {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    const p = pendingByTag.get(tag);
    if (!p || p.size === 0) return 0;
    await sleep(20);
  }
  const p = pendingByTag.get(tag);
  return p ? p.size : 0;
}

function takeRecords(tag) {
  const list = records.get(tag) ?? [];
  records.delete(tag);
  const p = pendingByTag.get(tag);
  const missing = p ? p.size : 0;
  pendingByTag.delete(tag);
  return { list, missing };
}

const commands = {
  init(args) {
    config = args;
    for (const p of args.phones) phones.set(p.idx, new Phone(p.idx, p.addr, p.watcher));
    return { phones: phones.size };
  },

  /**
   * Phones join at their slot (startAt + (idx - base)/rate); returns per-phone join and join+first-sync
   * times. `base`: the first idx of this worker's phones (a probe worker's idx start after the others').
   */
  async join({ startAt, ratePerSec, base = 0 }) {
    const results = [];
    const errors = [];
    const list = [...phones.values()];
    const running = [];
    await schedule(
      startAt,
      list.map((p) => ((p.idx - base) / ratePerSec) * 1000),
      (i) => {
        const phone = list[i];
        running.push(
          phone.join(config.lanOrigin, config.code).then(
            (r) => results.push({ idx: phone.idx, ...r }),
            (err) => errors.push(`phone ${phone.idx}: ${err.message}`),
          ),
        );
      },
    );
    await Promise.all(running);
    return { results, errors };
  },

  /** Each phone asks once at startAt + spreadMs * idx / total. */
  async ask({ tag, startAt, spreadMs, total, drainMs }) {
    const list = [...phones.values()].filter((p) => p.provider);
    await schedule(
      startAt,
      list.map((p) => (spreadMs * p.idx) / total),
      (i) => list[i].send(tag, { kind: 'ask', text: `Bench question from phone ${list[i].idx}: what about item ${list[i].idx % 97}?` }),
    );
    await drain(tag, drainMs);
    return takeRecords(tag);
  },

  /**
   * Aggregate `rate` votes/s for `durationMs` over all `total` phones: vote j goes to phone j % total at
   * startAt + j / rate, on question (phone + round) % questions.length, so no phone votes twice for one
   * question and consecutive votes land on different questions. Phone j % total is idx base + j % total.
   */
  async vote({ tag, startAt, rate, durationMs, total, questions, drainMs, base = 0 }) {
    for (const p of phones.values()) if (p.watcher) p.seen.clear();
    const baseline = {};
    const watcher = [...phones.values()].find((p) => p.watcher && p.provider);
    if (watcher) for (const qid of questions) baseline[qid] = watcher.votesNow(qid);
    const count = Math.floor((rate * durationMs) / 1000);
    const jobs = [];
    for (let j = 0; j < count; j++) {
      const idx = j % total;
      const phone = phones.get(base + idx);
      if (!phone || !phone.provider) continue;
      const round = Math.floor(j / total);
      if (round >= questions.length) continue;
      jobs.push({ phone, at: (j / rate) * 1000, qid: questions[(idx + round) % questions.length] });
    }
    await schedule(
      startAt,
      jobs.map((j) => j.at),
      (i) => jobs[i].phone.send(tag, { kind: 'vote', questionId: jobs[i].qid }),
    );
    await drain(tag, drainMs);
    const out = takeRecords(tag);
    await sleep(5000); // the last board updates may reach watchers (other, busy processes) after the receipt
    const watchers = [];
    for (const p of phones.values()) {
      if (!p.watcher) continue;
      watchers.push({ idx: p.idx, seen: Object.fromEntries(p.seen) });
      p.seen.clear();
    }
    return { ...out, watchers, baseline };
  },

  /**
   * Normal phones: one request every `periodMs` (vote, unvote, vote, ... on their own question) plus one
   * ask. The flood phone, if any, appends `flood.count` votes in a tight loop at startAt + flood.atMs,
   * each in its own transaction (one WebSocket message each), cycling over `questions`.
   */
  async mixed({ tag, floodTag, startAt, durationMs, periodMs, normal, normalQuestions, questions, flood, drainMs, floodDrainMs }) {
    const jobs = [];
    normal.forEach((idx, n) => {
      const phone = phones.get(idx);
      if (!phone || !phone.provider) return;
      const qid = normalQuestions[n % normalQuestions.length];
      const offset = (periodMs * n) / normal.length;
      let k = 0;
      for (let t = offset; t < durationMs; t += periodMs, k++) {
        jobs.push({ phone, at: t, req: { kind: k % 2 === 0 ? 'vote' : 'unvote', questionId: qid } });
      }
      jobs.push({ phone, at: (durationMs * (n + 0.5)) / normal.length, req: { kind: 'ask', text: `Bench mixed-phase question ${tag} ${idx}` } });
    });
    let floodInfo = null;
    const floodPhone = flood ? phones.get(flood.idx) : null;
    if (floodPhone && floodPhone.provider) {
      jobs.push({
        phone: floodPhone,
        at: flood.atMs,
        flood: () => {
          const closesBefore = floodPhone.closes;
          const t0 = now();
          for (let i = 0; i < flood.count; i++) {
            floodPhone.send(floodTag, { kind: 'vote', questionId: questions[i % questions.length] });
          }
          floodInfo = { startT: t0, appendMs: now() - t0, closesBefore };
        },
      });
    }
    await schedule(
      startAt,
      jobs.map((j) => j.at),
      (i) => (jobs[i].flood ? jobs[i].flood() : jobs[i].phone.send(tag, jobs[i].req)),
    );
    await drain(tag, drainMs);
    const normalOut = takeRecords(tag);
    let floodOut = null;
    if (floodInfo) {
      await drain(floodTag, floodDrainMs);
      const f = takeRecords(floodTag);
      const lastRecv = f.list.reduce((m, r) => Math.max(m, r.recvT), 0);
      floodOut = {
        received: f.list.length,
        missing: f.missing,
        ok: f.list.filter((r) => r.ok).length,
        reasons: countBy(f.list.filter((r) => !r.ok).map((r) => r.reason)),
        appendMs: floodInfo.appendMs,
        allReceiptsMs: f.list.length ? lastRecv - floodInfo.startT : NaN,
        hostClosedConnection: floodPhone.closes - floodInfo.closesBefore,
        connectedAtEnd: Boolean(floodPhone.provider.wsconnected),
        latencies: f.list.map((r) => r.recvT - r.sendT),
      };
    }
    return { ...normalOut, flood: floodOut };
  },

  /**
   * Polls (issue 8): each phone sends one ballot at startAt + spreadMs * idx / total, for option
   * idx % options; then waits for every receipt (or drainMs).
   */
  async ballot({ tag, startAt, spreadMs, total, pollId, options, drainMs }) {
    const list = [...phones.values()].filter((p) => p.provider);
    await schedule(
      startAt,
      list.map((p) => (spreadMs * p.idx) / total),
      (i) => list[i].send(tag, { kind: 'ballot', pollId, choices: [list[i].idx % options] }),
    );
    await drain(tag, drainMs);
    return takeRecords(tag);
  },

  stats() {
    let connected = 0;
    let closes = 0;
    for (const p of phones.values()) {
      if (p.provider && p.provider.wsconnected) connected++;
      closes += p.closes;
    }
    const cpu = process.cpuUsage();
    return { connected, closes, closeCodes, cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss };
  },

  async close() {
    for (const p of phones.values()) p.destroy();
    phones.clear();
    await sleep(50);
    return true;
  },
};

function countBy(list) {
  const out = {};
  for (const x of list) out[x] = (out[x] ?? 0) + 1;
  return out;
}

serveCommands(commands);
process.on('disconnect', () => process.exit(0));
