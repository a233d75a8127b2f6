import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import type { ControlParsedInput } from '../../../src-shared/control.js';
import type { EventBody, LoggedEvent } from '../../../src-shared/events.js';
import { decideControl, type DecidedCommand, type RuleAnswer } from '../../../src-shared/decide-control.js';
import { joinUrl } from '../../../src-shared/endpoints.js';
import { newId, newJoinCode } from '../../../src-shared/ids.js';
import { JOIN_REFUSALS } from '../../../src-shared/refusals.js';
import type { HostInfo, JoinInfo, SessionSummary } from '../../../src-shared/features/session/views.js';
import { remoteJoinLink } from '../../../src-shared/venue.js';
import type { Transport } from '../net/connected-phones.js';
import { JoinPolicy, paperCodeRefused, type JoinContext, type JoinResult } from './join-policy.js';
import { decidePaperJoin } from '../../../src-shared/features/paper-codes/join.js';
import { LiveSession } from './live-session.js';
import { deriveRoomId } from '../rooms/room-id.js';
import { Projections, type ProjectionInput } from '../rooms/projections.js';
import { BoardCount, type PhonesConnected } from '../rooms/board-count.js';
import { roomIdOfDocName, type Room } from '../rooms/room-docs.js';
import { SessionLog } from '../store/session-log.js';
import { commitLinked } from '../store/linked-commit.js';
import { fold } from '../../../src-shared/fold.js';
import type { SessionState } from '../../../src-shared/state.js';
import type { StorageHealth } from '../store/storage-health.js';
import type { SessionRow, Store } from '../store/store.js';
import type { StoreThenSend } from './store-then-send.js';

export interface SessionManagerEvents {
  /** A new device's room exists: the gateway should serve it (rooms known at start: see host.ts). */
  roomOpened(docName: string): void;
  /** A room is no longer live (its session was replaced): the gateway can drop it. */
  roomClosed(docName: string): void;
  /** The current session changed (created, opened, closed, or a new one replaced it). */
  sessionChanged(): void;
}

/** Live "phones connected" changes are written at most this often (each write reaches every phone). */
const CONNECTED_COUNT_THROTTLE_MS = 400;

/**
 * The sessions of a data folder: creates them, loads the newest as the live one (at most one is live),
 * runs the facilitator's commands on it, and keeps the board and desk projections of it.
 */
export class SessionManager {
  private live: LiveSession | null = null;
  private readonly projections: Projections;
  private connectedCountTimer: NodeJS.Timeout | null = null;
  private readonly boardCount = new BoardCount(() => this.writeHeaders());
  /**
   * Sessions other than the live one do not change while it runs, so they are read once per load
   * rather than on every projection (that was one SQL query per past session per batch of requests).
   */
  private pastSessions: SessionSummary[] = [];

  constructor(
    private readonly store: Store,
    private readonly turn: StoreThenSend,
    private readonly storage: StorageHealth,
    board: Y.Doc,
    desk: Y.Doc,
    private readonly hostInfo: () => HostInfo,
    private readonly events: SessionManagerEvents,
    /** Remote phones on the relay now, counted among "phones connected" (issue 20; 0 without a relay). */
    private readonly remotePhones: () => number = () => 0,
    private readonly log: (line: string) => void = () => {},
    private readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
  ) {
    this.projections = new Projections(board, desk);
  }

  /** After a start or a crash: the newest session comes back as it was. */
  restore(): void {
    const newest = this.store.sessions().at(-1);
    if (newest) this.load(newest);
    else {
      this.readPastSessions();
      this.projections.writeAll(this.projectionInput());
    }
  }

  get current(): LiveSession | null {
    return this.live;
  }

  joinInfo(): JoinInfo | null {
    const live = this.live;
    if (!live) return null;
    const host = this.hostInfo();
    const code = live.row.joinCode;
    // The remote link goes on the projector too: the hall's screen is often what the stream shows.
    const remoteUrl = host.relayUrl && live.log.state.remoteAttendees.open ? remoteJoinLink(host.relayUrl, code) : null;
    return { code, url: joinUrl(`http://${host.joinAddress}:${host.port}`, code), ...(remoteUrl ? { remoteUrl } : {}) };
  }

  createSession(title: string, place: string, facilitator = ''): { ok: true; sessionId: string } | { ok: false; error: string } {
    if (this.live && this.live.log.state.status !== 'closed') {
      return { ok: false, error: `Close “${this.live.row.title}” before starting a new session.` };
    }
    const row: SessionRow = {
      id: newId(),
      createdAt: Date.now(),
      title,
      joinCode: newJoinCode(),
      secret: randomBytes(32).toString('base64url'),
    };
    const log = new SessionLog(this.store, row.id);
    const created = log.commit(() => {
      this.store.createSession(row);
      log.append('facilitator', [
        { type: 'session.created', sessionId: row.id, title, place, timeZone: this.timeZone, ...(facilitator ? { facilitator } : {}) },
      ]);
    });
    this.storage.report('log', created.ok ? null : created.error);
    if (!created.ok) return { ok: false, error: created.error.message };
    this.load(row);
    return { ok: true, sessionId: row.id };
  }

