import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { BoardSort } from '../../src-shared/features/questions/views';

/** UI state only (never copies of the document): board order and what is being typed. */
interface PhoneUi {
  sort: BoardSort;
  draft: string;
  /** The name under questions (empty: anonymous). */
  name: string;
  /**
   * The name given when asking to speak, kept apart from the questions' name: a resident who gave a
   * name to speak in public may still want to ask anonymously (issue 17).
   */
  speakerName: string;
  setSort: (sort: BoardSort) => void;
  setDraft: (draft: string) => void;
  setName: (name: string) => void;
  setSpeakerName: (name: string) => void;
}

export const usePhoneUi = create<PhoneUi>()(
  persist(
    (set) => ({
      sort: 'votes',
      draft: '',
      name: '',
      speakerName: '',
      setSort: (sort) => set({ sort }),
      setDraft: (draft) => set({ draft }),
      setName: (name) => set({ name }),
      setSpeakerName: (speakerName) => set({ speakerName }),
    }),
    {
      name: 'open-floor:phone-ui',
      // The draft survives a locked phone or a reload; the names are remembered for next time.
      partialize: (s) => ({ draft: s.draft, name: s.name, speakerName: s.speakerName }),
    },
  ),
);
