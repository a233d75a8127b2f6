import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneToken } from '../src-relay/relay-token.js';
import { buildCliIfStale, RelayClient, startRedis, startRelay, until, type RedisProcess, type RelayProcess } from './helpers/relay-harness.js';

/**
 * The relay persists nothing, so it takes no lock in Redis to store a document (src-relay/relay-redis.ts):
 * the Redis extension's Redlock ran two scripts on Redis for every changed room, each time Hocuspocus
 * stored it. Real Redis (its own command counts), a real relay process, two stock providers.
 */

const run = promisify(execFile);
const SECRET = 'relay-store-lock-test-secret-1';
let redis: RedisProcess;
let relay: RelayProcess;
const clients: RelayClient[] = [];

beforeAll(async () => {
  await buildCliIfStale();
  redis = await startRedis();
  relay = await startRelay(redis.url, SECRET);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await relay?.stop();
  await redis?.stop();
});

const redisCli = async (...args: string[]): Promise<string> => (await run('redis-cli', ['-p', String(redis.port), ...args])).stdout;

describe('a room changed on the relay', () => {
  it('syncs between two phones and is stored and let go without a lock script on Redis', async () => {
    const name = 'room-store-lock-1';
    const token = phoneToken(SECRET, name, Date.now());
    const a = new RelayClient(relay.url, name, token);
    const b = new RelayClient(relay.url, name, token);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    for (let i = 0; i < 5; i++) a.doc.getArray<string>('requests').push([`request ${i}`]);
    await until(() => b.doc.getArray('requests').length === 5, 5000, 'the changes on the other phone');
    // Both leave: Hocuspocus stores the document at once and unloads it, and the extension then leaves the
    // room's channel in Redis, which says the store is over.
    a.destroy();
    b.destroy();
    clients.length = 0;
    await until(async () => (await redisCli('PUBSUB', 'NUMSUB', `hocuspocus:${name}`)).trim().endsWith('0'), 10_000, 'the room let go');
    const stats = await redisCli('INFO', 'commandstats');
    expect(stats).toMatch(/cmdstat_publish:calls=\d+/);
    expect(stats).not.toMatch(/cmdstat_(eval|evalsha|set):/);
  }, 30_000);
});
