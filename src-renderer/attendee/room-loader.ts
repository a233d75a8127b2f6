/*
 * The live room's chunk (Yjs, y-websocket, y-indexeddb), fetched once, by the room screen after its
 * first render: the question form is usable before it arrives (questions wait in the outbox).
 */
import type * as RoomLive from './room-live';

type RoomLiveModule = typeof RoomLive;

let pending: Promise<RoomLiveModule> | null = null;

export function loadRoomLive(): Promise<RoomLiveModule> {
  if (!pending) {
    pending = import('./room-live');
    // A failed fetch (the Wi-Fi dropped) may be tried again.
    pending.catch(() => {
      pending = null;
    });
  }
  return pending;
}
