import type { EventBody } from '../../events.js';

export interface CommentState {
  id: string;
  itemId: string;
  deviceId: string;
  requestId: string;
  text: string;
  /** Empty when the resident gave no name. */
  name: string;
  at: number;
  /** The event's place in the log (orders comments across items). */
  seq: number;
  /** Written by a muted phone: not in the minutes. */
  muted: boolean;
}

/** Written comments by agenda item, each list in the order written. */
export interface CommentsState {
  byItem: Map<string, CommentState[]>;
  /** How many comments the session holds (all items). */
  count: number;
}

export const emptyComments = (): CommentsState => ({ byItem: new Map(), count: 0 });

/** Applies a comment event, in place. */
export function applyCommentEvent(state: CommentsState, body: EventBody, at: number, seq: number): void {
  if (body.type !== 'comment.written') return;
  const list = state.byItem.get(body.itemId) ?? [];
  list.push({ id: body.commentId, itemId: body.itemId, deviceId: body.deviceId, requestId: body.requestId, text: body.text, name: body.name, at, seq, muted: body.muted === true });
  state.byItem.set(body.itemId, list);
  state.count++;
}

/** How many comments this phone wrote on the item. */
export const commentsBy = (state: CommentsState, itemId: string, deviceId: string): number =>
  (state.byItem.get(itemId) ?? []).filter((c) => c.deviceId === deviceId).length;
