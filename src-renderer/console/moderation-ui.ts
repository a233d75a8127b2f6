import { create } from 'zustand';
import type * as Y from 'yjs';
import type { QueueSort } from './queue-view';

/** Console UI state for issue 10's tools: which row is being edited or merged, the list's filter and sort. */
interface ModerationUi {
  editing: string | null;
  merging: string | null;
  filterText: string;
  sort: QueueSort;
  mergedOpen: boolean;
  setEditing: (id: string | null) => void;
  setMerging: (id: string | null) => void;
  setFilterText: (text: string) => void;
  setSort: (sort: QueueSort) => void;
  setMergedOpen: (open: boolean) => void;
}

export const useModerationUi = create<ModerationUi>()((set) => ({
  editing: null,
  merging: null,
  filterText: '',
  sort: 'standard',
  mergedOpen: false,
  setEditing: (editing) => set({ editing, merging: null }),
  setMerging: (merging) => set({ merging, editing: null }),
  setFilterText: (filterText) => set({ filterText }),
  setSort: (sort) => set({ sort }),
  setMergedOpen: (mergedOpen) => set({ mergedOpen }),
}));

/** The console's desk document (set once by main.tsx), for readers of keys outside `DeskView`. */
let deskDoc: Y.Doc | null = null;
export const setDeskDoc = (doc: Y.Doc): void => {
  deskDoc = doc;
};
export const getDeskDoc = (): Y.Doc | null => deskDoc;
