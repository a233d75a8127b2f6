/**
 * End to end without browsers: phone (child process: Y.Doc + WebrtcProvider over wrtc, nothing else)
 *   → /signal (signal server) → WebRTC → Node gateway → y-websocket → /sync (host sync server) → host doc,
 * and back. The phone runs in its own process so no BroadcastChannel or in-process shortcut can carry data.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { createSignalServer, type SignalServer } from '../src-main/host/net/signal-server';
import { createSyncServer } from '../src-main/host/net/sync-server';
import { isTcpCandidate, nodeWrtc, startNodeGateway, stripTcpCandidates } from '../src-main/host/net/gateway-node';
import type { Gateway } from '../src-gateway/gateway';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TOKEN = 'test-token';
const ROOM = 'room-e2e-one';
const LATE_ROOM = 'room-e2e-late';
const STUCK_ROOM = 'room-e2e-stuck';
const IDLE_ROOM = 'room-e2e-idle';
/** A room known at start: the gateway serves it only once its phone subscribes on /signal (as host.ts wires it). */
const ON_SUBSCRIBE_ROOM = 'room-e2e-on-subscribe';
const SLOW_LINK_ROOM = 'room-e2e-slow-link';
/** Rooms for the time-to-first-sync measurement (fresh room, host state written before the phone starts). */
const FIRST_SYNC_ROOMS = ['room-e2e-first-1', 'room-e2e-first-2', 'room-e2e-first-3'];
/** The gateway's host link stays this long after a room's last peer left (small, so the test can see it). */
const HOST_GRACE_MS = 600;

/** The phone: a stock y-webrtc provider in Node, driven over stdin/stdout (one JSON object per line). */
const PHONE_SOURCE = `
import * as Y from 'yjs';
import { WebrtcProvider } from 'y-webrtc';
import { WebSocket } from 'ws';
import wrtc from '@roamhq/wrtc';
globalThis.WebSocket = WebSocket;
const cfg = JSON.parse(process.env.PHONE_CONFIG);
const t0 = Date.now();
const out = (o) => process.stdout.write(JSON.stringify({ ...o, ms: Date.now() - t0 }) + '\\n');
const doc = new Y.Doc();
const map = doc.getMap('m');
// stuckFirstPeer: the first peer connection never applies the remote description (a stuck connection that
// keeps its WebrtcConn, so re-announces from the same gateway peer id are ignored)
let pcs = 0;
class PeerConnection extends wrtc.RTCPeerConnection {
  constructor(...args) {
    super(...args);
    this.n = ++pcs;
    // the phone always offers (the gateway never initiates): an offer received here is glare
    this.addEventListener('signalingstatechange', () => {
      if (this.signalingState === 'have-remote-offer') out({ event: 'offered' });
    });
  }
  setRemoteDescription(d) {
    if (cfg.stuckFirstPeer && this.n === 1) {
      out({ event: 'stuck' });
      return new Promise(() => {});
    }
    return super.setRemoteDescription(d);
  }
}
const provider = new WebrtcProvider(cfg.room, doc, {
  signaling: [cfg.signalingUrl],
  peerOpts: { wrtc: { ...wrtc, RTCPeerConnection: PeerConnection }, config: { iceServers: [] } },
});
provider.on('peers', (e) => out({ event: 'peers', webrtcPeers: e.webrtcPeers.length }));
provider.on('synced', (e) => out({ event: 'synced', synced: e.synced }));
map.observe(() => out({ event: 'map', entries: Object.fromEntries(map.entries()) }));
map.set(cfg.key, cfg.value);
process.stdin.on('data', (d) => {
  if (String(d).includes('quit')) {
    provider.disconnect();
    provider.destroy();
    setTimeout(() => process.exit(0), 300);
  }
});
out({ event: 'started' });
`;

interface PhoneEvent {
  event: string;
  /** ms since the phone's own start (after its imports) */
  ms: number;
  /** Date.now() in the test process when the line arrived */
  at: number;
  entries?: Record<string, unknown>;
  webrtcPeers?: number;
}

interface Phone {
  proc: ChildProcessWithoutNullStreams;
  events: PhoneEvent[];
  waitFor(pred: (e: PhoneEvent) => boolean, what: string, timeoutMs?: number): Promise<PhoneEvent>;
  quit(): Promise<void>;
}

