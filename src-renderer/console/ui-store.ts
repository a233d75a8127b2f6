import { create } from 'zustand';

/** Console UI state only: selection, open panels, the last error. Document data stays in the desk doc. */
interface ConsoleUi {
  selected: string | null;
  hiddenOpen: boolean;
  confirmClose: boolean;
  error: string | null;
  busy: boolean;
  select: (id: string | null) => void;
  setHiddenOpen: (open: boolean) => void;
  setConfirmClose: (on: boolean) => void;
  setError: (error: string | null) => void;
  setBusy: (busy: boolean) => void;
}

export const useConsoleUi = create<ConsoleUi>()((set) => ({
  selected: null,
  hiddenOpen: false,
  confirmClose: false,
  error: null,
  busy: false,
  select: (selected) => set({ selected }),
  setHiddenOpen: (hiddenOpen) => set({ hiddenOpen }),
  setConfirmClose: (confirmClose) => set({ confirmClose }),
  setError: (error) => set({ error }),
  setBusy: (busy) => set({ busy }),
}));
