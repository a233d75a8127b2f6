'use strict';
/**
 * A hybrid-bench worker: a child process playing a slice of the remote phones (issue 20). Each is what a
 * remote phone is to the relay: `POST /api/join {code}` to the relay's address (through the bench's load
 * balancer), then ONE stock `HocuspocusProviderWebsocket` carrying its room (`relayDoc`, with `relayToken`)
 * and, if it reads the board, the `board` document (read-only) over the same socket. Requests are appended
 * to the room's `requests` as the phone app does; receipts are read from the host's part of the room.
 * A phone names its address in X-Forwarded-For (the relays run with --trust-proxy behind the proxy), so the
 * relay and the laptop see distinct clients. Driven over IPC (worker-rpc.cjs) by scripts/bench-hybrid.cjs.
 */
const Y = require('yjs');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
const { Awareness } = require('y-protocols/awareness');
const { now, sleep, schedule } = require('./stats.cjs');
const { serveCommands } = require('./worker-rpc.cjs');
const { wsClassFor, postJson } = require('./phone-net.cjs');
const { watchReceipts } = require('../room-parts.cjs');

/**
 * The provider closes a socket whose connection attempt timed out; `ws` then emits 'error' on it ("closed
 * before the connection was established"), which a browser's WebSocket never throws: without a listener
 * the whole worker died. The provider retries by itself.
 */
const quietOnError = (Base) =>
  class extends Base {
    constructor(...args) {
      super(...args);
      this.on('error', () => {});
    }
  };

const workerTag = `r${process.env.BENCH_WORKER_ID ?? process.pid}`;
let counter = 0;
let joinedHere = 0;

/** Requests sent and not yet answered, by id; answered ones by tag: { idx, sendT, recvT, ok, questionId }. */
const pending = new Map();
const answered = new Map();
const answersOf = (tag) => answered.get(tag) ?? answered.set(tag, []).get(tag);

class RemotePhone {
  constructor(idx, address, readsBoard, watchesLaptop) {
    this.idx = idx;
    this.address = address;
    this.readsBoard = readsBoard;
    this.watchesLaptop = watchesLaptop;
    /** When the laptop's presence appeared on the board, each time (watchesLaptop). */
    this.laptopBackAt = [];
    this.doc = new Y.Doc();
    this.boardDoc = null;
    this.socket = null;
    this.opens = 0;
    watchReceipts(this.doc, (id, r) => {
      const p = pending.get(id);
      if (!p) return;
      pending.delete(id);
      answersOf(p.tag).push({ idx: this.idx, sendT: p.sendT, recvT: now(), ok: r.ok, reason: r.ok ? undefined : r.reason, questionId: r.questionId });
    });
  }

