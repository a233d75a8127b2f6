import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** IndexedDB that does not answer within this time is treated as unavailable (the room still works). */
const LOCAL_LOAD_TIMEOUT_MS = 3000;

export interface LocalCopy {
  /** Resolves once IndexedDB's copies are in their documents (or could not be read in time). */
  whenLoaded: Promise<void>;
  loaded(): boolean;
  destroy(): void;
}

/**
 * The phone's documents kept in IndexedDB under their names (a reload offline keeps what was typed and
 * shows what the phone knew; nothing waits for it). `onLoaded` runs once the copies are in.
 */
export function keepLocally(docs: ReadonlyArray<readonly [name: string, doc: Y.Doc]>, onLoaded: () => void): LocalCopy {
  const stores = docs.map(([name, doc]) => new IndexeddbPersistence(name, doc));
  let loaded = false;
  const whenLoaded = Promise.race([
    Promise.all(stores.map((s) => s.whenSynced)).then(() => undefined),
    new Promise<void>((resolve) => window.setTimeout(resolve, LOCAL_LOAD_TIMEOUT_MS)),
  ]).then(() => {
    loaded = true;
    onLoaded();
  });
  return {
    whenLoaded,
    loaded: () => loaded,
    destroy: () => stores.forEach((s) => void s.destroy()),
  };
}
