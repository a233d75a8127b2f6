import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import { readDeskDisplay, type DisplayOptions } from '../../src-shared/display';
import { useYView } from '../ui/use-y-view';
import { control, run } from './control';
import { getDeskDoc } from './moderation-ui';

const EMPTY_DOC = new Y.Doc();

/** The projector's display options as the desk shows them, and a setter that sends a change to the host. */
export function useDisplayOptions(): [DisplayOptions, (change: Partial<DisplayOptions>) => void] {
  const display = useYView(getDeskDoc() ?? EMPTY_DOC, readDeskDisplay);
  // Two changes in quick succession (language, then the bilingual box) must not undo each other: the
  // second builds on the first even before the desk shows it.
  const pending = useRef<DisplayOptions | null>(null);
  useEffect(() => {
    const sent = pending.current;
    if (sent && (Object.keys(sent) as (keyof DisplayOptions)[]).every((k) => sent[k] === display[k])) pending.current = null;
  }, [display]);
  const set = (change: Partial<DisplayOptions>) => {
    const next = { ...(pending.current ?? display), ...change };
    pending.current = next;
    void run(() => control.setDisplay(next)).then((r) => {
      if (!r.ok) pending.current = null;
    });
  };
  return [display, set];
}
