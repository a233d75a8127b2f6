'use strict';
/**
 * A soak worker: a child process playing a slice of the phones, as the phone app does after the change
 * of the request protocol: append a request to `requests`, wait for its final receipt (anything but
 * `{ ok: false, retry: true }`, read with `receiptsOf`, so old and new room documents both work), then
 * delete that request's item from `requests` in one transaction. Sockets leave from each phone's own
 * loopback address (scripts/bench/phone-net.cjs). Driven over IPC by scripts/soak.cjs
 * (scripts/bench/worker-rpc.cjs); every loop is bounded by a count or a deadline.
 */
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { now, sleep } = require('../bench/stats.cjs');
const { serveCommands } = require('../bench/worker-rpc.cjs');
const { wsClassFor, postJson } = require('../bench/phone-net.cjs');
const { receiptsOf, isFinal, deleteRequests } = require('../room-parts.cjs');

process.setMaxListeners(0); // each y-websocket provider adds an 'exit' listener

const workerTag = `w${process.env.SOAK_WORKER_ID ?? process.pid}`;
let requestCounter = 0;
const newRequestId = () => `soak-${workerTag}-${(++requestCounter).toString(36)}`;

/** Per send window (index; -1 = the ask phase): { sent, finals, ok, refused: {reason: n}, lat: [ms] }. */
const windows = new Map();
const windowOf = (w) => {
  let s = windows.get(w);
  if (!s) windows.set(w, (s = { sent: 0, finals: 0, ok: 0, refused: {}, lat: [] }));
  return s;
};
const counters = { sent: 0, finals: 0, retryReceipts: 0, deleted: 0 };

class Phone {
  constructor(idx, localAddress) {
    this.idx = idx;
    this.localAddress = localAddress;
    this.pending = new Map();
    this.toDelete = [];
    this.okIds = [];
    this.sent = 0;
    this.closes = 0;
    this.synced = false;
  }

  async join(lanOrigin, code) {
    const t0 = now();
    const res = await postJson(lanOrigin, '/api/join', { code }, this.localAddress);
    if (!res.body || !res.body.ok) throw new Error(`join refused (${res.status}): ${res.body && res.body.error}`);
    this.roomId = res.body.roomId;
    this.deviceId = res.body.deviceId;
    this.doc = new Y.Doc();
    this.requests = this.doc.getArray('requests');
    this.doc.on('update', () => this.checkReceipts());
    this.provider = new WebsocketProvider(`${lanOrigin.replace(/^http/, 'ws')}/sync`, `room-${this.roomId}`, this.doc, {
      WebSocketPolyfill: wsClassFor(this.localAddress),
      disableBc: true,
    });
    this.provider.on('connection-close', () => {
      if (this.synced) this.closes++;
    });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('first sync timed out')), 60_000);
      this.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.synced = true;
    return now() - t0;
  }

  send(win, request) {
    const id = newRequestId();
    this.pending.set(id, { win, sendT: now(), retry: false });
    this.sent++;
    counters.sent++;
    windowOf(win).sent++;
    this.requests.push([{ ...request, id }]);
    return id;
  }

  /** After every update of the doc: the pending requests whose final receipt is in. */
  checkReceipts() {
    if (this.pending.size === 0) return;
    const receipts = receiptsOf(this.doc);
    const t = now();
    for (const [id, p] of this.pending) {
      const r = receipts.get(id);
      if (r === undefined) continue;
      if (!isFinal(r)) {
        if (!p.retry) counters.retryReceipts++;
        p.retry = true;
        continue;
      }
      this.pending.delete(id);
      counters.finals++;
      const s = windowOf(p.win);
      s.finals++;
      s.lat.push(t - p.sendT);
      if (r.ok) {
        s.ok++;
        this.okIds.push(id);
        if (r.questionId) this.questionId = r.questionId;
      } else s.refused[r.reason] = (s.refused[r.reason] ?? 0) + 1;
      this.toDelete.push(id);
    }
    // The phone app deletes the answered request in a transaction of its own, after this update.
    if (this.toDelete.length && !this.deleteQueued) {
      this.deleteQueued = true;
      setImmediate(() => this.deleteAnswered());
    }
  }

  deleteAnswered() {
    this.deleteQueued = false;
    const ids = new Set(this.toDelete);
    this.toDelete = [];
    counters.deleted += deleteRequests(this.doc, ids);
  }

  destroy() {
    if (this.provider) this.provider.destroy();
    if (this.doc) this.doc.destroy();
  }
}

const phones = new Map();
let config = null;

