import * as Y from 'yjs';
import type { Store } from './store.js';

/**
 * Host documents are stored as their Yjs updates (not as snapshots of values), so the same CRDT items
 * come back after a restart and replicas that kept an old copy merge cleanly. Updates are merged into
 * one when a document has accumulated many.
 */
const COMPACT_AFTER = 500;

export interface PersistOptions {
  /** Updates with these origins are not stored (e.g. the board mirrored into a room: it is rebuilt). */
  skipOrigins?: readonly unknown[];
}

export function loadAndPersist(store: Store, name: string, doc: Y.Doc, opts: PersistOptions = {}): () => void {
  const { updates } = store.docUpdates(name);
  if (updates.length > 0) {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), 'host:load');
  }
  let sinceCompaction = updates.length;
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === 'host:load' || opts.skipOrigins?.includes(origin)) return;
    store.appendDocUpdate(name, update);
    if (++sinceCompaction >= COMPACT_AFTER) {
      const { lastId, updates: all } = store.docUpdates(name);
      store.compactDoc(name, lastId, Y.mergeUpdates(all));
      sinceCompaction = 1;
    }
  };
  doc.on('update', onUpdate);
  return () => doc.off('update', onUpdate);
}
