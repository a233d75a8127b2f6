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
  /**
   * The facilitator had muted the phone when it wrote (as with its questions): the comment stays in the
   * log and the archive, and is left out of the minutes (which count it) and the published record.
   */
  muted?: true;
};

export const COMMENT_EVENT_TYPES: Record<CommentEvent['type'], true> = {
  'comment.written': true,
};