  async join(httpOrigin, wsUrl, code) {
    const t0 = now();
    const headers = { 'x-forwarded-for': this.address };
    const res = await postJson(httpOrigin, '/api/join', { code }, '127.0.0.1', 60_000, headers);
    const tJoined = now();
    if (res.status !== 200 || !res.body.relayToken) throw new Error(`join refused (${res.status}): ${res.body && res.body.error}`);
    this.socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: quietOnError(wsClassFor('127.0.0.1', headers)), delay: 100, minDelay: 100, maxDelay: 1000 });
    this.socket.on('open', () => (this.opens++, (this.openedAt = now())));
    // No awareness: the relay broadcasts a phone's awareness to every connection of the document (also
    // read-only ones, also through Redis), so on `board` each phone's would reach every other phone.
    this.room = new HocuspocusProvider({ name: res.body.relayDoc, document: this.doc, token: res.body.relayToken, websocketProvider: this.socket, awareness: null });
    this.room.attach();
    if (this.readsBoard) {
      this.boardDoc = new Y.Doc();
      const presence = this.watchesLaptop ? this.watchLaptop() : null;
      this.board = new HocuspocusProvider({ name: 'board', document: this.boardDoc, token: res.body.relayToken, websocketProvider: this.socket, awareness: presence });
      // As the phone app: it reads the laptop's state and sends none of its own (relay-connection.ts).
      if (presence) presence.off('update', this.board.boundAwarenessUpdateHandler);
      this.board.attach();
    }
    const end = now() + 120_000;
    while (!this.room.isSynced || (this.board && !this.board.isSynced)) {
      if (now() > end) throw new Error('first sync timed out');
      await sleep(20);
    }
    if (++joinedHere % 1000 === 0) process.stdout.write(`[remote worker ${workerTag}] ${joinedHere} joined\n`);
    return { joinMs: tJoined - t0, totalMs: now() - t0 };
  }

  send(tag, request) {
    const id = `hyb-${tag}-${workerTag}-${(++counter).toString(36)}`;
    pending.set(id, { tag, sendT: now(), phone: this });
    this.doc.getArray('requests').push([{ ...request, id }]);
    return id;
  }

  /**
   * The board's awareness, read as the phone app reads it: the laptop is there while its state
   * (`{ laptop: true }`) is (src-shared/relay.ts). Each time it appears is noted: the moment a phone stops
   * saying "the meeting room's connection dropped".
   */
  watchLaptop() {
    const presence = new Awareness(this.boardDoc);
    presence.setLocalState(null);
    let there = false;
    presence.on('change', () => {
      const present = [...presence.getStates().values()].some((s) => s.laptop === true);
      if (present && !there) this.laptopBackAt.push(now());
      there = present;
    });
    return presence;
  }

  /** Notes when the board first shows each count of `qid` (an observer, so the time is the update's). */
  watch(qid) {
    this.watched = { qid, firstAt: new Map() };
    if (!this.watching) {
      this.watching = true;
      this.boardDoc.on('afterTransaction', () => {
        const w = this.watched;
        const v = this.votesOn(w.qid);
        if (!w.firstAt.has(v)) w.firstAt.set(v, now());
      });
    }
    this.watched.firstAt.set(this.votesOn(qid), now());
  }

  firstShown(votes) {
    const times = [...this.watched.firstAt].filter(([v]) => v >= votes).map(([, t]) => t);
    return times.length ? Math.min(...times) : null;
  }

  votesOn(qid) {
    const questions = this.boardDoc && this.boardDoc.getMap('board').get('questions');
    const q = questions instanceof Y.Map ? questions.get(qid) : undefined;
    return q ? q.votes : 0;
  }

  destroy() {
    this.board?.destroy();
    this.room?.destroy();
    this.socket?.destroy();
    this.doc.destroy();
    this.boardDoc?.destroy();
  }
}

const phones = [];
let config = null;

const pendingOf = (tag) => [...pending.values()].filter((p) => p.tag === tag).length;

