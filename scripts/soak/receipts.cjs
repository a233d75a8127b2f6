'use strict';
/**
 * Where a phone finds its receipts, in either version of the room document:
 *   new: doc.getMap('host').get('now').get('receipts')  (nested maps; the host replaces `now` now and then)
 *   old: doc.getMap('receipts')                         (a root map)
 * Read it again after every update rather than keeping a Y.Map: the nested one may be replaced.
 */
const Y = require('yjs');

/** The receipts map of a room document: the nested one when present, else the root `receipts` map. */
function receiptsOf(doc) {
  const now = doc.getMap('host').get('now');
  const nested = now instanceof Y.Map ? now.get('receipts') : undefined;
  return nested instanceof Y.Map ? nested : doc.getMap('receipts');
}

/** A receipt that is not `{ ok: false, retry: true }` (the host has not stored the request yet). */
const isFinal = (r) => r !== undefined && r !== null && !(r.ok === false && r.retry === true);

module.exports = { receiptsOf, isFinal };
