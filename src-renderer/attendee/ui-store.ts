import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { BoardSort } from '../../src-shared/views';

/** UI state only (never copies of the document): board order and what is being typed. */
interface PhoneUi {
  sort: BoardSort;
  draft: string;
  name: string;
  setSort: (sort: BoardSort) => void;
  setDraft: (draft: string) => void;
  setName: (name: string) => void;
}

export const usePhoneUi = create<PhoneUi>()(
  persist(
    (set) => ({
      sort: 'votes',
      draft: '',
      name: '',
      setSort: (sort) => set({ sort }),
      setDraft: (draft) => set({ draft }),
      setName: (name) => set({ name }),
    }),
    {
      name: 'open-floor:phone-ui',
      // The draft survives a locked phone or a reload; the name is remembered for next time.
      partialize: (s) => ({ draft: s.draft, name: s.name }),
    },
  ),
);
