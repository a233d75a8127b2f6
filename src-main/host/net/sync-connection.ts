import { CLOSE_CODES } from '../../../src-shared/close-codes.js';
import type { SyncTarget } from './sync-target.js';

/** Why an update that would make a room larger than its cap is refused (the close reason, under 123 bytes). */
export const ROOM_FULL_REASON = 'This phone has stored as much on the host as one phone may.';

/** Thrown for a message that breaks a limit: the connection is closed with this reason. */
export class LimitError extends Error {}
export class RoomFullError extends LimitError {}

export interface ConnectionLimits {
  /** Messages a connection may send per 10 s before it is closed as a flood. */
  maxMessagesPer10s: number;
  /** Sync step 1 requests a connection may send per 10 s. */
  maxStep1Per10s: number;
  /** A connection whose unsent data passes this is terminated instead of queued. */
  maxBufferedBytes: number;
  onError?(reason: string): void;
}

/**
 * The part of a WebSocket the sync server uses: `ws`'s, for phones and the loopback's clients, or the
 * server end of an in-process pair (in-process-socket.ts) for the relay link's bridges.
 */
export interface PeerSocket {
  readonly OPEN: number;
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: string;
  send(data: Uint8Array, options: { binary: boolean }): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  ping(): void;
  on(event: 'message', listener: (raw: unknown, isBinary: boolean) => void): unknown;
  on(event: 'close' | 'pong' | 'error', listener: () => void): unknown;
}

/** One peer's WebSocket to one document: what it may still send, and whether it is alive. */
export class SyncConnection {
  /** Heard from since the last keepalive round (a message or a pong). */
  alive = true;
  /** When we last sent this connection anything. */
  lastSent = 0;
  private step1WindowStart = Date.now();
  private step1Count = 0;
  private messageWindowStart = Date.now();
  private messageCount = 0;

  constructor(
    readonly ws: PeerSocket,
    readonly target: SyncTarget,
    readonly name: string,
    private readonly limits: ConnectionLimits,
  ) {}

  send(data: Uint8Array): void {
    const { ws } = this;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > this.limits.maxBufferedBytes) {
      // A peer that stopped reading: close it rather than hold its backlog in memory.
      this.limits.onError?.(`${this.name}: stopped reading (${ws.bufferedAmount} bytes unsent), closing`);
      ws.terminate();
      return;
    }
    this.lastSent = Date.now();
    ws.send(data, { binary: true });
  }

  /** Counts a message from the peer; false (and the connection closed) when it floods. */
  countMessage(): boolean {
    const now = Date.now();
    if (now - this.messageWindowStart > 10_000) {
      this.messageWindowStart = now;
      this.messageCount = 0;
    }
    if (++this.messageCount <= this.limits.maxMessagesPer10s) return true;
    this.limits.onError?.(`${this.name}: flood, closing`);
    this.ws.close(CLOSE_CODES.policy, 'too many messages');
    return false;
  }

  /** Counts a sync step 1 request (each costs a full diff); throws past the limit. */
  countStep1(): void {
    const now = Date.now();
    if (now - this.step1WindowStart >= 10_000) {
      this.step1WindowStart = now;
      this.step1Count = 0;
    }
    if (++this.step1Count > this.limits.maxStep1Per10s) throw new LimitError('too many sync requests');
  }

  /** Closes the connection for a message it could not be served. */
  closeFor(err: unknown): void {
    this.limits.onError?.(`${this.name}: ${(err as Error).message}`);
    if (err instanceof RoomFullError) this.ws.close(CLOSE_CODES.tooBig, err.message);
    else this.ws.close(CLOSE_CODES.policy, err instanceof LimitError ? err.message : 'malformed message');
  }
}
