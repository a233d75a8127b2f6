import type * as Y from 'yjs';

/**
 * A version-cached view of a Y.Doc for `useSyncExternalStore`: every doc update bumps a version, and the
 * view is recomputed lazily, at most once per version, so React gets the same snapshot object until the
 * document really changed.
 */
export interface YViewStore<T> {
  subscribe: (onChange: () => void) => () => void;
  getSnapshot: () => T;
}

export function createYViewStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): YViewStore<T> {
  let version = 0;
  let cachedVersion = -1;
  let cached: T;
  return {
    subscribe(onChange) {
      const onUpdate = (): void => {
        version++;
        onChange();
      };
      doc.on('update', onUpdate);
      return () => doc.off('update', onUpdate);
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
