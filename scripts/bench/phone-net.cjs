'use strict';
/**
 * How a simulated phone reaches the host: a `ws` WebSocket class bound to the phone's own loopback
 * address (for y-websocket), and a JSON POST from that address (POST /api/join). Shared by the bench
 * and soak workers.
 */
const http = require('node:http');
const WebSocket = require('ws');

const wsClasses = new Map();
/**
 * A `ws` WebSocket whose connections leave from `localAddress` (y-websocket takes a class, not options).
 * `headers` are sent with the upgrade (a remote phone behind the bench's proxy names its address in
 * X-Forwarded-For, as a TLS proxy would).
 */
function wsClassFor(localAddress, headers) {
  const key = headers ? `${localAddress} ${JSON.stringify(headers)}` : localAddress;
  let cls = wsClasses.get(key);
  if (!cls) {
    cls = class BoundWebSocket extends WebSocket {
      constructor(url, protocols) {
        super(url, protocols, { localAddress, perMessageDeflate: false, ...(headers ? { headers } : {}) });
      }
    };
    if (!headers) wsClasses.set(key, cls);
  }
  return cls;
}

function postJson(origin, path, body, localAddress, timeoutMs = 30_000, headers = {}) {
  const url = new URL(path, origin);
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress,
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': data.length },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (err) {
            reject(err);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('join timed out')));
    req.on('error', reject);
    req.end(data);
  });
}

module.exports = { wsClassFor, postJson };
