import type { Hocuspocus } from '@hocuspocus/server';
import { RELAY_BOARD_DOC } from './relay-token.js';

/**
 * The Hocuspocus provider closes and reopens a socket that received no message for 30 s. While the laptop
 * is connected, its presence on the board (renewed every 5 s) reaches every phone; when the venue's uplink
 * drops, nothing does, and every remote phone reconnected every 30 s: each a new authentication and a sync
 * of its room and the board. With 2000 remote phones the second wave met the laptop's return, and the
 * relay holding the laptop spent it answering both (docs/BENCHMARKS.md, Hybrid meetings).
 *
 * So each instance says something small to the phones whose board is open on it, every KEEPALIVE_MS: a
 * stateless message the app ignores. Local connections only (never through Redis): every instance keeps
 * its own phones.
 */
export const PHONE_KEEPALIVE_MS = 10_000;
export const KEEPALIVE_PAYLOAD = 'keepalive';

export function startPhoneKeepalive(instance: Hocuspocus, everyMs = PHONE_KEEPALIVE_MS): () => void {
  const timer = setInterval(() => {
    const board = instance.documents.get(RELAY_BOARD_DOC);
    if (!board) return;
    for (const connection of board.getConnections()) if (connection.readOnly) connection.sendStateless(KEEPALIVE_PAYLOAD);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
