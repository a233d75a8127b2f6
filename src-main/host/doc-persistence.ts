import * as Y from 'yjs';
import type { Store } from './store.js';
import type { Tick } from './tick.js';

/**
 * Host documents are stored as their Yjs updates (not as snapshots of values), so the same CRDT items
 * come back after a restart and replicas that kept an old copy merge cleanly. Updates of one turn of the
 * event loop are merged into one row; a document's rows are merged into one after many.
 */
const COMPACT_AFTER = 500;

export function loadAndPersist(store: Store, tick: Tick, name: string, doc: Y.Doc): () => void {
  const { updates } = store.docUpdates(name);
  if (updates.length > 0) {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), 'host:load');
  }
  let rows = updates.length;
  let pending: Uint8Array[] = [];
  const write = () => {
    if (pending.length === 0) return;
    store.appendDocUpdate(name, pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending));
    pending = [];
    if (++rows >= COMPACT_AFTER) {
      const { lastId, updates: all } = store.docUpdates(name);
      store.compactDoc(name, lastId, Y.mergeUpdates(all));
      rows = 1;
    }
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'host:load') return;
    pending.push(update);
    tick.store(write);
  };
  doc.on('update', onUpdate);
  return () => {
    write();
    doc.off('update', onUpdate);
  };
}
