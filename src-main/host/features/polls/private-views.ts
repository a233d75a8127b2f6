import { putEntry } from '../../../../src-shared/docs/json-map.js';
import { hostParts } from '../../../../src-shared/docs/room-doc.js';
import type { SessionState } from '../../../../src-shared/state.js';
import { transact } from '../../../../src-shared/transaction-origins.js';
import type { Room, RoomDocs } from '../../rooms/room-docs.js';
import type { AppliedEvents } from '../../store/session-log.js';

/** Each phone's own counted ballot per poll (`myBallots` in its room): only that phone ever sees it. */
export function updateMyBallots(rooms: RoomDocs, applied: AppliedEvents): void {
  for (const { body } of applied.events) {
    if (body.type !== 'ballot.cast' && body.type !== 'ballot.changed') continue;
    const room = rooms.loadedOfDevice(body.deviceId);
    if (room) transact(room.doc, 'host:private', () => putEntry(hostParts(room.doc).myBallots, body.pollId, body.choices));
  }
}

/** A room's whole ballot view (when it is opened). */
export function rewriteMyBallots(room: Room, state: SessionState): void {
  const { myBallots } = hostParts(room.doc);
  transact(room.doc, 'host:private', () => {
    for (const p of state.polls.byId.values()) putEntry(myBallots, p.id, p.ballots.get(room.deviceId) ?? null);
  });
}
