import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBoard } from '../src-shared/docs/board-doc.js';
import { startRelayHost, type RelayHost } from './helpers/relay-host-harness.js';
import { RelayClient, until } from './helpers/relay-harness.js';

/**
 * The board goes to the relay once a second at most, and never while the relay has yet to take the last
 * update (relay-link.ts, BOARD_ACK_WAIT_MS): a relay too busy to keep up gets the board's changes merged,
 * as often as it can pass them on, instead of a queue of them, each of which it would write to every
 * reader. Here the relay process is stopped (SIGSTOP: its socket stays open, nothing is read or answered)
 * while the hall asks four questions, one a second. Real Redis, a real relay process, the stock provider.
 */

const SECRET = 'relay-board-ack-test-secret-01';
let env: RelayHost;
const clients: RelayClient[] = [];

beforeAll(async () => {
  env = await startRelayHost(SECRET);
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  // A failed test must not leave the relay stopped: stopping it waits for its exit.
  if (env) process.kill(env.relay.pid, 'SIGCONT');
  await env?.stop();
});

describe('the board while the relay is slow to take it', () => {
  it('waits for the relay to acknowledge the last update and then goes merged, with every change', async () => {
    const { h, relay } = env;
    const code = await h.openSession('Board and a slow relay', false);
    await until(() => h.host.relay!.connected(), 5000, 'laptop on the relay');
    const lan = await h.phone(code);
    const joined = h.host.relay!.join(code, { address: '192.0.2.7' });
    if (!joined.ok || !('relayToken' in joined)) throw new Error('join failed');
    const board = new RelayClient(relay.url, 'board', joined.relayToken);
    clients.push(board);
    await board.synced();

    const asked = ['Is the library open on Sundays?', 'Who pays for the new crossing?', 'When is the budget vote?', 'Can the minutes be read online?'];
    process.kill(relay.pid, 'SIGSTOP');
    try {
      for (const text of asked) {
        const id = lan.send({ kind: 'ask', text });
        expect(await lan.until(() => lan.receipt(id))).toMatchObject({ ok: true });
        // Each in a second of its own: without the wait for the relay, each would be an update of its own.
        await new Promise((r) => setTimeout(r, 1100));
      }
    } finally {
      process.kill(relay.pid, 'SIGCONT');
    }
    let updates = 0;
    board.doc.on('update', () => updates++);
    const texts = (): string[] => readBoard(board.doc).questions.map((q) => q.text);
    await until(() => asked.every((t) => texts().includes(t)), 10_000, 'every question on the remote board');
    // Anything still on its way has had a batch and more to arrive.
    await new Promise((r) => setTimeout(r, 2500));
    expect(texts()).toEqual(expect.arrayContaining(asked));
    // The update the relay had not taken when it stopped, then the rest merged: two, not four.
    expect(updates).toBeLessThanOrEqual(2);
  }, 60_000);
});
