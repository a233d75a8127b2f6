import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** `ws` keeps the TCP socket under this (not public API; `ws` has no way to batch writes of its own). */
type WithSocket = { _socket?: Duplex | null };

const corking = new WeakSet<WebSocket>();

/**
 * Holds what `ws` sends until the event loop's turn is over, so the messages of one turn reach the kernel
 * as one write. `ws` writes every message at once (a header and the data, one `writev` each). The one socket
 * between the laptop and the relay carries every remote room: after a 60 s uplink cut at 5000 remote
 * phones, 5000 authentications and syncs one way and 5000 answers the other, one write each; the sends were
 * 7 % of the host's recovery and a third of the busy relay's (`writev`, docs/BENCHMARKS.md, Hybrid
 * meetings, item 13). Only for a socket that carries many messages per turn: for a phone's, it would add
 * a timer per write for nothing. Idempotent.
 */
export function corkSendsPerTurn(ws: WebSocket): void {
  if (corking.has(ws)) return;
  corking.add(ws);
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  let held: Duplex | null = null;
  const release = (): void => {
    const socket = held;
    held = null;
    socket?.uncork();
  };
  ws.send = ((...args: unknown[]) => {
    const socket = (ws as unknown as WithSocket)._socket;
    if (held === null && socket && !socket.destroyed) {
      socket.cork();
      held = socket;
      setImmediate(release);
    }
    send(...args);
  }) as WebSocket['send'];
}
