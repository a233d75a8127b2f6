import { hostParts } from '../../../../src-shared/docs/room-doc.js';
import { isAgendaEvent } from '../../../../src-shared/features/agenda/fold.js';
import { mySpeaking, mySpeakingOf, type MySpeaking } from '../../../../src-shared/features/agenda/views.js';
import { putEntry } from '../../../../src-shared/docs/json-map.js';
import type { LoggedEvent } from '../../../../src-shared/events.js';
import type { SessionState } from '../../../../src-shared/state.js';
import { transact } from '../../../../src-shared/transaction-origins.js';
import type { Room, RoomDocs } from '../../rooms/room-docs.js';

/**
 * Each phone's own sign-ups to speak (`mySpeaking` in its room): its place in line, called, done. A queue
 * change moves everybody behind it, so every phone signed up on a touched item is rewritten (only the
 * entries that differ change).
 */
export function updateMySpeaking(rooms: RoomDocs, state: SessionState, events: readonly LoggedEvent[]): void {
  const agenda = state.agenda;
  const items = new Set<string>();
  let all = false;
  for (const { body } of events) {
    if (!isAgendaEvent(body)) continue;
    if ('itemId' in body && body.itemId) items.add(body.itemId);
    else if ('speakerId' in body && body.speakerId) {
      const s = agenda.speakers.get(body.speakerId);
      if (s) items.add(s.itemId);
    } else all = true; // timer events and the like: cheap enough to look at every sign-up
  }
  if (!all && items.size === 0) return;
  const devices = new Set<string>();
  for (const s of agenda.speakers.values()) if (s.deviceId && (all || items.has(s.itemId))) devices.add(s.deviceId);
  const entries = mySpeakingOf(agenda, devices);
  for (const deviceId of devices) {
    const room = rooms.loadedOfDevice(deviceId);
    if (room) writeMySpeaking(room, entries.get(deviceId) ?? []);
  }
}

/** A room's whole `mySpeaking` (when it is opened, or its queue moved). */
export function rewriteMySpeaking(room: Room, state: SessionState): void {
  writeMySpeaking(room, mySpeaking(state.agenda, room.deviceId));
}

function writeMySpeaking(room: Room, entries: MySpeaking[]): void {
  const map = hostParts(room.doc).mySpeaking;
  if (entries.length === 0 && map.size === 0) return;
  transact(room.doc, 'host:private', () => {
    const seen = new Set<string>();
    for (const e of entries) {
      seen.add(e.speakerId);
      putEntry(map, e.speakerId, e);
    }
    for (const key of [...map.keys()]) if (!seen.has(key)) map.delete(key);
  });
}
