import * as Y from 'yjs';
import type { Store } from './store.js';
import type { StoreThenSend } from '../pipeline/store-then-send.js';

/**
 * Host documents are stored as their Yjs updates (not as snapshots of values), so the same CRDT items
 * come back after a restart and replicas that kept an old copy merge cleanly. Updates of one turn of the
 * event loop are merged into one row. After `COMPACT_AFTER` rows, or once the rows hold `COMPACT_SLACK` more
 * than twice what the last compaction wrote, a document's rows are replaced by one: its
 * state now, encoded from the live (garbage-collected) document, so what is stored follows what the
 * document holds, not its history (issue 21: merging the stored rows instead kept every deleted item's
 * content). Not while updates wait for a missing earlier one (Yjs would encode them too; they are stored
 * once they apply).
 */
const COMPACT_AFTER = 100;
const COMPACT_SLACK = 8 * 1024;

export function loadAndPersist(store: Store, turn: StoreThenSend, name: string, doc: Y.Doc): () => void {
  const { updates } = store.docUpdates(name);
  if (updates.length > 0) {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), 'host:load');
  }
  let rows = updates.length;
  let bytes = updates.reduce((n, u) => n + u.length, 0);
  /** What the last compaction wrote (the stored size a document needs now). */
  let compactBytes = rows === 1 ? bytes : 0;
  let written = 0;
  let pending: Uint8Array[] = [];
  // How many of `pending` the current write took, and whether it compacted: applied once it committed.
  let taken = 0;
  let compacted = false;
  const pendingWrite = {
    write: () => {
      taken = pending.length;
      compacted = false;
      if (taken === 0) return;
      const update = taken === 1 ? pending[0]! : Y.mergeUpdates(pending);
      store.appendDocUpdate(name, update);
      written = update.length;
      const due = rows + 1 >= COMPACT_AFTER || bytes + written > 2 * compactBytes + COMPACT_SLACK;
      if (due && doc.store.pendingStructs === null && doc.store.pendingDs === null) {
        const state = Y.encodeStateAsUpdate(doc);
        store.compactDoc(name, store.lastDocUpdateId(name), state);
        compacted = true;
        written = state.length;
      }
    },
    written: () => {
      if (taken === 0) return;
      pending = pending.slice(taken);
      rows = compacted ? 1 : rows + 1;
      bytes = compacted ? written : bytes + written;
      if (compacted) compactBytes = written;
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
