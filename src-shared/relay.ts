/**
 * What the laptop, the relay and a remote phone agree on (hybrid meetings, issue 20, docs/HYBRID.md).
 * Kept free of dependencies: the phone's live chunk imports it.
 */

/** The public board's document on the relay (a remote phone opens it read-only beside its room). */
export const RELAY_BOARD_DOC = 'board';

/** The laptop's awareness state on the relay's board: present while its connection to the relay is. */
export const LAPTOP_PRESENCE = { laptop: true } as const;

/** Whether any awareness state on the board is the laptop's. */
export function laptopPresent(states: ReadonlyMap<number, Record<string, unknown>>): boolean {
  for (const state of states.values()) if (state.laptop === true) return true;
  return false;
}

/** How long before its token runs out a remote phone asks for a new one (a re-join, same device). */
export const RELAY_TOKEN_RENEW_BEFORE_MS = 10 * 60 * 1000;
