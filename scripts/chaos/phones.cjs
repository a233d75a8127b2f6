'use strict';
/**
 * A slice of the simulated phones of `npm run chaos`, in a child process. Each phone joins from its own
 * loopback address, syncs its room over the stock y-websocket client (which reconnects by itself when the
 * host comes back), and asks or votes one request at a time: the next only after the previous one's
 * receipt, so a vote never repeats the phone's current wish. Driven over IPC:
 *   { cmd: 'init', lan, code, count, first }  joins the phones and starts them
 *   { cmd: 'status' }   how many phones are connected and synced now
 *   { cmd: 'quiet' }    stop starting requests; answers once every sent request has a receipt (or 60 s)
 *   { cmd: 'receipts' } every receipt seen: [deviceId, requestId, ok, kind]
 * All traffic goes to loopback; the process exits when its parent goes away.
 */
const http = require('node:http');
const WebSocket = require('ws');
const Y = require('yjs');
const { hostPart, watchReceipts } = require('../room-parts.cjs');
const { WebsocketProvider } = require('y-websocket');
const { sleep } = require('../bench/stats.cjs');
const { serveCommands } = require('../bench/worker-rpc.cjs');

process.setMaxListeners(0);
/** Mean pause between a receipt and the phone's next request: a lively meeting, not a load test. */
const PAUSE_MS = Number(process.env.CHAOS_PAUSE_MS || 4000);

const bound = new Map();
function wsFor(localAddress) {
  let cls = bound.get(localAddress);
  if (!cls) {
    cls = class extends WebSocket {
      constructor(url, protocols) {
        super(url, protocols, { localAddress, perMessageDeflate: false });
      }
    };
    bound.set(localAddress, cls);
  }
  return cls;
}

function join(lan, code, localAddress) {
  const url = new URL('/api/join', lan);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          const body = JSON.parse(text);
          if (body.ok) resolve(body);
          else reject(new Error(body.error));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}

const phones = [];
let quiet = false;
const receipts = [];

class Phone {
  constructor(i, address) {
    this.i = i;
    this.address = address;
    this.pending = null;
    this.asked = 0;
    this.counter = 0;
  }

  async start(lan, code) {
    const joined = await join(lan, code, this.address);
    this.deviceId = joined.deviceId;
    this.doc = new Y.Doc();
    this.provider = new WebsocketProvider(`${lan.replace(/^http/, 'ws')}/sync`, `room-${joined.roomId}`, this.doc, { WebSocketPolyfill: wsFor(this.address), disableBc: true, maxBackoffTime: 1000 });
    watchReceipts(this.doc, (key, r) => {
      if (!this.pending || this.pending.id !== key) return;
      receipts.push([this.deviceId, key, r.ok, this.pending.kind]);
      this.pending = null;
      setTimeout(() => this.next(), PAUSE_MS / 2 + Math.random() * PAUSE_MS * 1.5);
    });
    await new Promise((r) => this.provider.once('sync', r));
    setTimeout(() => this.next(), Math.random() * 2000);
  }

  connected() {
    return this.provider && this.provider.wsconnected && this.provider.synced;
  }

  next() {
    if (quiet || this.pending) return;
    const questions = this.doc.getMap('board').get('questions');
    const ids = questions instanceof Y.Map ? [...questions.keys()] : [];
    const id = `chaos-${process.pid}-${this.i}-${++this.counter}`;
    let request;
    if (this.asked < 2 && (ids.length < 5 || Math.random() < 0.03)) {
      this.asked++;
      request = { kind: 'ask', id, text: `Question ${this.counter} from phone ${this.i}: does the log keep me exactly once?` };
    } else if (ids.length > 0) {
      const qid = ids[Math.floor(Math.random() * ids.length)];
      const mine = hostPart(this.doc, 'myVotes')?.get(qid) === true;
      request = { kind: mine ? 'unvote' : 'vote', id, questionId: qid };
    } else {
      setTimeout(() => this.next(), 1000);
      return;
    }
    this.pending = { id, kind: request.kind };
    this.doc.getArray('requests').push([request]);
  }
}

const commands = {
  async init({ lan, code, count, first }) {
    for (let k = 0; k < count; k++) {
      const n = first + k;
      const p = new Phone(n, `127.61.${(n >> 8) & 255}.${(n & 255) || 1}`);
      phones.push(p);
    }
    for (let k = 0; k < phones.length; k += 20) await Promise.all(phones.slice(k, k + 20).map((p) => p.start(lan, code)));
    return { phones: phones.length };
  },
  status() {
    return { connected: phones.filter((p) => p.connected()).length, total: phones.length, pending: phones.filter((p) => p.pending).length };
  },
  async quiet() {
    quiet = true;
    const until = Date.now() + 60_000;
    while (phones.some((p) => p.pending) && Date.now() < until) await sleep(200);
    return { unanswered: phones.filter((p) => p.pending).length };
  },
  receipts() {
    return receipts;
  },
};

serveCommands(commands);
process.on('disconnect', () => process.exit(0));
