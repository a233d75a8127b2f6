import type * as Y from 'yjs';

/** One document as the sync server serves it to a peer (see sync-server.ts). */
export interface SyncTarget {
  doc: Y.Doc;
  readOnly: boolean;
  /**
   * Bytes the doc may grow to with what peers write (its encoded size when first served, plus every
   * update accepted since). An update past it is not applied: the connection is closed with
   * ROOM_FULL_REASON, and the room keeps what it had (and keeps answering requests that fit).
   */
  maxBytes?: number;
  /** Connections this doc may have at once (a phone room: the phone, the same phone reloading, the gateway). */
  maxConnections?: number;
  /** Served with `doc` as one document, read-only for the peer (the board inside a phone's room). */
  overlay?: Y.Doc;
  /** Called when a connection to this doc opens or closes (for "phones connected"). */
  onConnections?(count: number): void;
  /**
   * Updates may be sent before they are stored. Only for the console's desk: a projection of the log,
   * and the way the facilitator hears that the data folder cannot be written.
   */
  sendBeforeStored?: boolean;
}
