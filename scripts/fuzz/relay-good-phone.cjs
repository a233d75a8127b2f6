'use strict';
/**
 * The good remote phone of the relay fuzz (scripts/fuzz-relay.cjs forks this file): its own process, the
 * stock Hocuspocus provider, from its own loopback address. It joins with `POST /api/join` on relay B
 * (RELAY_HTTP, RELAY_WS, CODE), asks once (MARKER, the text no hostile socket may ever receive) and then
 * votes / unvotes all along, recording send → receipt latency per phase. Driven over IPC:
 *   { cmd: 'phase' }  starts a new phase and answers with the previous one's latencies
 *   { cmd: 'stop' }   answers with the last phase and exits
 * It stops by itself when its parent goes away.
 */
const Y = require('yjs');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
const { watchReceipts } = require('../room-parts.cjs');
const { now, sleep, summary } = require('../bench/stats.cjs');
const { postJson, wsClassFor } = require('../bench/phone-net.cjs');

const GOOD_ADDRESS = '127.0.0.3';

async function goodPhone() {
  const { RELAY_HTTP, RELAY_WS, CODE, MARKER } = process.env;
  const joined = await postJson(RELAY_HTTP, '/api/join', { code: CODE }, GOOD_ADDRESS);
  if (joined.status !== 200 || !joined.body.relayToken) {
    process.send({ error: `join ${joined.status} ${JSON.stringify(joined.body)}` });
    return;
  }
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: RELAY_WS, WebSocketPolyfill: wsClassFor(GOOD_ADDRESS), delay: 100, minDelay: 100, maxDelay: 500 });
  let reconnects = -1;
  socket.on('open', () => reconnects++);
  const provider = new HocuspocusProvider({ name: joined.body.relayDoc, document: doc, token: joined.body.relayToken, websocketProvider: socket });
  provider.attach();
  let phase = { latencies: [], sent: 0 };
  const pending = new Map();
  let questionId = null;
  watchReceipts(doc, (id, r) => {
    if (r && r.questionId && !questionId) questionId = r.questionId;
    const p = pending.get(id);
    if (!p || !r || (r.ok === false && r.retry)) return;
    pending.delete(id);
    p.phase.latencies.push(now() - p.at);
  });
  let counter = 0;
  let voted = false;
  const send = (request) => {
    const id = `good-${++counter}`;
    pending.set(id, { at: now(), phase });
    phase.sent++;
    doc.getArray('requests').push([{ ...request, id }]);
  };
  const start = Date.now();
  while (!provider.isSynced && Date.now() - start < 10_000) await sleep(50);
  send({ kind: 'ask', text: MARKER });
  const timer = setInterval(() => {
    if (!questionId) return;
    send({ kind: voted ? 'unvote' : 'vote', questionId });
    voted = !voted;
  }, 500);
  const report = (p) => ({ ...summary(p.latencies), sent: p.sent, unanswered: [...pending.values()].filter((x) => x.phase === p).length, reconnects: Math.max(0, reconnects) });
  process.on('message', (m) => {
    const done = phase;
    if (m.cmd === 'phase') {
      phase = { latencies: [], sent: 0 };
      process.send(report(done));
    } else if (m.cmd === 'stop') {
      clearInterval(timer);
      process.send(report(done));
      setTimeout(() => process.exit(0), 100);
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: true, room: joined.body.relayDoc, token: joined.body.relayToken });
}

goodPhone().catch((err) => {
  process.send?.({ error: err.message });
  process.exit(2);
});
