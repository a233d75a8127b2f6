import type { SyncConnection } from './sync-connection.js';
import { KEEPALIVE_MESSAGE } from './sync-wire.js';

/**
 * Every `periodMs`: terminates each connection not heard from since the last round, sends a tiny message
 * to those we sent nothing for a period, and pings them all. Returns the timer (unref'd).
 */
export function startKeepalive(
  conns: Iterable<SyncConnection>,
  periodMs: number,
  onError?: (reason: string) => void,
): ReturnType<typeof setInterval> {
  const timer = setInterval(() => {
    const now = Date.now();
    for (const conn of conns) {
      if (!conn.alive) {
        onError?.(`${conn.name}: no answer to keepalive, closing`);
        conn.ws.terminate();
        continue;
      }
      conn.alive = false;
      if (now - conn.lastSent >= periodMs - 1) conn.send(KEEPALIVE_MESSAGE);
      try {
        conn.ws.ping();
      } catch {
        conn.ws.terminate();
      }
    }
  }, periodMs);
  timer.unref?.();
  return timer;
}
