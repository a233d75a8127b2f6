import type { Conn } from './signal-rooms.js';

const WINDOW_MS = 10_000;

/**
 * Message limits of the signaling server: per connection and per address, each in windows of 10 s (the
 * address windows are reset as a whole: cheap and bounded). The gateway (trusted) is never limited.
 * Returns the reason a message goes past a limit, or null.
 */
export function signalRateLimit(limits: { maxMessagesPer10s?: number; maxMessagesPer10sPerAddress?: number | (() => number) }): (conn: Conn) => string | null {
  let perAddress = new Map<string, number>();
  let perAddressWindow = Date.now();
  return (conn) => {
    if (conn.trusted) return null;
    const now = Date.now();
    if (now - conn.windowStart >= WINDOW_MS) {
      conn.windowStart = now;
      conn.count = 0;
    }
    if (limits.maxMessagesPer10s !== undefined && ++conn.count > limits.maxMessagesPer10s) return 'too many messages';
    const max = limits.maxMessagesPer10sPerAddress;
    if (max === undefined) return null;
    if (now - perAddressWindow >= WINDOW_MS) {
      perAddressWindow = now;
      perAddress = new Map();
    }
    const n = (perAddress.get(conn.address) ?? 0) + 1;
    perAddress.set(conn.address, n);
    return n > (typeof max === 'function' ? max() : max) ? 'too many messages from this address' : null;
  };
}
