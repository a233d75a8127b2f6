'use strict';
/**
 * Raw clients of the LAN listener for the fuzz and chaos probes. Every connection leaves from a loopback
 * address the caller names (127.x.y.z), so the host sees distinct clients; nothing leaves the machine.
 */
const http = require('node:http');
const net = require('node:net');
const WebSocket = require('ws');

let next = 0;
/** A fresh loopback address: 127.(20..59).x.y. */
function freshAddress() {
  const n = next++;
  return `127.${20 + ((n >> 16) % 40)}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}

/** One HTTP request; resolves with { status, body } (body text), never rejects (errors are status 0). */
function request(origin, { method = 'GET', path = '/', body, headers = {}, from, timeoutMs = 15_000 }) {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path, method, localAddress: from, agent: false, headers, timeout: timeoutMs }, (res) => {
      let text = '';
      res.on('data', (d) => {
        if (text.length < 100_000) text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode, body: text, headers: res.headers }));
      res.on('error', () => resolve({ status: 0, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

async function join(origin, code, from, cookie) {
  const r = await request(origin, {
    method: 'POST',
    path: '/api/join',
    body: JSON.stringify({ code }),
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    from,
  });
  try {
    return { status: r.status, ...JSON.parse(r.body), cookie: r.headers?.['set-cookie']?.[0]?.split(';')[0] };
  } catch {
    return { status: r.status, ok: false, error: r.body };
  }
}

/** A WebSocket from `from`; resolves when open (or null when refused). Collects received bytes. */
function openSocket(url, from, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from, perMessageDeflate: false, handshakeTimeout: timeoutMs });
    ws.received = 0;
    ws.receivedMessages = [];
    ws.closedCode = null;
    ws.on('message', (data) => {
      ws.received += data.length ?? 0;
      if (ws.receivedMessages.length < 50) ws.receivedMessages.push(data);
    });
    ws.on('close', (code) => (ws.closedCode = code));
    ws.once('open', () => resolve(ws));
    ws.on('error', () => resolve(null));
  });
}

/** Sends while the socket is open; returns how many went out. */
function sendAll(ws, messages) {
  let n = 0;
  for (const m of messages) {
    if (!ws || ws.readyState !== WebSocket.OPEN) break;
    ws.send(m);
    n++;
  }
  return n;
}

const waitClosed = (ws, ms) =>
  new Promise((resolve) => {
    if (!ws || ws.readyState === WebSocket.CLOSED) return resolve(true);
    const t = setTimeout(() => {
      ws.terminate();
      resolve(false);
    }, ms);
    ws.once('close', () => {
      clearTimeout(t);
      resolve(true);
    });
  });

function rawSocket(origin, from) {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const s = net.connect({ host: url.hostname, port: Number(url.port), localAddress: from }, () => resolve(s));
    s.on('error', () => resolve(null));
    s.resume();
  });
}

module.exports = { freshAddress, request, join, openSocket, sendAll, waitClosed, rawSocket };
