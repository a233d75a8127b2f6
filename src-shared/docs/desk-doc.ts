import type * as Y from 'yjs';
import type { DeskPoll } from '../features/polls/views.js';
import { readDeskAgenda, writeDeskAgenda } from '../features/agenda/desk-store.js';
import type { DeskAgenda } from '../features/agenda/views.js';
import type { DeskComment } from '../features/comments/views.js';
import type { DeskPaperCodes } from '../features/paper-codes/fold.js';
import type { DeskQuestion, DeskStats } from '../features/questions/views.js';
import type { BoardSession, HostInfo, JoinInfo, SessionSummary } from '../features/session/views.js';
import { childMap, readChildMap, setIfChanged, syncKeyedMap } from './json-map.js';

/** The console's replica: everything, including pending and hidden questions. Host writes only. */
export const DESK_MAP = 'desk';

export interface DeskView {
  host: HostInfo | null;
  session: (BoardSession & { premoderation: boolean; finalHash: string; paperCodes: DeskPaperCodes }) | null;
  join: JoinInfo | null;
  questions: DeskQuestion[];
  floor: string | null;
  stats: DeskStats | null;
  sessions: SessionSummary[];
  /** Why the host cannot write its data folder, in plain words (null when all is well). */
  storageProblem: string | null;
  /** Every poll of the session with its results (issue 8). */
  polls: DeskPoll[];
  pollShown: string | null;
  /** The agenda with every item's full queue (null when the session has no agenda). */
  agenda: DeskAgenda | null;
  /** Written comments on agenda items, in the order written (issue 19; never on the board). */
  comments: DeskComment[];
}

/**
 * The header's fields (all but the questions and the agenda) live in a nested map the host renews now and
 * then, with `questions` (rooms/projections.ts): `stats` and the session's final hash change with every
 * commit, and every value they had stayed in the document until then (issue 21).
 */
export const DESK_HEADER = 'header';

/** Writes the header's fields, each only if it changed. */
export function writeDeskHeader(desk: Y.Map<unknown>, header: Omit<DeskView, 'questions' | 'agenda' | 'comments'>): void {
  const head = childMap<unknown>(desk, DESK_HEADER);
  for (const [key, value] of Object.entries(header)) setIfChanged(head, key, value);
}

/** Written comments live in a keyed child map: a comment is written once and never changes. */
export const DESK_COMMENTS = 'comments';

/** Makes the desk's comments exactly `comments`, writing only new ones (skipped when the count is the same: comments are only added). */
export function writeDeskComments(desk: Y.Map<unknown>, comments: readonly DeskComment[]): void {
  if ((readChildMap(desk, DESK_COMMENTS)?.size ?? 0) === comments.length) return;
  syncKeyedMap(childMap<DeskComment>(desk, DESK_COMMENTS), comments);
}

export function writeDesk(doc: Y.Doc, view: DeskView): void {
  const desk = doc.getMap<unknown>(DESK_MAP);
  const { questions, agenda, comments, ...header } = view;
  writeDeskHeader(desk, header);
  writeDeskAgenda(desk, agenda);
  writeDeskComments(desk, comments);
  syncKeyedMap(childMap<DeskQuestion>(desk, 'questions'), questions);
}

export function readDesk(doc: Y.Doc): DeskView {
  const desk = doc.getMap<unknown>(DESK_MAP);
  const questions = readChildMap<DeskQuestion>(desk, 'questions');
  const head = readChildMap<unknown>(desk, DESK_HEADER);
  const get = <T>(key: string, fallback: T): T => (head?.get(key) as T | undefined) ?? fallback;
  return {
    host: get<HostInfo | null>('host', null),
    session: get<DeskView['session']>('session', null),
    join: get<JoinInfo | null>('join', null),
    questions: questions ? [...questions.values()].sort((a, b) => a.askedAt - b.askedAt) : [],
    floor: get<string | null>('floor', null),
    stats: get<DeskStats | null>('stats', null),
    sessions: get<SessionSummary[]>('sessions', []),
    storageProblem: get<string | null>('storageProblem', null),
    polls: get<DeskPoll[]>('polls', []),
    pollShown: get<string | null>('pollShown', null),
    agenda: readDeskAgenda(desk),
    comments: [...(readChildMap<DeskComment>(desk, DESK_COMMENTS)?.values() ?? [])].sort((a, b) => a.n - b.n),
  };
}
