'use strict';
/**
 * QR-rush worker: a child process playing a slice of the phones that scan the QR code at once. Each phone
 * does what the phone app does on its first visit, over its own loopback address (127.78.x.y) and its own
 * keep-alive connections (at most 6, as a browser):
 *   GET /j/<code>  →  the entry assets named by the page, in parallel  →  POST /api/join  →
 *   the live room's chunk  →  y-websocket to /sync/room-<id> until its first sync.
 * Requests say `Accept-Encoding: gzip, deflate, br` like Chrome; bodies are counted, not decompressed.
 * The WebRTC chunk is not fetched: the app loads it only when the WebSocket fails. All traffic goes to
 * 127.0.0.1 and every loop is bounded by the phone list.
 *
 * Driven by scripts/bench-phone.cjs over IPC: { id, cmd, ...args } in, { id, result } or { id, error } out.
 */
const http = require('node:http');
const WebSocket = require('ws');
const Y = require('yjs');
const { watchReceipts } = require('../room-parts.cjs');
const { WebsocketProvider } = require('y-websocket');
const { now, sleep } = require('./stats.cjs');
const { serveCommands } = require('./worker-rpc.cjs');

process.setMaxListeners(0);

const TIMEOUT_MS = 60_000;

function wsClassFor(localAddress) {
  return class BoundWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { localAddress, perMessageDeflate: false });
    }
  };
}

/** One HTTP exchange; resolves { status, bytes, encoding } with the body counted (headers not included). */
function exchange(agent, localAddress, origin, method, path, body) {
  const url = new URL(path, origin);
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        agent,
        localAddress,
        timeout: TIMEOUT_MS,
        headers: {
          'accept-encoding': 'gzip, deflate, br',
          ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
        },
      },
      (res) => {
        let bytes = 0;
        const chunks = [];
        res.on('data', (c) => {
          bytes += c.length;
          if (data) chunks.push(c);
        });
        res.on('end', () => {
          let json = null;
          if (data) {
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              /* not JSON */
            }
          }
          resolve({ status: res.statusCode, bytes, encoding: res.headers['content-encoding'] || 'identity', json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(data ?? undefined);
  });
}

class RushPhone {
  constructor(idx, localAddress) {
    this.idx = idx;
    this.localAddress = localAddress;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    this.doc = null;
    this.provider = null;
  }

  async visit({ origin, code, entryAssets, lazyAssets }) {
    const t0 = now();
    let bytes = 0;
    const encodings = new Set();
    const get = async (path) => {
      const r = await exchange(this.agent, this.localAddress, origin, 'GET', path);
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
      bytes += r.bytes;
      encodings.add(r.encoding);
    };
    await get(`/j/${code}`);
    const tPage = now();
    await Promise.all(entryAssets.map(get));
    const tEntry = now();
    const joined = await exchange(this.agent, this.localAddress, origin, 'POST', '/api/join', { code });
    bytes += joined.bytes;
    if (joined.status !== 200 || !joined.json || !joined.json.ok) {
      throw new Error(`join refused (${joined.status}): ${joined.json && joined.json.error}`);
    }
    const tJoined = now();
    await Promise.all(lazyAssets.map(get));
    this.doc = new Y.Doc();
    this.watchReceipts();
    this.provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/sync`, `room-${joined.json.roomId}`, this.doc, {
      WebSocketPolyfill: wsClassFor(this.localAddress),
      disableBc: true,
    });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('first sync timed out')), TIMEOUT_MS);
      this.provider.once('sync', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const tSynced = now();
    this.agent.destroy(); // the page's HTTP connections close; the WebSocket stays
    return {
      idx: this.idx,
      startT: t0,
      pageMs: tPage - t0,
      formMs: tJoined - t0,
      syncMs: tSynced - t0,
      entryMs: tEntry - t0,
      bytes,
      encodings: [...encodings],
    };
  }

  watchReceipts() {
    this.pending = new Map();
    watchReceipts(this.doc, (key, r) => {
      const p = this.pending.get(key);
      if (!p) return;
      this.pending.delete(key);
      p({ t: now(), receipt: r });
    });
  }

  /** Appends a request; resolves with { sendT, recvT, receipt } when its receipt arrives (or null after timeoutMs). */
  request(body, timeoutMs) {
    const id = `rush-${this.idx}-${Math.random().toString(36).slice(2, 10)}`;
    const sendT = now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ sendT, recvT: NaN, receipt: null });
      }, timeoutMs);
      this.pending.set(id, ({ t, receipt }) => {
        clearTimeout(timer);
        resolve({ sendT, recvT: t, receipt });
      });
      this.doc.getArray('requests').push([{ ...body, id }]);
    });
  }

  destroy() {
    this.agent.destroy();
    if (this.provider) this.provider.destroy();
    if (this.doc) this.doc.destroy();
  }
}

/** Time this process has spent runnable but waiting for a CPU (/proc/self/schedstat, field 2, ns). */
function runqueueWaitMs() {
  try {
    return Number(require('node:fs').readFileSync('/proc/self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return NaN;
  }
}

const phones = [];

const commands = {
  /** phones: [{ idx, addr, atMs }]; each starts its visit at startAt + atMs. */
  async rush({ startAt, origin, code, entryAssets, lazyAssets, list }) {
    const results = [];
    const errors = [];
    const running = [];
    const order = [...list].sort((a, b) => a.atMs - b.atMs);
    for (const p of order) {
      const wait = startAt + p.atMs - now();
      if (wait > 1) await sleep(wait);
      const phone = new RushPhone(p.idx, p.addr);
      phones.push(phone);
      running.push(
        phone.visit({ origin, code, entryAssets, lazyAssets }).then(
          (r) => results.push(r),
          (err) => errors.push(`phone ${p.idx}: ${err.message}`),
        ),
      );
    }
    await Promise.all(running);
    return { results, errors };
  },

  /** Phone `idx` (if it is ours) asks `text`; returns its receipt. */
  async ask({ idx, text }) {
    const phone = phones.find((p) => p.idx === idx && p.provider);
    if (!phone) return null;
    return phone.request({ kind: 'ask', text }, 30_000);
  },

  /** Vote storm: every phone of ours votes for `questionId` at startAt + spreadMs·idx/n. */
  async vote({ questionId, startAt, spreadMs, n, timeoutMs }) {
    const mine = phones.filter((p) => p.provider).sort((a, b) => a.idx - b.idx);
    const running = [];
    for (const p of mine) {
      const wait = startAt + (spreadMs * p.idx) / n - now();
      if (wait > 1) await sleep(wait);
      running.push(p.request({ kind: 'vote', questionId }, timeoutMs));
    }
    const out = await Promise.all(running);
    return out.map((r) => ({ sendT: r.sendT, recvT: r.recvT, ok: r.receipt ? r.receipt.ok === true : null, reason: r.receipt && !r.receipt.ok ? r.receipt.reason : undefined }));
  },

  stats() {
    let connected = 0;
    for (const p of phones) if (p.provider && p.provider.wsconnected) connected++;
    const cpu = process.cpuUsage();
    return { connected, cpuMs: (cpu.user + cpu.system) / 1000, runqueueWaitMs: runqueueWaitMs() };
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
