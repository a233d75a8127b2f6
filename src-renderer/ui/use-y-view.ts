import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYViewStore } from './y-view-store';

/**
 * The current view of `doc` (and of `board`, where the public board is read from, when it is another
 * document), re-rendering only when a document changes. `read` must be stable.
 */
export function useYView<T>(doc: Y.Doc, read: (doc: Y.Doc, board: Y.Doc) => T, board: Y.Doc = doc): T {
  const store = useMemo(() => createYViewStore(doc, read, board), [doc, read, board]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
