import { CONNECTED_GRACE_MS } from './net/connected-phones.js';

/** What the host hears of remote phones: its relay link (relay-access.ts) and when the link last went up or down. */
export interface RelayPresence {
  connected(): boolean;
  since(): number;
  remoteRooms(): number;
}

/** How often the count of remote phones is read (the relay link says nothing when one comes or goes). */
export const REMOTE_COUNT_EVERY_MS = 1000;

/**
 * Remote phones counted among "phones connected" (the projector's count, a poll's turnout, the attendance
 * peak): the phones on the relay now (`RelayLink.present()`), while the laptop's link to the relay is up.
 * A link down for longer than a LAN phone's grace period counts none: the laptop hears nothing from them
 * then, and a poll closed meanwhile could not have had their ballots. A shorter drop (a relay restarted,
 * the laptop moved to another instance) does not make the count flicker, as a LAN phone's reconnect does not.
 */
export function remotePhonesNow(relay: RelayPresence | null, now = Date.now(), graceMs = CONNECTED_GRACE_MS): number {
  if (!relay) return 0;
  return relay.connected() || now - relay.since() < graceMs ? relay.remoteRooms() : 0;
}

/**
 * Reads `count` every `everyMs` and calls `onChange` when it differs from the last reading, so the board
 * follows remote phones as they come and go. Returns the function that stops it.
 */
export function watchRemotePhones(count: () => number, onChange: () => void, everyMs = REMOTE_COUNT_EVERY_MS): () => void {
  let last = count();
  const timer = setInterval(() => {
    const n = count();
    if (n === last) return;
    last = n;
    onChange();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