const commands = {
  init(args) {
    config = args;
    for (const p of args.phones) phones.push(new RemotePhone(p.idx, p.addr, p.readsBoard, p.watchesLaptop === true));
    return { phones: phones.length };
  },

  /** Each phone joins at startAt + (idx - base) / rate; returns join and join + first sync times, and errors. */
  async join({ startAt, ratePerSec, base = 0 }) {
    const results = [];
    const errors = [];
    const running = [];
    await schedule(
      startAt,
      phones.map((p) => ((p.idx - base) / ratePerSec) * 1000),
      (i) => running.push(phones[i].join(config.httpOrigin, config.wsUrl, config.code).then((r) => results.push(r), (err) => errors.push(`remote ${phones[i].idx}: ${err.message}`))),
    );
    await Promise.all(running);
    return { results, errors };
  },

  /**
   * Phones (all, or those with idx % mod === rem) send one request each at startAt + spreadMs * (idx - base) / total
   * (base: the probe phones' first idx); `every`-th phone asks instead of voting (for `askEvery`). Returns when all are sent.
   */
  async storm({ tag, startAt, spreadMs, total, questionId, askEvery = 0, mod = 1, rem = 0, base = 0 }) {
    const list = phones.filter((p) => p.room && p.idx % mod === rem);
    let lastSendT = 0;
    await schedule(
      startAt,
      list.map((p) => (spreadMs * (p.idx - base)) / total),
      (i) => {
        const p = list[i];
        if (askEvery > 0 && p.idx % askEvery === 0) p.send(tag, { kind: 'ask', text: `Remote question ${tag} from phone ${p.idx}` });
        else p.send(tag, { kind: 'vote', questionId });
        lastSendT = now();
      },
    );
    return { sent: list.length, lastSendT };
  },

  /** Waits until every request of `tag` is answered or `timeoutMs` passes; returns the answers and how many are missing. */
  async collect({ tag, timeoutMs }) {
    const end = now() + timeoutMs;
    while (pendingOf(tag) > 0 && now() < end) await sleep(20);
    const list = answersOf(tag);
    answered.delete(tag);
    return { list, missing: pendingOf(tag) };
  },

  /**
   * What became of the requests of `tag` still unanswered: counts of their phones' states (socket, room
   * synced and authenticated, changes not yet acknowledged by the relay, the request still in the doc), and
   * the first ids with their rooms, so the bench can look them up in the host's log.
   */
  pendingState({ tag }) {
    const states = {};
    const ids = [];
    for (const [id, p] of pending) {
      if (p.tag !== tag) continue;
      const ph = p.phone;
      const inDoc = ph.doc.getArray('requests').toArray().some((r) => r && r.id === id);
      const key = `socket ${ph.socket?.status}, room ${ph.room?.isSynced ? 'synced' : 'not synced'}${ph.room?.isAuthenticated ? '' : ', not authenticated'}, ${ph.room?.unsyncedChanges ?? '?'} unacknowledged, request ${inDoc ? 'in' : 'not in'} the doc`;
      states[key] = (states[key] ?? 0) + 1;
      if (ids.length < 2000) ids.push({ id, room: ph.room?.configuration.name });
    }
    return { states, ids };
  },

  /** From now, each board-reading phone notes when it first shows each count of `questionId`. */
  watchBoard({ questionId }) {
    for (const p of phones) if (p.boardDoc) p.watch(questionId);
    return true;
  },

  /** When each board-reading phone first showed `votes` or more for the watched question (waits up to `timeoutMs`). */
  async boardSettled({ votes, timeoutMs }) {
    const readers = phones.filter((p) => p.boardDoc);
    const end = now() + timeoutMs;
    let settled = readers.map((p) => p.firstShown(votes));
    while (settled.some((t) => t === null) && now() < end) {
      await sleep(20);
      settled = readers.map((p) => p.firstShown(votes));
    }
    return { readers: readers.length, settledAt: settled.filter((t) => t !== null), missing: settled.filter((t) => t === null).length };
  },

  /**
   * With `since`: when each socket reopened after it (the probes' way back after a kill), and when each
   * phone watching the laptop first saw it there after it (null: not yet).
   */
  stats({ since }) {
    const cpu = process.cpuUsage();
    let connected = 0;
    let reopened = 0;
    for (const p of phones) {
      if (p.socket && p.socket.status === 'connected') connected++;
      reopened += Math.max(0, p.opens - 1);
    }
    const openedSince = since ? phones.filter((p) => p.openedAt > since).map((p) => p.openedAt) : undefined;
    const laptopBackSince = since ? phones.filter((p) => p.watchesLaptop).map((p) => p.laptopBackAt.find((t) => t > since) ?? null) : undefined;
    return { connected, reopened, openedSince, laptopBackSince, cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss };
  },

  async close() {
    for (const p of phones) p.destroy();
    phones.length = 0;
    await sleep(50);
    return true;
  },
};

serveCommands(commands);
process.on('disconnect', () => process.exit(0));
