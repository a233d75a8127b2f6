/*
 * The live room's chunk (Yjs, y-websocket, y-indexeddb), fetched once, by the room screen after its
 * first render: the question form is usable before it arrives (questions wait in the outbox). A phone that
 * joined through the relay fetches the Hocuspocus client's chunk instead of opening the LAN's transports.
 */
import type { JoinIdentity } from './join';
import type { Outbox } from './outbox';
import type { LiveCards, LiveRoom } from './room-live';

export interface RoomLive {
  open(identity: JoinIdentity, outbox: Outbox): LiveRoom;
  liveCards: LiveCards;
}

const pending = new Map<boolean, Promise<RoomLive>>();

export function loadRoomLive(remote: boolean): Promise<RoomLive> {
  let load = pending.get(remote);
  if (!load) {
    load = remote
      ? Promise.all([import('./room-live'), import('./relay-live')]).then(([live, relay]) => ({ open: relay.openRelayRoom, liveCards: live.liveCards }))
      : import('./room-live').then((live) => ({ open: live.openLanRoom, liveCards: live.liveCards }));
    pending.set(remote, load);
    // A failed fetch (the Wi-Fi dropped) may be tried again.
    load.catch(() => pending.delete(remote));
  }
  return load;
}
