/**
 * What the laptop, the relay and a remote phone agree on (hybrid meetings, issue 20, docs/HYBRID.md).
 * Kept free of dependencies: the phone's live chunk imports it.
 */

/** The public board's document on the relay (a remote phone opens it read-only beside its room). */
export const RELAY_BOARD_DOC = 'board';

/** The laptop's awareness state on the relay's board: present while its connection to the relay is. */
export const LAPTOP_PRESENCE = { laptop: true } as const;

/** How often the laptop says its presence again (relay-link.ts). */
export const LAPTOP_PRESENCE_EVERY_MS = 5_000;
/**
 * A presence not renewed for this long is gone. When the laptop's connection closes, the relay instance it
 * was on removes its state at once for its own phones; phones on another instance learn it only this way
 * (Hocuspocus's Redis extension does not publish a removal from a document left without connections), as
 * do phones whose laptop's link died without closing.
 */
export const LAPTOP_PRESENCE_STALE_MS = 12_000;

/** Whether the laptop is on the board now: a state with `laptop: true`, renewed recently. */
export function laptopPresent(
  states: ReadonlyMap<number, Record<string, unknown>>,
  meta: ReadonlyMap<number, { lastUpdated: number }>,
  now: number,
): boolean {
  for (const [client, state] of states) {
    if (state.laptop === true && now - (meta.get(client)?.lastUpdated ?? 0) < LAPTOP_PRESENCE_STALE_MS) return true;
  }
  return false;
}

/** How long before its token runs out a remote phone asks for a new one (a re-join, same device). */
export const RELAY_TOKEN_RENEW_BEFORE_MS = 10 * 60 * 1000;
