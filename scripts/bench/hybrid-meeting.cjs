'use strict';
/**
 * The hybrid bench's meeting (scripts/bench-hybrid.cjs), every piece a real process: Redis, relays A and B
 * behind the round-robin balancer, the uplink hop, the laptop with an open session, the projector, and the
 * phones' worker processes (LAN and remote) given their phones. Also what the scenarios ask of it: a
 * question asked by one remote phone, every remote worker's answers, when the laptop's relay link is up.
 */
const { mkdtempSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');
const { BenchHost } = require('./host.cjs');
const { now, sleep } = require('./stats.cjs');
const { startWorkerProcess } = require('./worker-rpc.cjs');
const { startRedis, startRelay, startTcpProxy, startTcpProxyProcess } = require('./relay-stack.cjs');
const { projector } = require('./hybrid-measure.cjs');

/** LAN phone i leaves from its own loopback address (the LAN limits joins per address). */
const lanAddress = (i) => `127.77.${Math.floor(i / 250)}.${(i % 250) + 2}`;
/** Remote phone i names its address to the relays in X-Forwarded-For (benchmark range 198.18/15). */
const remoteAddress = (i) => `198.${18 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;

/** A worker process of remote phones (scripts/bench/remote-worker.cjs), niced: they are other people's devices. */
const remoteWorker = (id, name) => startWorkerProcess(join(__dirname, 'remote-worker.cjs'), { id, nice: 10, env: { ...process.env, BENCH_WORKER_ID: name } });

/**
 * Starts the meeting; each piece's stop goes on `cleanup`. `cfg`: the bench's settings (REMOTE, LAN,
 * BOARD_READERS, WORKERS, SECRET, PROFILE, PROFILE_CUT). `m.redis` and `m.relays` are replaced when a
 * scenario restarts them; `m.procs()` and the cleanup read them then.
 */
async function startMeeting(cfg, cleanup) {
  const { REMOTE, LAN, BOARD_READERS, WORKERS, SECRET } = cfg;
  const m = { cfg };
  m.redis = await startRedis();
  cleanup.push(() => m.redis.stop());
  /** A relay instance as the bench runs them (behind the balancer; the last 20,000 characters of its stderr kept). */
  m.startRelay = (options) => startRelay({ redisUrl: m.redis.url, secret: SECRET, args: ['--trust-proxy', '--sockets-per-address', '64'], keepStderr: 20_000, ...options });
  const profileDir = cfg.PROFILE ? mkdtempSync(join(os.tmpdir(), 'open-floor-bench-hybrid-prof-')) : undefined;
  const inspectable = cfg.PROFILE_CUT ? ['--inspect-port=0'] : [];
  const relayNodeArgs = (name) => [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=relay-${name}.cpuprofile`] : []), ...inspectable];
  const relays = (m.relays = await Promise.all(['A', 'B'].map((name) => m.startRelay({ nodeArgs: relayNodeArgs(name) }))));
  cleanup.push(() => Promise.all(relays.map((r) => r.stop())));
  const balancer = (m.balancer = await startTcpProxy(() => relays.map((r) => r.port)));
  cleanup.push(() => balancer.close());
  // Each remote worker's phones go through a balancer process of their own (two descriptors per phone:
  // 10,000 phones through one process passed this machine's 20,000 per process). Relay B restarts on its port.
  const balancers = await Promise.all(Array.from({ length: WORKERS }, () => startTcpProxyProcess(relays.map((r) => r.port))));
  cleanup.push(() => Promise.all(balancers.map((b) => b.close())));
  const uplink = (m.uplink = await startTcpProxy(() => [balancer.port]));
  cleanup.push(() => uplink.close());
  const host = (m.host = await new BenchHost({ profileDir, nodeArgs: [...inspectable, ...(process.env.BENCH_HOST_NODE_ARGS ?? '').split(' ').filter(Boolean)], args: ['--relay', `ws://127.0.0.1:${uplink.port}`], env: { OPEN_FLOOR_RELAY_SECRET: SECRET } }).start());
  cleanup.push(() => host.stop());
  m.procs = () => ({ host: host.pid, 'relay A': relays[0].pid, 'relay B': relays[1].pid, redis: m.redis.pid });
  await host.control('createSession', { title: 'Hybrid bench' });
  await host.control('setPremoderation', { on: false });
  const { joinUrl } = await host.control('openSession', {});
  const code = (m.code = joinUrl.split('/').pop());
  const screen = (m.screen = projector(host));
  cleanup.push(() => screen.destroy());

  // Phones: one LAN worker, WORKERS remote workers, all niced (they are other people's devices).
  const lanWorker = (m.lanWorker = startWorkerProcess(join(__dirname, 'worker.cjs'), { id: 0, nice: 10, env: { ...process.env, BENCH_WORKER_ID: 'lan' } }));
  const remoteWorkers = (m.remoteWorkers = Array.from({ length: WORKERS }, (_, w) => remoteWorker(w + 1, String(w))));
  cleanup.push(() => [lanWorker, ...remoteWorkers].forEach((w) => w.stop()));
  const allRemote = (m.allRemote = (cmd, args) => Promise.all(remoteWorkers.map((w) => w.call(cmd, typeof args === 'function' ? args(w) : args))));
  await lanWorker.call('init', { lanOrigin: host.lanOrigin, code, phones: Array.from({ length: LAN }, (_, i) => ({ idx: i, addr: lanAddress(i), watcher: i === 1 })) });
  // Every `stride`-th phone reads the board (all by default).
  const stride = BOARD_READERS > 0 ? Math.max(1, Math.floor(REMOTE / BOARD_READERS)) : Infinity;
  await allRemote('init', (w) => ({
    httpOrigin: `http://127.0.0.1:${balancers[w.id - 1].port}`,
    wsUrl: `ws://127.0.0.1:${balancers[w.id - 1].port}`,
    code,
    phones: Array.from({ length: REMOTE }, (_, i) => i)
      .filter((i) => i % WORKERS === w.id - 1)
      .map((i) => ({ idx: i, addr: remoteAddress(i), readsBoard: i % stride === 0 })),
  }));

  /** Every remote worker's answers to the requests tagged `tag`, in one list, and how many never came. */
  m.collectRemote = async (tag, timeoutMs) =>
    (await allRemote('collect', { tag, timeoutMs })).reduce((a, r) => ({ list: a.list.concat(r.list), missing: a.missing + r.missing }), { list: [], missing: 0 });
  /** Polls the console's Venue status every 100 ms: when the laptop's link to the relay was up again. */
  m.linkUp = async (timeoutMs) => {
    const end = now() + timeoutMs;
    while (now() < end) {
      const status = await host.control('venueStatus', {}).catch(() => null);
      if (status?.relay?.connected) return now();
      await sleep(100);
    }
    return NaN;
  };
  m.linkLines = () => (host.stderr.match(/relay link: \w+/g) || []).length;
  /** A question asked by remote phone `idx`; its id. */
  m.ask = async (idx, tag) => {
    const owner = remoteWorkers[idx % WORKERS];
    await owner.call('storm', { tag, startAt: now(), spreadMs: 0, total: REMOTE, questionId: '', askEvery: 1, mod: REMOTE, rem: idx });
    const { list } = await owner.call('collect', { tag, timeoutMs: 60_000 });
    if (!list[0] || !list[0].ok || !list[0].questionId) throw new Error(`question ${tag} not accepted: ${JSON.stringify(list[0])}`);
    return list[0].questionId;
  };
  return m;
}

module.exports = { startMeeting, remoteWorker, remoteAddress, lanAddress };
