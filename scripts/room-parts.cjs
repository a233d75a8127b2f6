'use strict';
/**
 * The simulated phones' view of a room document (bench, chaos, fuzz), as src-shared/docs/room-doc.ts lays
 * it out: the host's parts live under `host` → `now` (a map the host replaces now and then), and a phone
 * deletes a request from `requests` once its final receipt is in (src-shared/docs/room-prune.ts).
 */
const Y = require('yjs');

const PRUNE_ORIGIN = 'phone:prune';

/** One of the host's parts of the room (`receipts`, `myVotes`, ...), or null before the host wrote it. */
function hostPart(doc, name) {
  const now = doc.getMap('host').get('now');
  const part = now instanceof Y.Map ? now.get(name) : null;
  return part instanceof Y.Map ? part : null;
}

/**
 * The receipts map of a room: the host's part, or on a host from before issue 21 (to measure it again,
 * docs/soak) the top-level `receipts` map. Read it again after every update: the host replaces its parts.
 */
const receiptsOf = (doc) => hostPart(doc, 'receipts') ?? doc.getMap('receipts');

/** A receipt that is not `{ ok: false, retry: true }` (the host has not stored the request yet). */
const isFinal = (r) => r !== undefined && r !== null && !(r.ok === false && r.retry === true);

/** Deletes the requests with these ids from the room, in one transaction, as the phone app does. Returns how many. */
function deleteRequests(doc, ids) {
  const requests = doc.getArray('requests');
  const done = [];
  requests.toArray().forEach((r, i) => {
    if (r && ids.has(r.id)) done.push(i);
  });
  if (done.length) doc.transact(() => done.reverse().forEach((i) => requests.delete(i, 1)), PRUNE_ORIGIN);
  return done.length;
}

/**
 * Calls `onReceipt(id, receipt)` when a request's receipt shows (and again when a "will retry" one turns
 * final). With `prune` (the default, as the phone app does) a request with a final receipt is deleted from
 * the room; the host then drops the receipt.
 */
function watchReceipts(doc, onReceipt, { prune = true } = {}) {
  const seen = new Map();
  doc.on('afterTransaction', (tx) => {
    if (tx.origin === PRUNE_ORIGIN) return;
    const receipts = hostPart(doc, 'receipts');
    if (!receipts) return;
    const final = new Set();
    for (const [id, r] of receipts.entries()) {
      const state = isFinal(r) ? 'final' : 'retry';
      if (state === 'final') final.add(id);
      if (seen.get(id) === state) continue;
      seen.set(id, state);
      onReceipt(id, r);
    }
    if (seen.size > 2 * receipts.size + 100) for (const id of [...seen.keys()]) if (!receipts.has(id)) seen.delete(id);
    if (prune && final.size > 0) deleteRequests(doc, final);
  });
}

module.exports = { hostPart, receiptsOf, isFinal, deleteRequests, watchReceipts };
