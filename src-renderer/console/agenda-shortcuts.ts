import { useEffect, useRef } from 'react';
import type { DeskAgenda } from '../../src-shared/features/agenda/views';
import { control, run } from './control';
import { t } from '../ui/i18n';

/** The agenda's keys, listed on screen (ShortcutsPanel and the speakers panel); what each does is console.sc_* in the catalogs. */
export const AGENDA_SHORTCUTS: [string, string][] = [
  ['n', 'callNext'],
  ['space', 'timer'],
  ['+', 'extend'],
];

/** A key's name on screen: letters as they are, the space bar in the console's language. */
export const keyName = (key: string): string => (key === 'space' ? t('console.key_space') : key);

function ignore(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return true;
  const t = e.target;
  if (!(t instanceof HTMLElement)) return false;
  // Typing, or the space bar on a focused control (it presses that control).
  return t.isContentEditable || t.matches('input, textarea, select') || (e.key === ' ' && t.matches('button, a, summary, [role="button"]'));
}

/** n = call next, space = start/pause/resume, + = add 30 s; only when the session has an agenda. */
export function useAgendaShortcuts(agenda: DeskAgenda | null): void {
  const latest = useRef(agenda);
  latest.current = agenda;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!latest.current || ignore(e)) return;
      if (e.key === 'n') {
        e.preventDefault();
        void run(() => control.callSpeaker({}));
      } else if (e.key === ' ') {
        e.preventDefault();
        void run(() => control.timer({ action: 'toggle' }));
      } else if (e.key === '+') {
        e.preventDefault();
        void run(() => control.timer({ action: 'extend' }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
