'use strict';
/**
 * A hybrid-bench worker: a child process playing a slice of the remote phones (issue 20), each a
 * RemotePhone (remote-phone.cjs: a stock Hocuspocus client as a remote phone is to the relay). A phone names
 * its address in X-Forwarded-For (the relays run with --trust-proxy behind the proxy), so the relay and the
 * laptop see distinct clients. Driven over IPC (worker-rpc.cjs) by scripts/bench-hybrid.cjs.
 */
const { schedule, now, sleep } = require('./stats.cjs');
const { serveCommands } = require('./worker-rpc.cjs');
const { RemotePhone, ledger } = require('./remote-phone.cjs');

const { pending, answered, answersOf, pendingOf } = ledger;
const phones = [];
let config = null;

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