const phones: Phone[] = [];

function startPhone(room: string, key: string, value: string, stuckFirstPeer = false): Phone {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', PHONE_SOURCE], {
    cwd: REPO,
    env: { ...process.env, PHONE_CONFIG: JSON.stringify({ room, key, value, signalingUrl, stuckFirstPeer }) },
  });
  const events: PhoneEvent[] = [];
  const listeners = new Set<() => void>();
  let buffer = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        events.push({ ...(JSON.parse(line) as PhoneEvent), at: Date.now() });
      } catch {
        stderr += `[stdout] ${line}\n`;
      }
    }
    for (const l of [...listeners]) l();
  });
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const phone: Phone = {
    proc,
    events,
    waitFor: (pred, what, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const hit = events.find(pred);
          if (!hit) return false;
          cleanup();
          resolve(hit);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`phone: timed out waiting for ${what}; events ${JSON.stringify(events)}; stderr ${stderr}`));
        }, timeoutMs);
        const onExit = (): void => {
          if (check()) return;
          cleanup();
          reject(new Error(`phone exited while waiting for ${what}; stderr ${stderr}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
          proc.off('exit', onExit);
        };
        const listener = (): void => void check();
        if (check()) return;
        listeners.add(listener);
        proc.once('exit', onExit);
      }),
    quit: async () => {
      if (proc.exitCode === null) proc.stdin.write('quit\n');
      await exited;
    },
  };
  phones.push(phone);
  return phone;
}

// ---- host side: sync server (the host's own), signal server, gateway ----------------------------------

let lan: Server;
let loopback: Server;
let signal: SignalServer;
let gateway: Gateway;
let signalingUrl: string;
const hostDocs = new Map<string, Y.Doc>();
const hostDoc = (name: string): Y.Doc => {
  let doc = hostDocs.get(name);
  if (!doc) {
    doc = new Y.Doc();
    hostDocs.set(name, doc);
  }
  return doc;
};
/** onPeers calls: room, count, Date.now() */
const peerReports: Array<[string, number, number]> = [];
const topicReports: Array<[string, number]> = [];
const syncConnections = new Map<string, number>();
/** WebSockets the gateway opened to the host's /sync, per room (upgrades accepted, ever). */
const syncOpened = new Map<string, number>();
/** When the host's sync server last saw a room's connection count go from 0 to 1 (Date.now()). */
const syncLinkedAt = new Map<string, number>();
/** Upgrades to /sync for these rooms wait until the gate resolves (a host link that comes up late). */
const syncGates = new Map<string, Promise<void>>();

/** Resolves when `pred()` holds, re-checked whenever `subscribe` says something changed. */
function until(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (pred()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}

/** Resolves with the value once the host doc's map has `key`. Event driven (observe). */
function hostValue(room: string, key: string, timeoutMs = 10_000): Promise<unknown> {
  const map = hostDoc(room).getMap('m');
  if (map.has(key)) return Promise.resolve(map.get(key));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      map.unobserve(obs);
      reject(new Error(`host doc ${room} never got ${key}`));
    }, timeoutMs);
    const obs = (): void => {
      if (!map.has(key)) return;
      clearTimeout(timer);
      map.unobserve(obs);
      resolve(map.get(key));
    };
    map.observe(obs);
  });
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

beforeAll(async () => {
  const sync = createSyncServer({ maxMessagesPer10s: 1_000 });
  const syncWss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  loopback = createServer((_req, res) => res.end());
  loopback.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/sync\/(room-[\w-]+)$/.exec(url.pathname);
    if (!match || url.searchParams.get('t') !== TOKEN) return socket.destroy();
    const name = match[1];
    syncOpened.set(name, (syncOpened.get(name) ?? 0) + 1);
    const onConnections = (n: number): void => {
      if (n === 1 && !syncConnections.get(name)) syncLinkedAt.set(name, Date.now());
      syncConnections.set(name, n);
    };
    void (syncGates.get(name) ?? Promise.resolve()).then(() =>
      syncWss.handleUpgrade(req, socket, head, (ws) =>
        sync.handleConnection(ws, name, { doc: hostDoc(name), readOnly: false, onConnections }),
      ),
    );
  });

  signal = createSignalServer({
    isIssuedTopic: (t) => [ROOM, LATE_ROOM, STUCK_ROOM, IDLE_ROOM, SLOW_LINK_ROOM, ON_SUBSCRIBE_ROOM, ...FIRST_SYNC_ROOMS].includes(t),
    maxPeersPerTopic: 2,
    maxMessageBytes: 64 * 1024,
    onTopicPeers: (t, n) => {
      topicReports.push([t, n]);
      if (t === ON_SUBSCRIBE_ROOM && n > 0) gateway.addRoom(t);
    },
  });
  const signalWss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  lan = createServer((_req, res) => res.end());
  lan.on('upgrade', (req, socket, head) => {
    if (req.url !== '/signal') return socket.destroy();
    signalWss.handleUpgrade(req, socket, head, (ws) => signal.handleConnection(ws));
  });

  const [loopbackPort, lanPort] = await Promise.all([listen(loopback), listen(lan)]);
  signalingUrl = `ws://127.0.0.1:${lanPort}/signal`;
  gateway = startNodeGateway({
    hostSyncUrl: `ws://127.0.0.1:${loopbackPort}/sync`,
    token: TOKEN,
    signalingUrl,
    onPeers: (room, n) => peerReports.push([room, n, Date.now()]),
    recycleAfterMs: 1_000,
    hostGraceMs: HOST_GRACE_MS,
  });
  gateway.addRoom(ROOM);
});

afterAll(async () => {
  for (const p of phones) if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
  await gateway?.destroy();
  signal?.close();
  for (const s of [lan, loopback]) {
    if (!s) continue;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

const lastPeers = (room: string): number | undefined => peerReports.filter(([r]) => r === room).at(-1)?.[1];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('gateway end to end (Node phone in a child process, WebRTC over loopback)', () => {
  it('opens no connection to the host for rooms without a phone', async () => {
    gateway.addRoom(IDLE_ROOM);
    await until(() => signal.topicPeers(ROOM) === 1 && signal.topicPeers(IDLE_ROOM) === 1, 'the gateway to subscribe both rooms');
    // long enough for a loopback connection to show up, and for an idle recycle (recycleAfterMs 1000)
    await sleep(1_500);
    expect(syncOpened.get(ROOM) ?? 0).toBe(0);
    expect(syncOpened.get(IDLE_ROOM) ?? 0).toBe(0);
    expect(gateway.peers(IDLE_ROOM)).toBe(0);
    expect(gateway.hostLinked(ROOM) || gateway.hostLinked(IDLE_ROOM)).toBe(false);
    gateway.removeRoom(IDLE_ROOM);
    await until(() => signal.topicPeers(IDLE_ROOM) === 0, 'the gateway to leave the idle room');
    expect(syncOpened.get(IDLE_ROOM) ?? 0).toBe(0);
  });

  it('gives a WebRTC-only phone the host state written before it came, and carries its write to the host', async () => {
    hostDoc(ROOM).getMap('m').set('beforePhone', 'written before');
    const t0 = Date.now();
    const phone = startPhone(ROOM, 'fromPhone', 'hello host');
    const started = await phone.waitFor((e) => e.event === 'started', 'phone start');
    const firstSync = await phone.waitFor(
      (e) => e.event === 'map' && e.entries?.beforePhone === 'written before',
      'the host state written before the phone came',
    );
    expect(await hostValue(ROOM, 'fromPhone')).toBe('hello host');
    const phoneToHost = Date.now() - t0;

    const t1 = Date.now();
    hostDoc(ROOM).getMap('m').set('fromHost', 'hello phone');
    await phone.waitFor((e) => e.event === 'map' && e.entries?.fromHost === 'hello phone', 'host write on the phone');
    const hostToPhone = Date.now() - t1;
    console.log(
      `[gateway e2e] phone process up (imports done) ${started.at - t0} ms after spawn; host state on the phone ${firstSync.ms} ms after ` +
        `the phone started; phone write on the host ${phoneToHost} ms after spawn (${phoneToHost - (started.at - t0)} ms after the ` +
        `phone started); host write on the phone ${hostToPhone} ms`,
    );
    await until(() => lastPeers(ROOM) === 1, 'onPeers(room, 1)');
    expect(gateway.peers(ROOM)).toBe(1);
    // the only /sync connection is the gateway's, opened for this phone: the phone reached the host through WebRTC
    expect(syncConnections.get(ROOM)).toBe(1);
    expect(syncOpened.get(ROOM)).toBe(1);
    expect(gateway.hostLinked(ROOM)).toBe(true);
    expect(signal.topicPeers(ROOM)).toBe(2);
  });

  it('closes the host link once the phone left and the grace passed', async () => {
    const first = phones[0];
    await first.quit();
    await until(() => lastPeers(ROOM) === 0, 'onPeers(room, 0) after the phone left');
    const left = peerReports.filter(([r]) => r === ROOM).at(-1)![2];
    await until(() => syncConnections.get(ROOM) === 0, 'the host link to close', HOST_GRACE_MS + 5_000);
    const closedAfter = Date.now() - left;
    console.log(`[gateway e2e] host link closed ${closedAfter} ms after the last peer left (grace ${HOST_GRACE_MS} ms)`);
    expect(closedAfter).toBeGreaterThanOrEqual(HOST_GRACE_MS - 100);
    expect(gateway.hostLinked(ROOM)).toBe(false);
    // the room stays served over WebRTC
    expect(gateway.rooms()).toContain(ROOM);
    expect(signal.topicPeers(ROOM)).toBe(1);
    // written while nobody links the room to the host: the next phone must still get it
    hostDoc(ROOM).getMap('m').set('whileAway', 'missed nothing');
    await sleep(300);
    expect(syncOpened.get(ROOM)).toBe(1);
  });

  it('serves a reloaded phone (new peer id) and reports peers going 1 → 0 → 1', async () => {
    // A hostile peer: an 'answer' from a peer the gateway has no connection for makes y-webrtc's signaling
    // handler throw (TypeError on existingConn.glareToken). In Node that must not become an uncaught exception.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const rogue = new WebSocket(signalingUrl);
    await new Promise((r) => rogue.once('open', r));
    // answer every announce it sees (the gateway announces itself on subscribe and on every recycle)
    rogue.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as { data?: { type?: string; from?: string } };
      if (m.data?.type !== 'announce' || m.data.from === 'rogue') return;
      const answer = { type: 'signal', from: 'rogue', to: m.data.from, signal: { type: 'answer', sdp: 'x' } };
      rogue.send(JSON.stringify({ type: 'publish', topic: ROOM, data: answer }));
    });
    rogue.send(JSON.stringify({ type: 'subscribe', topics: [ROOM] }));
    await until(
      () => errors.mock.calls.some((c) => String(c[0]).includes('onmessage handler threw')),
      'the gateway to report (not throw) the failing signaling message',
    );
    errors.mockRestore();
    rogue.close();
    await until(() => signal.topicPeers(ROOM) === 1, 'the rogue to leave');

    const t0 = Date.now();
    const again = startPhone(ROOM, 'fromPhoneAgain', 'back');
    // the reloaded phone starts empty and gets everything from the host through the gateway, including what
    // the host wrote while the gateway's host link was closed
    await again.waitFor(
      (e) => e.event === 'map' && e.entries?.fromHost === 'hello phone' && e.entries.whileAway === 'missed nothing',
      'host state on the reloaded phone',
    );
    expect(await hostValue(ROOM, 'fromPhoneAgain')).toBe('back');
    console.log(`[gateway e2e] reloaded phone: full state in both directions ${Date.now() - t0} ms from spawn`);
    await until(() => lastPeers(ROOM) === 1, 'onPeers(room, 1) again');
    // the host link was opened again for this phone
    expect(syncOpened.get(ROOM)).toBe(2);
    expect(syncConnections.get(ROOM)).toBe(1);
  });

  it('serves a room it is given only when the phone subscribes (a room known at a restart)', async () => {
    hostDoc(ON_SUBSCRIBE_ROOM).getMap('m').set('beforeRestart', 'kept');
    expect(gateway.rooms()).not.toContain(ON_SUBSCRIBE_ROOM);
    const phone = startPhone(ON_SUBSCRIBE_ROOM, 'afterRestart', 'sent over WebRTC');
    expect(await hostValue(ON_SUBSCRIBE_ROOM, 'afterRestart')).toBe('sent over WebRTC');
    await phone.waitFor((e) => e.event === 'map' && e.entries?.beforeRestart === 'kept', 'the host state on the phone');
    // The phone was in its room before the gateway subscribed, so each heard the other's announce. Had both
    // initiated, y-webrtc would have fed the gateway's offer into the phone's own offering peer ("glare"):
    // both sides connected, each reading only its own data channel, nothing delivered.
    expect(phone.events.filter((e) => e.event === 'offered')).toEqual([]);
    await phone.quit();
    gateway.removeRoom(ON_SUBSCRIBE_ROOM);
    await until(() => signal.topicPeers(ON_SUBSCRIBE_ROOM) === 0, 'the gateway to leave the room');
  });

  it('converges both ways when the host link comes up after the WebRTC connection opened', async () => {
    let openGate = (): void => {};
    syncGates.set(SLOW_LINK_ROOM, new Promise<void>((r) => (openGate = r)));
    try {
      hostDoc(SLOW_LINK_ROOM).getMap('m').set('hostFirst', 'from before');
      gateway.addRoom(SLOW_LINK_ROOM);
      await until(() => signal.topicPeers(SLOW_LINK_ROOM) === 1, 'the gateway to subscribe the room');
      const phone = startPhone(SLOW_LINK_ROOM, 'phoneFirst', 'while the host link was down');
      await until(() => lastPeers(SLOW_LINK_ROOM) === 1, 'the WebRTC connection to open');
      // the phone and the gateway doc have synced with each other; the host link is asked for but held
      await phone.waitFor((e) => e.event === 'synced', 'the phone to sync with the gateway');
      await sleep(200);
      expect(syncOpened.get(SLOW_LINK_ROOM)).toBe(1);
      expect(syncConnections.get(SLOW_LINK_ROOM) ?? 0).toBe(0);
      expect(phone.events.some((e) => e.entries?.hostFirst !== undefined)).toBe(false);
      expect(hostDoc(SLOW_LINK_ROOM).getMap('m').has('phoneFirst')).toBe(false);

      openGate();
      expect(await hostValue(SLOW_LINK_ROOM, 'phoneFirst')).toBe('while the host link was down');
      await phone.waitFor((e) => e.event === 'map' && e.entries?.hostFirst === 'from before', 'the old host state on the phone');
      hostDoc(SLOW_LINK_ROOM).getMap('m').set('hostLater', 'live');
      await phone.waitFor((e) => e.event === 'map' && e.entries?.hostLater === 'live', 'a live host write on the phone');
      expect(syncOpened.get(SLOW_LINK_ROOM)).toBe(1);
      await phone.quit();
    } finally {
      openGate();
      syncGates.delete(SLOW_LINK_ROOM);
      gateway.removeRoom(SLOW_LINK_ROOM);
    }
    await until(() => signal.topicPeers(SLOW_LINK_ROOM) === 0, 'the gateway to leave the room');
    await until(() => (syncConnections.get(SLOW_LINK_ROOM) ?? 0) === 0, 'the host link of the removed room to close');
  });

  it('time to first sync: a WebRTC-only phone in a room that has been idle', async () => {
    const results: string[] = [];
    for (const room of FIRST_SYNC_ROOMS) {
      hostDoc(room).getMap('m').set('board', `state of ${room}`);
      gateway.addRoom(room);
      await until(() => signal.topicPeers(room) === 1, 'the gateway to subscribe the room');
      await sleep(300);
      const phone = startPhone(room, 'hi', room);
      const started = await phone.waitFor((e) => e.event === 'started', 'phone start');
      const got = await phone.waitFor((e) => e.event === 'map' && e.entries?.board === `state of ${room}`, 'host state on the phone');
      expect(await hostValue(room, 'hi')).toBe(room);
      const both = Date.now() - started.at;
      await until(() => lastPeers(room) === 1, 'onPeers(room, 1)');
      const rtcOpenAt = peerReports.filter(([r, n]) => r === room && n === 1)[0][2];
      const linkLead = rtcOpenAt - (syncLinkedAt.get(room) ?? NaN);
      results.push(`${got.ms} ms (both ways ${both} ms; host link up ${linkLead} ms before the WebRTC connection opened)`);
      await phone.quit();
      gateway.removeRoom(room);
      await until(() => signal.topicPeers(room) === 0, 'the gateway to leave the room');
    }
    console.log(`[gateway e2e] time to first sync (host state on the phone, from phone start): ${results.join('; ')}`);
  });

  it('recycles an idle room (fresh provider) and a phone that comes later still connects', async () => {
    gateway.addRoom(LATE_ROOM);
    expect(gateway.rooms()).toEqual([ROOM, LATE_ROOM]);
    // a recycle shows at the signal server as the gateway leaving the topic and subscribing again
    const reports = (): number[] => topicReports.filter(([t]) => t === LATE_ROOM).map(([, n]) => n);
    await until(() => reports().join(',').startsWith('1,0,1'), 'the gateway to recycle the idle room', 8_000);
    expect(syncOpened.get(LATE_ROOM) ?? 0).toBe(0);

    const phone = startPhone(LATE_ROOM, 'late', 'still works');
    expect(await hostValue(LATE_ROOM, 'late')).toBe('still works');
    await until(() => lastPeers(LATE_ROOM) === 1, 'onPeers(late room, 1)');
    await phone.quit();

    gateway.removeRoom(LATE_ROOM);
    expect(gateway.rooms()).toEqual([ROOM]);
    await until(() => signal.topicPeers(LATE_ROOM) === 0, 'the gateway to leave the removed room');
    await until(() => (syncConnections.get(LATE_ROOM) ?? 0) === 0, 'the host link of the removed room to close');
  });

  it('recycles a room whose peer connection is stuck, so the phone connects through a fresh one', async () => {
    gateway.addRoom(STUCK_ROOM);
    await until(() => signal.topicPeers(STUCK_ROOM) === 1, 'the gateway to subscribe the room');
    const t0 = Date.now();
    const phone = startPhone(STUCK_ROOM, 'unstuck', 'made it', true);
    await phone.waitFor((e) => e.event === 'stuck', 'the first connection to get stuck');
    expect(await hostValue(STUCK_ROOM, 'unstuck')).toBe('made it');
    console.log(`[gateway e2e] stuck first connection: phone write on the host ${Date.now() - t0} ms after spawn (recycleAfterMs 1000)`);
    await until(() => lastPeers(STUCK_ROOM) === 1, 'onPeers(stuck room, 1)');
    // one host link throughout, although the room's WebrtcProvider was replaced
    expect(syncOpened.get(STUCK_ROOM)).toBe(1);
    await phone.quit();
  });
  it('the phone made every offer: no phone of this file received one (the gateway never initiates)', () => {
    expect(phones.length).toBeGreaterThan(5);
    expect(phones.flatMap((p) => p.events.filter((e) => e.event === 'offered'))).toEqual([]);
  });
});

describe('Node WebRTC glue', () => {
  const TCP = 'candidate:1 1 tcp 1518280447 192.168.1.5 9 typ host tcptype active generation 0';
  const UDP = 'candidate:2 1 udp 2122260223 192.168.1.5 50000 typ host generation 0';

  it('recognises TCP candidates in every form simple-peer passes', () => {
    expect(isTcpCandidate(TCP)).toBe(true);
    expect(isTcpCandidate({ candidate: TCP, sdpMid: '0' })).toBe(true);
    expect(isTcpCandidate({ candidate: TCP.replace('tcp', 'TCP') })).toBe(true);
    expect(isTcpCandidate(UDP)).toBe(false);
    expect(isTcpCandidate({ candidate: '' })).toBe(false);
    expect(isTcpCandidate(null)).toBe(false);
    const sdp = ['v=0', `a=${TCP}`, `a=${UDP}`, 'a=end-of-candidates', ''].join('\r\n');
    expect(stripTcpCandidates(sdp)).toBe(['v=0', `a=${UDP}`, 'a=end-of-candidates', ''].join('\r\n'));
  });

  it('drops remote TCP candidates before they reach wrtc', async () => {
    const pc = new (nodeWrtc().RTCPeerConnection)({ iceServers: [] }) as unknown as {
      addIceCandidate(c: unknown): Promise<void>;
      close(): void;
    };
    try {
      // without a remote description wrtc rejects any candidate; a TCP one never gets that far
      await expect(pc.addIceCandidate({ candidate: TCP, sdpMid: '0', sdpMLineIndex: 0 })).resolves.toBeUndefined();
      await expect(pc.addIceCandidate({ candidate: UDP, sdpMid: '0', sdpMLineIndex: 0 })).rejects.toBeTruthy();
    } finally {
      pc.close();
    }
  });
});
