import type * as Y from 'yjs';
import type { ControlOutputs, ControlParsedInput, ControlResult } from '../../../../src-shared/control.js';
import { writeDisplay } from '../../../../src-shared/display.js';
import { BOARD_MAP } from '../../../../src-shared/docs/board-doc.js';
import { DESK_MAP } from '../../../../src-shared/docs/desk-doc.js';
import { setIfChanged } from '../../../../src-shared/docs/json-map.js';
import type { ModerationOutputs } from '../../../../src-shared/features/moderation/control.js';
import { FOLDER_MODERATION_KEY, type FolderModeration } from '../../../../src-shared/features/moderation/folder.js';
import { transact } from '../../../../src-shared/transaction-origins.js';
import type { FolderSettings } from '../../store/folder-settings.js';
import type { SessionManager } from '../../pipeline/session-manager.js';

type Command = keyof ModerationOutputs;
type Handler<K extends Command> = (input: ControlParsedInput<K>) => ControlResult<K>;
export type ModerationHandlers = { [K in Command]: Handler<K> };

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
 * session (pure rules in src-shared/features/moderation/decide-control.ts); the filter and the display are folder
 * settings, saved to the data folder, and the filter is also recorded in the live session's log.
 */
export function createModerationHandlers(sessions: SessionManager, settings: FolderSettings, publish: () => void): ModerationHandlers {
  const ok = <K extends Command>(value: ControlOutputs[K]): ControlResult<K> => ({ ok: true, value });
  const onQuestion =
    <K extends 'editQuestion' | 'mergeQuestion' | 'unmergeQuestion' | 'muteAsker' | 'unmuteAsker'>(command: K): Handler<K> =>
    (input) => {
      const r = sessions.command(command, input);
      return r.ok ? ok<K>({ questionId: input.questionId } as ControlOutputs[K]) : r;
    };
  /** The filter goes into the live session's log too, unless it has closed (a closed record does not change). */
  const recordFilter = <K extends 'setProfanityFilter' | 'setCustomWords'>(command: K, input: ControlParsedInput<K>) => {
    const live = sessions.current;
    if (!live || live.log.state.status === 'closed') return { ok: true as const };
    return sessions.command(command, input);
  };
  return {
    editQuestion: onQuestion('editQuestion'),
    mergeQuestion: onQuestion('mergeQuestion'),
    unmergeQuestion: onQuestion('unmergeQuestion'),
    muteAsker: onQuestion('muteAsker'),
    unmuteAsker: onQuestion('unmuteAsker'),
    setProfanityFilter: (input) => {
      const saved = settings.update({ profanityFilter: input.on });
      if (!saved.ok) return saved;
      publish();
      const r = recordFilter('setProfanityFilter', input);
      return r.ok ? ok({ on: input.on }) : r;
    },
    setCustomWords: (input) => {
      const saved = settings.update({ customWords: input.words });
      if (!saved.ok) return saved;
      publish();
      const r = recordFilter('setCustomWords', input);
      return r.ok ? ok({ words: input.words }) : r;
    },
    setDisplay: (input) => {
      const saved = settings.update({ display: input });
      if (!saved.ok) return saved;
      publish();
      return ok(input);
    },
  };
}

/** A new session starts with the folder's filter (recorded only where it differs from the default). */
export function recordFolderFilter(sessions: SessionManager, settings: FolderSettings): void {
  const { profanityFilter, customWords } = settings.current;
  sessions.command('setProfanityFilter', { on: profanityFilter });
  sessions.command('setCustomWords', { words: customWords });
}
