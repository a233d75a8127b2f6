import { useEffect, useRef } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { control, run } from './control';
import { perform } from './QuestionRow';
import { useModerationUi } from './moderation-ui';
import { moderationActionFor, type ModerationKey } from './ModerationTools';
import { queueNavigableIds, queueSections } from './queue-view';
import { actionFor, moveSelection, type ShortcutKey } from './selection';
import { useConsoleUi } from './ui-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

const MOVES: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 };
const ACTIONS = new Set<string>(['a', 'h', 'f', 'd']);
const MODERATION_KEYS = new Set<string>(['e', 'm', 'u', 'x']);

/** j/k (or arrows) move the selection; a, h, f, d act on it; p toggles pre-moderation. */
export function useShortcuts(view: DeskView): void {
  const latest = useRef(view);
  latest.current = view;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const desk = latest.current;
      const ui = useConsoleUi.getState();
      const mod = useModerationUi.getState();
      const ids = queueNavigableIds(queueSections(desk.questions, mod.filterText, mod.sort), ui.hiddenOpen, mod.mergedOpen);
      if (e.key in MOVES) {
        e.preventDefault();
        ui.select(moveSelection(ids, ui.selected, MOVES[e.key] ?? 0));
        return;
      }
      if (e.key === 'p' && desk.session) {
        e.preventDefault();
        const on = !desk.session.premoderation;
        void run(() => control.setPremoderation({ on }));
        return;
      }
      if (ACTIONS.has(e.key)) {
        const q = desk.questions.find((x) => x.id === ui.selected);
        if (!q) return;
        e.preventDefault();
        const action = actionFor(e.key as ShortcutKey, q);
        if (action) perform(action);
      }
      if (MODERATION_KEYS.has(e.key)) {
        const q = desk.questions.find((x) => x.id === ui.selected);
        const action = q ? moderationActionFor(e.key as ModerationKey, q) : null;
        if (!action) return;
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