  /**
   * A facilitator's command decided by its feature's rule (src-shared/features/<name>/decide-control.ts)
   * on the live session, then recorded: the rule's answer, or why nothing was recorded.
   */
  decide<K extends DecidedCommand>(command: K, input: ControlParsedInput<K>): { ok: true; value: RuleAnswer<K> } | { ok: false; error: string } {
    const decision = this.decideAndRecord((live) => decideControl({ state: live.log.state, connected: () => this.phonesConnected().all, newId }, command, input));
    if (!decision.ok) return decision;
    if (decision.events.some((e) => e.type === 'session.opened' || e.type === 'session.closed')) this.events.sessionChanged();
    return { ok: true, value: decision.value };
  }

  /**
   * A facilitator's command on the live session: `decide` (pure rules over its state) names the events,
   * which are recorded (committed, then projected). Answers the decision, with what it carries besides
   * its events (a new poll's id, an agenda item's), or why nothing was recorded.
   */
  decideAndRecord<D extends { ok: true; events: readonly EventBody[] }>(
    decide: (live: LiveSession) => D | { ok: false; error: string },
  ): D | { ok: false; error: string } {
    const live = this.live;
    if (!live) return { ok: false, error: 'There is no session yet. Create one first.' };
    const decision = decide(live);
    if (!decision.ok) return decision;
    const recorded = live.record('facilitator', decision.events);
    return recorded.ok ? decision : recorded;
  }

  /** Any session's state: the live one's, or folded from the disk; null for an unknown id. */
  sessionState(sessionId: string): SessionState | null {
    if (this.live?.row.id === sessionId) return this.live.log.state;
    return this.store.session(sessionId) ? fold(this.store.events(sessionId)) : null;
  }

  /**
   * Records the facilitator's events in several sessions' logs at once (follow-up between two meetings):
   * one transaction, all or nothing; what lands in the live session is projected like any other commit.
   */
  recordAcross(parts: ReadonlyArray<{ sessionId: string; events: readonly EventBody[] }>): { ok: true } | { ok: false; error: string } {
    const live = this.live;
    const logs = parts
      .filter((p) => p.events.length > 0)
      .map((p) => ({ log: live?.row.id === p.sessionId ? live.log : new SessionLog(this.store, p.sessionId), actor: 'facilitator' as const, events: p.events }));
    const result = commitLinked(this.store, logs);
    this.storage.report('log', result.ok ? null : result.error);
    if (!result.ok) return { ok: false, error: result.error.message };
    logs.forEach((p, i) => {
      if (live && p.log === live.log) live.project(result.applied[i]!);
    });
    return { ok: true };
  }

  /** Every session of the folder with its newest seq, and a way to read its log (the measures read them). */
  logs(): Array<{ id: string; lastSeq: number; events(): LoggedEvent[] }> {
    return this.store.sessions().map((s) => ({ id: s.id, lastSeq: this.store.lastSeq(s.id), events: () => this.store.events(s.id) }));
  }

  /** Every session's follow-up writes and carried links (the host carries what is still to carry). */
  followUpLinks(): ReturnType<Store['followUpLinks']> {
    return this.store.followUpLinks();
  }

  /** Who may join as which device (see join-policy.ts). */
  readonly joinPolicy = new JoinPolicy();

  /**
   * A phone joins: the same browser gets its device back (a cookie the host signed); a paper code gets
   * the device it let in before, or a new one bound to it; otherwise a new device, within the per-address
   * cap, unless the meeting requires paper codes.
   */
  join(code: string, who: JoinContext = {}): JoinResult {
    const live = this.live;
    if (!live || live.row.joinCode !== code) return { ok: false, error: 'No session with that code is running here.' };
    if (live.log.state.status === 'closed') return { ok: false, error: 'This session has closed.' };
    const { row } = live;
    const admit = (deviceId: string): JoinResult => ({
      ok: true,
      sessionId: row.id,
      deviceId,
      roomId: deriveRoomId(row.secret, deviceId),
      title: row.title,
      token: this.joinPolicy.tokenFor(row.secret, deviceId),
    });
    const back = this.joinPolicy.returningDevice(row.secret, who.token, (id) => live.log.state.devices.has(id));
    if (back) return admit(back);
    // Remote attendees off (issue 20): no new phone through the relay; those already in keep their rooms.
    if (who.remote && !live.log.state.remoteAttendees.open) return { ok: false, error: JOIN_REFUSALS.remoteClosed, remoteClosed: true };

    const number = this.paperCodeNumber(live, who);
    if (number === 'tooManyTries') return paperCodeRefused('tooManyTries');
    const paper = decidePaperJoin(live.log.state.paperCodes, number);
    if (paper.kind === 'refused') return paperCodeRefused(paper.reason);
    if (paper.kind === 'same-device') return admit(paper.deviceId);
    // A printed code is its own limit: the per-address cap is for phones that come without one.
    if (paper.kind === 'ordinary') {
      const refused = this.joinPolicy.refusal(row.id, who.address);
      if (refused) return { ok: false, error: refused, tooMany: true };
    }
    const joined = live.join({ ...(paper.kind === 'new-device' ? { paperCode: paper.paperCode } : {}), ...(who.lang ? { lang: who.lang } : {}), ...(who.remote ? { via: 'relay' as const } : {}) });
    if (!joined.ok) return joined;
    this.joinPolicy.joined(row.id, who.address, joined.deviceId);
    return admit(joined.deviceId);
  }

