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

/**
 * `board` is the document the public board is read from: the same as `doc` on the LAN (the board is an
 * overlay in the phone's room), a second document for a phone through the relay (issue 20). The view
 * follows both.
 */
export function createYViewStore<T>(doc: Y.Doc, read: (doc: Y.Doc, board: Y.Doc) => T, board: Y.Doc = doc): YViewStore<T> {
  const docs = board === doc ? [doc] : [doc, board];
  const counted = docs.map(counterOf);
  const version = (): number => counted.reduce((sum, c) => sum + c.version, 0);
  let cachedVersion = -1;
  let cached: T;
  return {
    subscribe(onChange) {
      const onUpdate = (): void => onChange();
      for (const d of docs) d.on('update', onUpdate);
      // A document changed after the last snapshot and before this subscription: say so now.
      if (cachedVersion !== -1 && cachedVersion !== version()) onChange();
      return () => {
        for (const d of docs) d.off('update', onUpdate);
      };
    },
    getSnapshot() {
      const now = version();
      if (cachedVersion !== now) {
        cached = read(doc, board);
        cachedVersion = now;
      }
      return cached;
    },
  };
}
