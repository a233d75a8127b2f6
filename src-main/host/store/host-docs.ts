import * as Y from 'yjs';
import { BOARD_DOC_NAME, DESK_DOC_NAME } from '../../../src-shared/docs/room-doc.js';
import { StoreThenSend } from '../pipeline/store-then-send.js';
import { loadAndPersist } from './doc-persistence.js';
import { StorageHealth } from './storage-health.js';
import type { Store } from './store.js';

/** The host's own documents (the board, the desk) with what stores each turn's updates, and how it fares. */
export interface HostDocs {
  board: Y.Doc;
  desk: Y.Doc;
  storage: StorageHealth;
  turn: StoreThenSend;
  /** Flushes what waits to be stored and stops persisting the documents. */
  close(): void;
}

/** `onStorageChange`: the data folder became unwritable, or writable again (the screens say so). */
export function openHostDocs(store: Store, log: (line: string) => void, retryMs: number | undefined, onStorageChange: () => void): HostDocs {
  const board = new Y.Doc();
  const desk = new Y.Doc();
  const storage = new StorageHealth(onStorageChange);
  const turn = new StoreThenSend(
    (fn) => store.transaction(fn),
    (failure) => {
      if (failure) log(`storage: ${failure.message}`);
      storage.report('documents', failure);
    },
    retryMs,
  );
  const stopBoard = loadAndPersist(store, turn, BOARD_DOC_NAME, board);
  const stopDesk = loadAndPersist(store, turn, DESK_DOC_NAME, desk);
  return {
    board,
    desk,
    storage,
    turn,
    close: () => {
      turn.flush();
      turn.dispose();
      stopBoard();
      stopDesk();
    },
  };
}
