import type * as Y from 'yjs';

/**
 * A version-cached view of a Y.Doc for `useSyncExternalStore`: every doc update bumps a version, and the
 * view is recomputed lazily, at most once per version, so React gets the same snapshot object until the
 * document really changed.
 *
 * The version counts every update from the store's creation, not only while someone is subscribed: a
 * component renders (first snapshot) before it subscribes (in an effect), and an update in between
 * (a room loading from IndexedDB, on a busy phone) must still make the next snapshot new. Before, such
 * an update was missed and the page showed the empty document until the next change.
 */
export interface YViewStore<T> {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => T;
}

export function createYViewStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): YViewStore<T> {
  let version = 0;
  let cachedVersion = -1;
  let cached: T;
  const listeners = new Set<() => void>();
  doc.on('update', () => {
    version++;
    listeners.forEach((l) => l());
  });
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    getSnapshot() {
      if (cachedVersion !== version) {
        cached = read(doc);
        cachedVersion = version;
      }
      return cached;
    },
  };
}
