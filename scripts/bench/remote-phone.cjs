'use strict';
/**
 * One simulated remote phone of the hybrid bench (scripts/bench/remote-worker.cjs runs a slice of them):
 * `POST /api/join {code}` to the relay's address, then ONE stock `HocuspocusProviderWebsocket` carrying its
 * room and, if it reads the board, the `board` document; requests appended to the room's `requests` as the
 * phone app does, receipts read from the host's part of the room into `ledger`.
 */
const Y = require('yjs');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
const { Awareness } = require('y-protocols/awareness');
const { now, sleep } = require('./stats.cjs');
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
/** This process's requests: pending, answered by tag, and how many of a tag are still pending. */
const ledger = { pending, answered, answersOf, pendingOf: (tag) => [...pending.values()].filter((p) => p.tag === tag).length };

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

module.exports = { RemotePhone, ledger };