const pendingCount = () => [...phones.values()].reduce((s, p) => s + p.pending.size, 0);

async function drain(timeoutMs) {
  const deadline = now() + timeoutMs;
  while (now() < deadline && pendingCount() > 0) await sleep(50);
  return pendingCount();
}

/** Fires `jobs` (sorted by `at`, ms after `startAt`) at their time; returns how late they fired (ms). */
async function schedule(startAt, jobs, fire) {
  const late = [];
  for (const job of jobs) {
    const wait = startAt + job.at - now();
    if (wait > 1) await sleep(wait);
    late.push(Math.max(0, now() - (startAt + job.at)));
    fire(job);
  }
  return late;
}

const commands = {
  init(args) {
    config = args;
    for (const p of args.phones) phones.set(p.idx, new Phone(p.idx, p.addr));
    return { phones: phones.size };
  },

  /** Phone i joins at startAt + i / rate; returns join + first sync times (ms) and errors. */
  async join({ startAt, ratePerSec }) {
    const list = [...phones.values()];
    const results = [];
    const errors = [];
    const running = [];
    await schedule(startAt, list.map((p) => ({ p, at: (p.idx / ratePerSec) * 1000 })), ({ p }) => {
      running.push(p.join(config.lanOrigin, config.code).then((ms) => results.push(ms), (err) => errors.push(`phone ${p.idx}: ${err.message}`)));
    });
    await Promise.all(running);
    return { results, errors };
  },

  /** The phones in `askers` ask one question each, at startAt + at; returns { idx, questionId } of the accepted. */
  async ask({ startAt, askers, drainMs }) {
    const jobs = askers.map(({ idx, at }) => ({ p: phones.get(idx), at })).filter((j) => j.p && j.p.synced);
    await schedule(startAt, jobs, ({ p }) => p.send(-1, { kind: 'ask', text: `Soak question from phone ${p.idx}: what about item ${p.idx % 97}?` }));
    const missing = await drain(drainMs);
    return { missing, asked: jobs.map(({ p }) => ({ idx: p.idx, questionId: p.questionId ?? null })) };
  },

  /**
   * Every phone sends one request every periodMs, at offset periodMs * idx / total (the phones' requests
   * interleave evenly), on question questions[idx % n]: vote, unvote, vote, ... Send window w is
   * [w * windowMs, (w + 1) * windowMs) after startAt. Waits up to drainMs after the last send.
   */
  async run({ startAt, durationMs, periodMs, total, questions, windowMs, drainMs }) {
    const list = [...phones.values()].filter((p) => p.synced).sort((a, b) => a.idx - b.idx);
    const jobs = [];
    for (let k = 0; k * periodMs < durationMs; k++) {
      for (const p of list) {
        const at = k * periodMs + (periodMs * p.idx) / total;
        if (at < durationMs) jobs.push({ p, at, kind: k % 2 === 0 ? 'vote' : 'unvote' });
      }
    }
    const late = await schedule(startAt, jobs, ({ p, at, kind }) =>
      p.send(Math.floor(at / windowMs), { kind, questionId: questions[p.idx % questions.length] }),
    );
    const lastSendT = now();
    const lost = await drain(drainMs);
    late.sort((a, b) => a - b);
    return {
      lost,
      drainedMs: now() - lastSendT,
      sendLateMs: { p50: late[Math.floor(late.length * 0.5)] ?? NaN, p99: late[Math.floor(late.length * 0.99)] ?? NaN, max: late.at(-1) ?? NaN },
    };
  },

  progress() {
    return { ...counters, pending: pendingCount() };
  },

  /** Everything measured, per window and per phone (with the ids of the requests that got an ok receipt). */
  result() {
    const cpu = process.cpuUsage();
    return {
      windows: Object.fromEntries(windows),
      counters,
      phones: [...phones.values()].map((p) => ({
        idx: p.idx,
        roomId: p.roomId,
        deviceId: p.deviceId,
        sent: p.sent,
        okIds: p.okIds,
        lostIds: [...p.pending.keys()],
        requestsInDoc: p.requests ? p.requests.length : 0,
        closes: p.closes,
        connected: Boolean(p.provider && p.provider.wsconnected),
      })),
      cpuMs: (cpu.user + cpu.system) / 1000,
      rss: process.memoryUsage().rss,
    };
  },

  async close() {
    for (const p of phones.values()) p.destroy();
    phones.clear();
    await sleep(50);
    return true;
  },
};

serveCommands(commands);
process.on('disconnect', () => process.exit(0));
