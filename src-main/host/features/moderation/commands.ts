import type * as Y from 'yjs';
import type { ControlParsedInput } from '../../../../src-shared/control.js';
import { writeDisplay } from '../../../../src-shared/display.js';
import { BOARD_MAP } from '../../../../src-shared/docs/board-doc.js';
import { DESK_MAP } from '../../../../src-shared/docs/desk-doc.js';
import { setIfChanged } from '../../../../src-shared/docs/json-map.js';
import type { ModerationOutputs } from '../../../../src-shared/features/moderation/control.js';
import { FOLDER_MODERATION_KEY, type FolderModeration } from '../../../../src-shared/features/moderation/folder.js';
import { transact } from '../../../../src-shared/transaction-origins.js';
import type { FolderSettings } from '../../store/folder-settings.js';
import type { SessionManager } from '../../pipeline/session-manager.js';
import type { CommandsContext, Handlers } from '../commands-context.js';


/** Writes the folder's settings where screens read them: display into the board and the desk, filter into the desk. */
export function publishFolderSettings(board: Y.Doc, desk: Y.Doc, settings: FolderSettings): void {
  const { display, profanityFilter, customWords } = settings.current;
  transact(board, 'host:board', () => writeDisplay(board.getMap<unknown>(BOARD_MAP), display));
  transact(desk, 'host:desk', () => {
    const map = desk.getMap<unknown>(DESK_MAP);
    writeDisplay(map, display);
    setIfChanged(map, FOLDER_MODERATION_KEY, { profanityFilter, customWords } satisfies FolderModeration);
  });
}

/**
 * The facilitator's moderation commands (issue 10). Question and phone moderation is decided on the live
 * session (rules in src-shared/features/moderation/decide-control.ts); the filter and the display are folder
 * settings, saved to the data folder, and the filter is also recorded in the live session's log.
 */
export function createModerationCommands({ sessions, settings, publishSettings }: CommandsContext): Handlers<keyof ModerationOutputs> {
  /** The filter goes into the live session's log too, unless it has closed (a closed record does not change). */
  const recordFilter = <K extends 'setProfanityFilter' | 'setCustomWords'>(command: K, input: ControlParsedInput<K>) => {
    const live = sessions.current;
    if (!live || live.log.state.status === 'closed') return { ok: true as const };
    return sessions.decide(command, input);
  };
  /** Saves a folder setting and shows it on the screens. */
  const save = (change: Parameters<FolderSettings['update']>[0]) => {
    const saved = settings.update(change);
    if (saved.ok) publishSettings();
    return saved;
  };
  return {
    editQuestion: (input) => sessions.decide('editQuestion', input),
    mergeQuestion: (input) => sessions.decide('mergeQuestion', input),
    unmergeQuestion: (input) => sessions.decide('unmergeQuestion', input),
    muteAsker: (input) => sessions.decide('muteAsker', input),
    unmuteAsker: (input) => sessions.decide('unmuteAsker', input),
    setProfanityFilter: (input) => {
      const saved = save({ profanityFilter: input.on });
      const r = saved.ok ? recordFilter('setProfanityFilter', input) : saved;
      return r.ok ? { ok: true, value: { on: input.on } } : r;
    },
    setCustomWords: (input) => {
      const saved = save({ customWords: input.words });
      const r = saved.ok ? recordFilter('setCustomWords', input) : saved;
      return r.ok ? { ok: true, value: { words: input.words } } : r;
    },
    setDisplay: (input) => {
      const saved = save({ display: input });
      return saved.ok ? { ok: true, value: input } : saved;
    },
  };
}

/** A new session starts with the folder's filter (recorded only where it differs from the default). */
export function recordFolderFilter(sessions: SessionManager, settings: FolderSettings): void {
  const { profanityFilter, customWords } = settings.current;
  sessions.decide('setProfanityFilter', { on: profanityFilter });
  sessions.decide('setCustomWords', { words: customWords });
}