  /** The number of the paper code a phone typed: undefined without one, null if it is not a printed code. */
  private paperCodeNumber(live: LiveSession, who: JoinContext): number | null | undefined | 'tooManyTries' {
    if (who.paperCode === undefined || who.paperCode.trim() === '') return undefined;
    if (!this.joinPolicy.mayTryPaperCode(who.address)) return 'tooManyTries';
    const number = live.paperCodes.numberOf(who.paperCode, live.log.state.paperCodes.issued);
    if (number === null) this.joinPolicy.wrongPaperCode(who.address);
    return number;
  }

  /** The room behind a `room-<id>` doc name, if it belongs to the live session. */
  roomByDocName(docName: string): Room | undefined {
    const roomId = roomIdOfDocName(docName);
    return roomId === null ? undefined : this.live?.rooms.get(roomId);
  }

  /** The room behind a doc name if it is in memory; never loads it. */
  loadedRoomByDocName(docName: string): Room | undefined {
    const roomId = roomIdOfDocName(docName);
    return roomId === null ? undefined : this.live?.rooms.loadedRoom(roomId);
  }

  setRoomConnections(room: Room, transport: Transport, count: number): void {
    this.live?.connected.set(room.roomId, transport, count);
  }

  /** Phones in the room: those with a live LAN transport (WebSocket or WebRTC). */
  inRoomCount(): number {
    return this.live?.connected.count() ?? 0;
  }

  /**
   * "Phones connected" wherever it is shown or used as a denominator (the projector, a poll's turnout, the
   * attendance peak): the phones in the room and the remote phones on the relay now (issue 20).
   */
  phonesConnected(): PhonesConnected {
    const remote = this.live ? this.remotePhones() : 0;
    return { all: this.inRoomCount() + remote, remote };
  }

  /** Phones came or went (a LAN transport, the relay's remote phones): the counts are written again soon. */
  phonesChanged(): void {
    if (this.connectedCountTimer) return;
    this.connectedCountTimer = setTimeout(() => {
      this.connectedCountTimer = null;
      this.writeHeaders();
    }, CONNECTED_COUNT_THROTTLE_MS);
  }

  /**
   * Re-projects the headers (join address, host info, phones connected, storage) after a host-level
   * change; a new peak of phones connected is an event in the log (the minutes report it).
   */
  writeHeaders(): void {
    const live = this.live;
    const connected = this.phonesConnected().all;
    if (live && live.log.state.status === 'open' && connected > live.log.state.peakConnected) {
      live.record('host', [{ type: 'attendance.peak', connected }]);
    }
    this.projections.writeHeaders(this.projectionInput());
  }

  /** Every session of the data dir, oldest first; the live one (always the newest) with its live status. */
  sessions(): SessionSummary[] {
    const live = this.live;
    if (!live) return this.pastSessions;
    return [...this.pastSessions, { id: live.row.id, title: live.row.title, createdAt: live.row.createdAt, status: live.log.state.status }];
  }

  dispose(): void {
    if (this.connectedCountTimer) clearTimeout(this.connectedCountTimer);
    this.boardCount.dispose();
    this.disposeLive();
  }

  private readPastSessions(): void {
    const liveId = this.live?.row.id;
    this.pastSessions = this.store
      .sessions()
      .filter((s) => s.id !== liveId)
      .map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt, status: this.store.sessionStatus(s.id) }));
  }

  private disposeLive(): void {
    if (!this.live) return;
    const names = this.live.dispose();
    this.live = null;
    names.forEach((n) => this.events.roomClosed(n));
  }

  private load(row: SessionRow): void {
    this.disposeLive();
    const live = new LiveSession(row, {
      store: this.store,
      turn: this.turn,
      storage: this.storage,
      writeBoardAndDesk: (applied) => this.projections.writeChangedQuestions(this.projectionInput(), applied.touched),
      onConnectivity: () => this.phonesChanged(),
      onRoomOpened: (name) => this.events.roomOpened(name),
      log: this.log,
    });
    this.live = live;
    this.readPastSessions();
    this.projections.writeAll(this.projectionInput());
    live.openRooms();
    this.events.sessionChanged();
  }

  private projectionInput(): ProjectionInput {
    const live = this.live;
    const connected = this.phonesConnected();
    return {
      state: live?.log.state ?? null,
      join: this.joinInfo(),
      host: this.hostInfo(),
      connected,
      boardConnected: this.boardCount.current(connected),
      sessions: this.sessions(),
      storageProblem: this.storage.problem(),
      deviceLabel: (id) => live?.deviceLabel(id) ?? 'Phone',
    };
  }
}
