import * as Y from 'yjs';
import { BOARD_HEADER, BOARD_MAP, writeBoard, writeBoardHeader, type BoardView } from '../../../src-shared/docs/board-doc.js';
import { DESK_COMMENTS, DESK_HEADER, DESK_MAP, writeDesk, writeDeskComments, writeDeskHeader, type DeskView } from '../../../src-shared/docs/desk-doc.js';
import { childMap, putEntry, readChildMap, renewChildMap, syncKeyedMap } from '../../../src-shared/docs/json-map.js';
import { boardPolls, deskPolls, type BoardPoll } from '../../../src-shared/features/polls/views.js';
import { deskComments } from '../../../src-shared/features/comments/views.js';
import { writeDeskAgenda } from '../../../src-shared/features/agenda/desk-store.js';
import { boardAgenda, boardSpeaking, deskAgenda } from '../../../src-shared/features/agenda/views.js';
import type { SessionState } from '../../../src-shared/state.js';
import { deskPaperCodes } from '../../../src-shared/features/paper-codes/fold.js';
import { transact } from '../../../src-shared/transaction-origins.js';
import { boardQuestions, deskQuestions, deskStats, toBoardQuestion, toDeskQuestion, type BoardQuestion, type DeskQuestion } from '../../../src-shared/features/questions/views.js';
import type { PhonesConnected } from './board-count.js';
import { boardSession, type HostInfo, type JoinInfo, type SessionSummary } from '../../../src-shared/features/session/views.js';

const RENEW_FLOOR = 2_000;
const RENEW_FACTOR = 8;

/** The board's header: the join link only while the session is open. */
function boardHeader(input: ProjectionInput): Omit<BoardView, 'questions' | 'polls'> {
  const { state } = input;
  return {
    session: state ? boardSession(state) : null,
    join: state?.status === 'open' ? input.join : null,
    floor: state?.floor ?? null,
    connected: input.boardConnected.all,
    connectedRemote: input.boardConnected.remote,
    pollShown: state?.polls.shown ?? null,
    agenda: boardAgenda(state),
    speaking: boardSpeaking(state),
  };
}

/** What the projections need besides the folded state. */
export interface ProjectionInput {
  state: SessionState | null;
  join: JoinInfo | null;
  host: HostInfo;
  /** Phones connected now: in the room and remote (the console's count, live). */
  connected: PhonesConnected;
  /** Phones connected as the board says it (changes spaced out with the room's size: board-count.ts). */
  boardConnected: PhonesConnected;
  sessions: SessionSummary[];
  /** Why the data folder cannot be written, in plain words, or null. */
  storageProblem: string | null;
  deviceLabel(deviceId: string): string;
}

/**
 * Writes the board doc (public) and the desk doc (console) from the state. A full write happens when a
 * session is loaded; after that only the questions a commit touched are rewritten, so an event costs the
 * same with ten questions or ten thousand.
 */
export class Projections {
  /** Entries rewritten in the board's and the desk's nested maps since they were last renewed. */
  private churn = 0;

  constructor(
    private readonly board: Y.Doc,
    private readonly desk: Y.Doc,
  ) {}

  writeAll(input: ProjectionInput): void {
    const { state } = input;
    transact(this.board, 'host:board', () => {
      writeBoard(this.board, { ...boardHeader(input), questions: state ? boardQuestions(state) : [], polls: state ? boardPolls(state.polls) : [] });
    });
    transact(this.desk, 'host:desk', () => {
      writeDesk(this.desk, {
        ...this.deskHeader(input),
        questions: state ? deskQuestions(state, input.deviceLabel) : [],
        comments: deskComments(state),
      });
    });
  }

  /** Rewrites the headers only (session, join, counts, host): after a host-level change. */
  writeHeaders(input: ProjectionInput): void {
    this.writeChangedQuestions(input, []);
  }

  /** Rewrites the headers and the given questions only (what a commit touched). */
  writeChangedQuestions(input: ProjectionInput, touched: Iterable<string>): void {
    const { state } = input;
    const ids = [...touched];
    transact(this.board, 'host:board', () => {
      const board = writeBoardHeader(this.board, boardHeader(input));
      const questions = childMap<BoardQuestion>(board, 'questions');
      for (const id of ids) {
        const q = state?.questions.get(id);
        putEntry(questions, id, q && state ? toBoardQuestion(q, state.floor) : null);
      }
      // Polls are few (LIMITS.pollsPerSession); each is rewritten only if it changed.
      syncKeyedMap(childMap<BoardPoll>(board, 'polls'), state ? boardPolls(state.polls) : []);
    });
    this.churn += ids.length + 1;
    transact(this.desk, 'host:desk', () => {
      const desk = this.desk.getMap<unknown>(DESK_MAP);
      const header = this.deskHeader(input);
      const { agenda, ...rest } = header;
      writeDeskHeader(desk, rest);
      writeDeskAgenda(desk, agenda);
      // Comments are only added, so one with the same count as the desk's is unchanged (no work per commit).
      if ((state?.comments.count ?? 0) !== (readChildMap(desk, DESK_COMMENTS)?.size ?? 0)) writeDeskComments(desk, deskComments(state));
      const questions = childMap<DeskQuestion>(desk, 'questions');
      for (const id of ids) {
        const q = state?.questions.get(id);
        putEntry(questions, id, q && state ? toDeskQuestion(q, state.floor, input.deviceLabel(q.deviceId)) : null);
      }
    });
    this.renewIfDue();
  }

  /**
   * Every vote rewrites its question on the board and the desk, and each rewrite left the old value behind
   * as a Yjs item: about 8 bytes per vote in every phone's download of the board, and more in the host's
   * memory (issue 21). Once the rewrites reach RENEW_FLOOR plus RENEW_FACTOR times the questions, the
   * nested maps are renewed (json-map.ts): one update of their current entries, so a renewal costs the
   * phones about 1/RENEW_FACTOR of what the rewrites it clears already cost them.
   */
  private renewIfDue(): void {
    const board = this.board.getMap<unknown>(BOARD_MAP);
    const questions = board.get('questions');
    const live = questions instanceof Y.Map ? questions.size : 0;
    if (this.churn < RENEW_FLOOR + RENEW_FACTOR * live) return;
    this.churn = 0;
    transact(this.board, 'host:board', () => {
      for (const key of [BOARD_HEADER, 'questions', 'polls']) renewChildMap(board, key);
    });
    transact(this.desk, 'host:desk', () => {
      const desk = this.desk.getMap<unknown>(DESK_MAP);
      for (const key of [DESK_HEADER, 'questions']) renewChildMap(desk, key);
    });
  }

  private deskHeader(input: ProjectionInput): Omit<DeskView, 'questions' | 'comments'> {
    const { state } = input;
    return {
      host: input.host,
      session: state
        ? { ...boardSession(state), premoderation: state.premoderation, finalHash: state.lastHash, paperCodes: deskPaperCodes(state) }
        : null,
      join: state && state.status !== 'closed' ? input.join : null,
      floor: state?.floor ?? null,
      stats: state ? deskStats(state, input.connected.all, input.connected.remote) : null,
      sessions: input.sessions,
      storageProblem: input.storageProblem,
      polls: state ? deskPolls(state.polls) : [],
      pollShown: state?.polls.shown ?? null,
      agenda: deskAgenda(state, input.deviceLabel),
    };
  }
}
