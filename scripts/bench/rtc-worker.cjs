'use strict';
/**
 * WebRTC phones for `BENCH_PHONE_PARTS=rtc`: each joins (POST /api/join from its own loopback address),
 * then syncs its room only over WebRTC (stock y-webrtc with @roamhq/wrtc) through the host's /signal and
 * its in-process gateway; no WebSocket to /sync. Remote TCP ICE candidates are dropped, as the gateway does
 * (wrtc otherwise opens sockets without end). Phones start one by one; every loop is bounded.
 *
 * Driven by scripts/bench-phone.cjs over IPC: { id, cmd, ...args } in, { id, result } or { id, error } out.
 */
const http = require('node:http');
const WebSocket = require('ws');
const Y = require('yjs');
const { watchReceipts } = require('../room-parts.cjs');
const wrtc = require('@roamhq/wrtc');
const { now, sleep } = require('./stats.cjs');

globalThis.WebSocket = WebSocket;
const { WebrtcProvider } = require('y-webrtc');
const { serveCommands } = require('./worker-rpc.cjs');

process.setMaxListeners(0);
const TCP = /\stcp\s/i;

class PeerConnection extends wrtc.RTCPeerConnection {
  addIceCandidate(candidate) {
    const text = typeof candidate === 'string' ? candidate : candidate && candidate.candidate;
    if (typeof text === 'string' && TCP.test(text)) return Promise.resolve();
    return super.addIceCandidate(candidate);
  }
  setRemoteDescription(d) {
    if (d && typeof d.sdp === 'string' && TCP.test(d.sdp)) {
      const sdp = d.sdp
        .split('\r\n')
        .filter((l) => !(l.startsWith('a=candidate:') && TCP.test(l)))
        .join('\r\n');
      return super.setRemoteDescription({ type: d.type, sdp });
    }
    return super.setRemoteDescription(d);
  }
}
const peerWrtc = { ...wrtc, RTCPeerConnection: PeerConnection };

function postJoin(origin, code, localAddress) {
  const url = new URL('/api/join', origin);
  const data = Buffer.from(JSON.stringify({ code }));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, agent: false, timeout: 30_000, headers: { 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
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

const phones = [];

class RtcPhone {
  constructor(idx, addr) {
    this.idx = idx;
    this.addr = addr;
    this.pending = new Map();
  }

  async start(origin, code) {
    const t0 = now();
    const joined = await postJoin(origin, code, this.addr);
    if (!joined || !joined.ok) throw new Error(`join refused: ${joined && joined.error}`);
    this.doc = new Y.Doc();
    watchReceipts(this.doc, (key, r) => {
      const p = this.pending.get(key);
      if (!p) return;
      this.pending.delete(key);
      p(now(), r);
    });
    this.provider = new WebrtcProvider(`room-${joined.roomId}`, this.doc, {
      signaling: [`${origin.replace(/^http/, 'ws')}/signal`],
      peerOpts: { wrtc: peerWrtc, config: { iceServers: [] } },
      filterBcConns: true,
    });
    const board = this.doc.getMap('board');
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no board over WebRTC in 60 s')), 60_000);
      const check = () => {
        if (board.size > 0) {
          clearTimeout(timer);
          this.doc.off('update', check);
          resolve();
        }
      };
      this.doc.on('update', check);
      check();
    });
    return { idx: this.idx, syncMs: now() - t0 };
  }

  request(body, timeoutMs) {
    const id = `rtc-${this.idx}-${Math.random().toString(36).slice(2, 10)}`;
    const sendT = now();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ sendT, recvT: NaN, ok: null });
      }, timeoutMs);
      this.pending.set(id, (t, r) => {
        clearTimeout(timer);
        resolve({ sendT, recvT: t, ok: r.ok === true, questionId: r.questionId });
      });
      this.doc.getArray('requests').push([{ ...body, id }]);
    });
  }

  destroy() {
    if (this.provider) this.provider.destroy();
    if (this.doc) this.doc.destroy();
  }
}

const commands = {
  /** Phones start one after another, `gapMs` apart. */
  async start({ origin, code, list, gapMs }) {
    const results = [];
    const errors = [];
    const running = [];
    for (const p of list) {
      const phone = new RtcPhone(p.idx, p.addr);
      phones.push(phone);
      running.push(phone.start(origin, code).then((r) => results.push(r), (err) => errors.push(`phone ${p.idx}: ${err.message}`)));
      await sleep(gapMs);
    }
    await Promise.all(running);
    return { results, errors };
  },

  async ask({ idx, text }) {
    const phone = phones.find((p) => p.idx === idx && p.provider);
    return phone ? phone.request({ kind: 'ask', text }, 30_000) : null;
  },

  /** Each phone votes for `questions[k % questions.length]` `rounds` times (vote, unvote, …), `periodMs` apart. */
  async votes({ questionId, rounds, periodMs }) {
    const out = [];
    const live = phones.filter((p) => p.provider);
    for (let k = 0; k < rounds; k++) {
      const t0 = now();
      const batch = await Promise.all(
        live.map(async (p, i) => {
          await sleep((periodMs * i) / live.length);
          return p.request({ kind: k % 2 === 0 ? 'vote' : 'unvote', questionId }, 30_000);
        }),
      );
      out.push(...batch);
      const rest = periodMs - (now() - t0);
      if (rest > 0) await sleep(rest);
    }
    return out.map((r) => ({ ms: r.recvT - r.sendT, ok: r.ok }));
  },

  stats() {
    const cpu = process.cpuUsage();
    return { cpuMs: (cpu.user + cpu.system) / 1000, phones: phones.length };
  },

  async close() {
    for (const p of phones) p.destroy();
    phones.length = 0;
    await sleep(300);
    return true;
  },
};

serveCommands(commands);
process.on('disconnect', () => {
  for (const p of phones) p.destroy();
  process.exit(0);
});
