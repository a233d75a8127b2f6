import * as Y from 'yjs';
import type { Store } from './store.js';
import type { StoreThenSend } from '../pipeline/store-then-send.js';

/**
 * Host documents are stored as their Yjs updates (not as snapshots of values), so the same CRDT items
 * come back after a restart and replicas that kept an old copy merge cleanly. Updates of one turn of the
 * event loop are merged into one row; a document's rows are merged into one after many.
 */
const COMPACT_AFTER = 500;

export function loadAndPersist(store: Store, turn: StoreThenSend, name: string, doc: Y.Doc): () => void {
  const { updates } = store.docUpdates(name);
  if (updates.length > 0) {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), 'host:load');
  }
  let rows = updates.length;
  let pending: Uint8Array[] = [];
  // How many of `pending` the current write took, and whether it compacted: applied once it committed.
  let taken = 0;
  let compacted = false;
  const pendingWrite = {
    write: () => {
      taken = pending.length;
      compacted = false;
      if (taken === 0) return;
      store.appendDocUpdate(name, taken === 1 ? pending[0]! : Y.mergeUpdates(pending));
      if (rows + 1 >= COMPACT_AFTER) {
        const { lastId, updates: all } = store.docUpdates(name);
        store.compactDoc(name, lastId, Y.mergeUpdates(all));
        compacted = true;
      }
    },
    written: () => {
      if (taken === 0) return;
      pending = pending.slice(taken);
      rows = compacted ? 1 : rows + 1;
      taken = 0;
    },
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'host:load') return;
    pending.push(update);
    turn.store(pendingWrite);
  };
  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    if (pending.length === 0) return;
    // A last write when the document goes away; if the disk still fails, the log has the truth.
    try {
      store.transaction(() => pendingWrite.write());
      pendingWrite.written();
    } catch {
      // nothing more can be done for a document that is closing
    }
  };
}
