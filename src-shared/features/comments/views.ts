import type { SessionState } from '../../state.js';

/**
 * A written comment as the console sees it (the desk). Comments are for the record, not the screen: the
 * board (projector and phones) carries none.
 */
export interface DeskComment {
  id: string;
  itemId: string;
  /** 1-based, in the order written in the session (the desk's map has no order of its own). */
  n: number;
  text: string;
  /** Empty when the resident gave no name. */
  name: string;
  at: number;
  /** Written by a muted phone: kept, but not in the minutes. */
  muted?: true;
}

/** Every written comment of the session, in the order written. */
export function deskComments(state: SessionState | null): DeskComment[] {
  if (!state) return [];
  const all = [...state.comments.byItem.values()].flat().sort((a, b) => a.seq - b.seq);
  return all.map((c, i) => ({ id: c.id, itemId: c.itemId, n: i + 1, text: c.text, name: c.name, at: c.at, ...(c.muted ? { muted: true as const } : {}) }));
}
