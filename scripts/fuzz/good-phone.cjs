'use strict';
/**
 * The well-behaved phone of `npm run fuzz` / `npm run chaos`: a child process with a Y.Doc on the stock
 * y-websocket client, from its own loopback address. It asks one question, then votes and unvotes on it
 * every PERIOD ms, and records send → receipt latency per phase. Driven over IPC:
 *   { cmd: 'phase', name }  starts a new phase and answers with the previous one's latencies
 *   { cmd: 'stop' }         answers with the last phase and exits
 * All traffic goes to loopback; it stops by itself when its parent goes away.
 */
const http = require('node:http');
const WebSocket = require('ws');
const Y = require('yjs');
const { watchReceipts } = require('../room-parts.cjs');
const { WebsocketProvider } = require('y-websocket');
const { now, summary } = require('../bench/stats.cjs');

const { LAN, CODE, ADDRESS, PERIOD } = process.env;
const period = Number(PERIOD || 600);

class BoundWebSocket extends WebSocket {
  constructor(url, protocols) {
    super(url, protocols, { localAddress: ADDRESS });
  }
}

function join() {
  const url = new URL('/api/join', LAN);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress: ADDRESS, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        try {
          const body = JSON.parse(text);
          if (!body.ok) reject(new Error(body.error));
          else resolve(body);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ code: CODE }));
  });
}

let phase = { name: 'start', latencies: [], sent: 0, ok: 0, refused: 0 };
const pending = new Map();
let counter = 0;
let reconnects = 0;

async function main() {
  const joined = await join();
  const doc = new Y.Doc();
  const requests = doc.getArray('requests');
  let questionId = null;
  watchReceipts(doc, (key, r) => {
    const t = now();
    const p = pending.get(key);
    if (!p) return;
    pending.delete(key);
    if (p.phase === phase) p.phase.latencies.push(t - p.t);
    if (r.ok) p.phase.ok++;
    else p.phase.refused++;
    if (r.questionId && !questionId) questionId = r.questionId;
  });
  const provider = new WebsocketProvider(`${LAN.replace(/^http/, 'ws')}/sync`, `room-${joined.roomId}`, doc, { WebSocketPolyfill: BoundWebSocket, disableBc: true });
  provider.on('connection-close', () => reconnects++);
  await new Promise((r) => provider.once('sync', r));
  const send = (request) => {
    const id = `good-${process.pid}-${++counter}`;
    pending.set(id, { t: now(), phase });
    phase.sent++;
    requests.push([{ ...request, id }]);
  };
  send({ kind: 'ask', text: 'The good phone asks: is everybody still heard?' });
  let voted = false;
  const timer = setInterval(() => {
    if (!questionId) return;
    send({ kind: voted ? 'unvote' : 'vote', questionId });
    voted = !voted;
  }, period);
  process.on('message', (msg) => {
    const done = { name: phase.name, ...summary(phase.latencies), sent: phase.sent, ok: phase.ok, refused: phase.refused, reconnects, unanswered: [...pending.values()].filter((p) => p.phase === phase).length };
    if (msg.cmd === 'phase') {
      phase = { name: msg.name, latencies: [], sent: 0, ok: 0, refused: 0 };
      process.send(done);
    } else if (msg.cmd === 'stop') {
      clearInterval(timer);
      provider.destroy();
      process.send(done, () => process.exit(0));
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, roomId: joined.roomId });
}

main().catch((err) => {
  process.send?.({ error: String(err && err.stack ? err.stack : err) });
  process.exit(1);
});
