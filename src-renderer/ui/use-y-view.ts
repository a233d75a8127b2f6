import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createYViewStore } from './y-view-store';

/** The current view of `doc`, re-rendering only when the document changes. `read` must be stable. */
export function useYView<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const store = useMemo(() => createYViewStore(doc, read), [doc, read]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
