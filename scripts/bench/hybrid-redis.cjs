'use strict';
/**
 * The hybrid bench's Redis restart (scripts/bench-hybrid.cjs): 40 fresh remote phones (round robin: half on
 * each relay instance), then Redis goes away and comes back on its port; their votes must be answered
 * without anything done to the laptop.
 */
const { now, sleep, ms } = require('./stats.cjs');
const { startRedis } = require('./relay-stack.cjs');
const { log, lat, fmtLat } = require('./hybrid-measure.cjs');
const { remoteWorker, remoteAddress } = require('./hybrid-meeting.cjs');

/** The restart on meeting `m` (its `redis` replaced by the new process); its results. */
async function redisRestart(m, cleanup) {
  const { REMOTE, PROBES } = m.cfg;
  // Fresh phones (round robin: half on each instance), then Redis goes away and comes back.
  const probes = 40;
  const probeWorker = remoteWorker(99, 'redis');
  cleanup.push(() => probeWorker.stop());
  await probeWorker.call('init', { httpOrigin: `http://127.0.0.1:${m.balancer.port}`, wsUrl: `ws://127.0.0.1:${m.balancer.port}`, code: m.code, phones: Array.from({ length: probes }, (_, i) => ({ idx: i, addr: remoteAddress(REMOTE + PROBES + 100 + i), readsBoard: false })) });
  const probeJoin = await probeWorker.call('join', { startAt: now(), ratePerSec: 20 });
  const q4 = await m.ask(3, 'ask-4');
  const redisPort = m.redis.port;
  await m.redis.stop();
  const tDown = now();
  m.redis = await startRedis(redisPort);
  const tUp = now();
  log(`Redis restarted on port ${redisPort} (${ms(tUp - tDown)} ms down); ${probeJoin.results.length} fresh phones vote`);
  await sleep(500);
  await probeWorker.call('storm', { tag: 'redis', startAt: now(), spreadMs: 0, total: probes, questionId: q4 });
  const answers = await probeWorker.call('collect', { tag: 'redis', timeoutMs: 30_000 });
  const result = { phones: probeJoin.results.length, answered: answers.list.length, unanswered: answers.missing, receipts: lat(answers.list), lastAfterRedisUpMs: Math.max(...answers.list.map((r) => r.recvT)) - tUp };
  log(`redis: ${answers.list.length}/${probes} answered (${answers.missing} not), ${fmtLat(result.receipts)}; the last ${ms(result.lastAfterRedisUpMs)} ms after Redis was up`);
  await probeWorker.call('close', {});
  return result;
}

module.exports = { redisRestart };
