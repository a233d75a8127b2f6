'use strict';
/**
 * What a reload costs a phone: a fresh Y.Doc connects to its room over y-websocket (from the phone's own
 * address, as the worker does) and counts the bytes of the binary WebSocket messages it receives until
 * the provider is synced. The room's sync carries the board as an overlay; the board alone is measured
 * the same way over the loopback listener (`/sync/board?t=<token>`, read-only).
 */
const WebSocket = require('ws');
const Y = require('yjs');
const { WebsocketProvider } = require('y-websocket');
const { now } = require('../bench/stats.cjs');

/** A `ws` class that adds the size of every message it receives to `counter` (bound to `localAddress`). */
function countingWsClass(counter, localAddress) {
  return class CountingWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { ...(localAddress ? { localAddress } : {}), perMessageDeflate: false });
      this.on('message', (data, isBinary) => {
        if (!isBinary) return;
        counter.bytes += data.byteLength;
        counter.messages++;
      });
    }
  };
}

/** Connects a fresh doc to `room` on `origin` and resolves once synced: bytes received, time, encoded size. */
function syncOnce(origin, room, { localAddress, params, timeoutMs = 30_000 } = {}) {
  const counter = { bytes: 0, messages: 0 };
  const doc = new Y.Doc();
  const t0 = now();
  const provider = new WebsocketProvider(`${origin.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: countingWsClass(counter, localAddress),
    disableBc: true,
    ...(params ? { params } : {}),
  });
  return new Promise((resolve, reject) => {
    const done = (err) => {
      clearTimeout(timer);
      const out = { receivedBytes: counter.bytes, messages: counter.messages, ms: now() - t0, docBytes: Y.encodeStateAsUpdate(doc).length };
      provider.destroy();
      doc.destroy();
      if (err) reject(err);
      else resolve(out);
    };
    const timer = setTimeout(() => done(new Error(`sync of ${room} timed out`)), timeoutMs);
    provider.once('sync', () => done());
  });
}

/** A reload of phone rooms: `phones` = [{ idx, roomId, addr }]. */
async function reloadSizes(lanOrigin, phones) {
  const out = [];
  for (const p of phones) out.push({ idx: p.idx, ...(await syncOnce(lanOrigin, `room-${p.roomId}`, { localAddress: p.addr })) });
  return out;
}

/** The board alone, as a read-only doc on the loopback listener. */
const boardSize = (loopbackOrigin, token) => syncOnce(loopbackOrigin, 'board', { params: { t: token } });

module.exports = { reloadSizes, boardSize };
