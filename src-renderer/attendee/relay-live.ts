/*
 * A remote phone's live room (issue 20): its own chunk (the Hocuspocus client), fetched only by phones that
 * joined through the relay, so a phone in the hall downloads nothing more.
 */
import { renewRelayAccess } from './join-api';
import type { JoinIdentity } from './join';
import type { Outbox } from './outbox';
import { connectRelayRoom } from './relay-connection';
import { openLiveRoom, type LiveRoom } from './room-live';

export function openRelayRoom(identity: JoinIdentity, outbox: Outbox): LiveRoom {
  if (!identity.relay) throw new Error('not a remote phone');
  return openLiveRoom(connectRelayRoom({ ...identity, relay: identity.relay }, renewRelayAccess), outbox);
}
