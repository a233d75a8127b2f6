import type * as Y from 'yjs';
import { LIMITS } from '../../../src-shared/limits.js';
import type { SyncTarget } from '../net/sync-server.js';
import type { SessionManager } from '../pipeline/session-manager.js';
import type { Venue } from '../venue/venue.js';
import type { Room } from './room-docs.js';

// The board is served inside every room as a read-only overlay of the one board doc. What one phone may
// store in its room, and how many connections a room takes, are bounded (a hostile phone).
const ROOM_SYNC_LIMITS = { maxBytes: LIMITS.roomStoredBytes, maxConnections: LIMITS.connectionsPerRoom };

/** How the relay link names a room to the host's sync server (`relay/room-<id>`): the room without the board. */
export const RELAY_ROOM_PREFIX = 'relay/';

/** How a transport reaches a phone's room: over the LAN (the phone's WebSocket) or from the WebRTC gateway. */
export class RoomTargets {
  constructor(
    private readonly sessions: SessionManager,
    private readonly venue: Venue,
    private readonly board: Y.Doc,
  ) {}

  /** A phone's room over the LAN: its WebSocket connections count as the phone being connected. */
  phone(name: string): SyncTarget | null {
    const room = this.connecting(name);
    if (!room) return null;
    return {
      doc: room.doc,
      overlay: this.board,
      readOnly: false,
      ...ROOM_SYNC_LIMITS,
      onConnections: (n) => {
        this.venue.monitor.setConnections(name, 'ws', n, Date.now());
        this.sessions.setRoomConnections(room, 'ws', n);
      },
    };
  }

  /**
   * A remote phone's room for the relay link (loopback), without the board: remote phones read the board
   * from the relay's one board document. With the board inside every bridged room, each board change was
   * applied once per remote room on the laptop, on every relay instance and in Redis (300 remote phones
   * asking at once: 23 s to answer all, against 5.8 s when the board did not change).
   */
  relay(name: string): SyncTarget | null {
    const room = this.connecting(name);
    return room ? { doc: room.doc, readOnly: false, ...ROOM_SYNC_LIMITS } : null;
  }

  /** A phone's room for the WebRTC gateway (loopback): the gateway reports its peers itself. */
  gateway(name: string): SyncTarget | null {
    const room = this.connecting(name);
    return room ? { doc: room.doc, overlay: this.board, readOnly: false, ...ROOM_SYNC_LIMITS } : null;
  }

  /** A room a transport connects to, loaded into memory if it was unloaded, with its requests timed. */
  private connecting(name: string): Room | undefined {
    const room = this.sessions.roomByDocName(name);
    if (room) this.venue.watchRoom(name, room.doc);
    return room;
  }
}
