import type { SyncServer } from '../net/sync-server.js';
import type { SessionManager } from '../pipeline/session-manager.js';
import type { Venue } from '../venue/venue.js';
import { MemoryReclaim } from './memory-reclaim.js';
import { roomDocName } from './room-docs.js';

/**
 * Rooms that no transport (a phone's WebSocket, or the gateway's link for WebRTC) has used for `idleMs`
 * leave memory; the next connection loads them again (room-docs.ts). Returns how to stop sweeping.
 */
export function startIdleSweep(sessions: SessionManager, sync: SyncServer, venue: Venue, idleMs: number): () => void {
  const reclaim = new MemoryReclaim();
  const unloadIdleRooms = (): void => {
    const unloaded = sessions.current?.rooms.unloadIdle(idleMs, (room) => sync.connections(room.doc) > 0) ?? [];
    for (const room of unloaded) venue.unwatchRoom(roomDocName(room.roomId));
    if (unloaded.length > 0) reclaim.request();
  };
  const timer = setInterval(unloadIdleRooms, Math.min(Math.max(idleMs / 4, 100), 1_000));
  timer.unref();
  return () => {
    clearInterval(timer);
    reclaim.dispose();
  };
}
