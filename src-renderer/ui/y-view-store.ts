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

/**
 * One update counter per document, counting from the first store made for it, whether or not anything is
 * subscribed. A counter kept only while subscribed misses an update that lands between a component's
 * first render and its subscription (React and Preact subscribe in an effect, after paint): the phone
 * then kept showing the room as it was before IndexedDB loaded, e.g. without a question typed offline.
 */
const counters = new WeakMap<Y.Doc, { version: number }>();

function counterOf(doc: Y.Doc): { version: number } {
  let counter = counters.get(doc);
  if (!counter) {
    const c = { version: 0 };
    doc.on('update', () => {
      c.version++;
    });
    counters.set(doc, c);
    counter = c;
  }
  return counter;
}

export function createYViewStore<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): YViewStore<T> {
  const counter = counterOf(doc);
  let cachedVersion = -1;
  let cached: T;
  return {
    subscribe(onChange) {
      const onUpdate = (): void => onChange();
      doc.on('update', onUpdate);
      // The document changed after the last snapshot and before this subscription: say so now.
      if (cachedVersion !== -1 && cachedVersion !== counter.version) onChange();
      return () => doc.off('update', onUpdate);
    },
    getSnapshot() {
      if (cachedVersion !== counter.version) {
        cached = read(doc);
        cachedVersion = counter.version;
      }
      return cached;
    },
  };
}
