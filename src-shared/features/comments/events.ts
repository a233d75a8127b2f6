/** Written comments on an agenda item (issue 19): a resident's text for the record, sent from a phone. */
export type CommentEvent = {
  type: 'comment.written';
  commentId: string;
  itemId: string;
  deviceId: string;
  requestId: string;
  text: string;
  /** Empty when the resident gave no name. */
  name: string;
};

export const COMMENT_EVENT_TYPES: Record<CommentEvent['type'], true> = {
  'comment.written': true,
};
