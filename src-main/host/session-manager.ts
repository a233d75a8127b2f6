import { randomBytes } from 'node:crypto';
import type * as Y from 'yjs';
import type { ControlParsedInput } from '../../src-shared/control.js';
import type { ModerationCommand } from '../../src-shared/decide-control.js';
import { joinUrl } from '../../src-shared/endpoints.js';
import { newId, newJoinCode } from '../../src-shared/ids.js';
import type { HostInfo, JoinInfo, SessionSummary } from '../../src-shared/views.js';
import { SessionAuthority, type AppliedEvents } from './authority.js';
import { JoinPolicy, type JoinContext, type JoinResult } from './join-policy.js';
import { Projections, type ProjectionInput } from './projections.js';
import { deriveRoomId } from './room-id.js';
import { Rooms, roomDocName, type Room } from './rooms.js';
import type { SessionRow, Store } from './store.js';
import type { Tick } from './tick.js';

export interface SessionManagerEvents {
  /** A room exists (new device, or loaded at start): the gateway should serve it. */
  roomOpened(docName: string): void;
  /** A room is no longer live (its session was replaced): the gateway can drop it. */
  roomClosed(docName: string): void;
  /** The current session changed (created, or a new one replaced it). */
  sessionChanged(): void;
}

interface Current {
  row: SessionRow;
  authority: SessionAuthority;
  rooms: Rooms;
  labels: Map<string, string>;
}

/** Live "phones connected" changes are written at most this often (each write reaches every phone). */
const CONNECTIVITY_THROTTLE_MS = 400;

/**
 * Holds the current session (at most one is live at a time) and everything derived from it:
 * the authority, the rooms, and the board/desk projections.
 */
export class SessionManager {
  private current: Current | null = null;
  private readonly projections: Projections;
  private liveTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly tick: Tick,
    board: Y.Doc,
    desk: Y.Doc,
    private readonly hostInfo: () => HostInfo,
    private readonly events: SessionManagerEvents,
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

  get session(): Current | null {
    return this.current;
  }

  joinInfo(): JoinInfo | null {
    const c = this.current;
    if (!c) return null;
    const host = this.hostInfo();
    return { code: c.row.joinCode, url: joinUrl(`http://${host.joinAddress}:${host.port}`, c.row.joinCode) };
  }

  createSession(title: string, place: string, facilitator = ''): { ok: true; sessionId: string } | { ok: false; error: string } {
    if (this.current && this.current.authority.state.status !== 'closed') {
      return { ok: false, error: `Close “${this.current.row.title}” before starting a new session.` };
    }
    const row: SessionRow = {
      id: newId(),
      createdAt: Date.now(),
      title,
      joinCode: newJoinCode(),
      secret: randomBytes(32).toString('base64url'),
    };
    this.store.createSession(row);
    const authority = new SessionAuthority(this.store, row.id, () => {});
    authority.append('facilitator', [
      { type: 'session.created', sessionId: row.id, title, place, timeZone: this.timeZone, ...(facilitator ? { facilitator } : {}) },
    ]);
    this.load(row);
    return { ok: true, sessionId: row.id };
  }

  command<K extends ModerationCommand>(command: K, input: ControlParsedInput<K>): { ok: true } | { ok: false; error: string } {
    if (!this.current) return { ok: false, error: 'There is no session yet. Create one first.' };
    return this.current.authority.handleControl(command, input);
  }

  /** Who may join as which device (see join-policy.ts). */
  readonly joinPolicy = new JoinPolicy();

  join(code: string, who: JoinContext = {}): JoinResult {
    const c = this.current;
    if (!c || c.row.joinCode !== code) return { ok: false, error: 'No session with that code is running here.' };
    if (c.authority.state.status === 'closed') return { ok: false, error: 'This session has closed.' };
    const back = this.joinPolicy.returningDevice(c.row.secret, who.token, (id) => c.labels.has(id));
    if (back) {
      const roomId = deriveRoomId(c.row.secret, back);
      return { ok: true, sessionId: c.row.id, deviceId: back, roomId, title: c.row.title, token: who.token! };
    }
    const refused = this.joinPolicy.refusal(c.row.id, who.address);
    if (refused) return { ok: false, error: refused, tooMany: true };
    const deviceId = newId();
    const roomId = deriveRoomId(c.row.secret, deviceId);
    this.store.addDevice(c.row.id, deviceId, roomId, Date.now());
    c.labels.set(deviceId, `Phone ${c.labels.size + 1}`);
    c.authority.append('host', [{ type: 'device.joined', deviceId }]);
    this.openRoom(c, roomId, deviceId);
    this.joinPolicy.joined(c.row.id, who.address, deviceId);
    return { ok: true, sessionId: c.row.id, deviceId, roomId, title: c.row.title, token: this.joinPolicy.tokenFor(c.row.secret, deviceId) };
  }

  /** The room behind a `room-<id>` doc name, if it belongs to the current session. */
  roomByDocName(docName: string): Room | undefined {
    if (!this.current || !docName.startsWith('room-')) return undefined;
    return this.current.rooms.get(docName.slice('room-'.length));
  }

  setRoomConnections(room: Room, kind: 'ws' | 'rtc', count: number): void {
    this.current?.rooms.setConnections(room, kind, count);
  }

  connectedCount(): number {
    return this.current?.rooms.connectedCount() ?? 0;
  }

  /** Re-projects headers (join address, host info, phones connected) after a host-level change. */
  refresh(): void {
    const c = this.current;
    const connected = this.connectedCount();
    // The minutes report the most phones connected at once: a new peak is an event in the log.
    if (c && c.authority.state.status === 'open' && connected > c.authority.state.peakConnected) {
      c.authority.append('host', [{ type: 'attendance.peak', connected }]);
    }
    this.projections.writeChanges(this.projectionInput(), []);
  }

  /** Every session of the data dir, oldest first; the current one (always the newest) with its live status. */
  sessions(): SessionSummary[] {
    const c = this.current;
    if (!c) return this.pastSessions;
    return [...this.pastSessions, { id: c.row.id, title: c.row.title, createdAt: c.row.createdAt, status: c.authority.state.status }];
  }

  /**
   * Sessions other than the current one do not change while it runs, so they are read once per load
   * rather than on every projection (that was one SQL query per past session per batch of requests).
   */
  private pastSessions: SessionSummary[] = [];

  private readPastSessions(): void {
    const currentId = this.current?.row.id;
    this.pastSessions = this.store
      .sessions()
      .filter((s) => s.id !== currentId)
      .map((s) => ({ id: s.id, title: s.title, createdAt: s.createdAt, status: this.store.sessionStatus(s.id) }));
  }

  dispose(): void {
    if (this.liveTimer) clearTimeout(this.liveTimer);
    this.disposeCurrent();
  }

  private disposeCurrent(): void {
    if (!this.current) return;
    const names = [...this.current.rooms.all()].map((r) => roomDocName(r.roomId));
    this.current.rooms.dispose();
    this.current = null;
    names.forEach((n) => this.events.roomClosed(n));
  }

  private load(row: SessionRow): void {
    this.disposeCurrent();
    let current: Current | null = null;
    const authority = new SessionAuthority(this.store, row.id, (applied) => current && this.onApplied(current, applied));
    const rooms = new Rooms(this.store, this.tick, authority, () => this.scheduleLive());
    current = { row, authority, rooms, labels: new Map() };
    this.current = current;
    this.readPastSessions();
    const devices = this.store.devices(row.id);
    devices.forEach((d, i) => current.labels.set(d.deviceId, `Phone ${i + 1}`));
    this.projections.writeAll(this.projectionInput());
    if (authority.state.status !== 'closed') for (const d of devices) this.openRoom(current, d.roomId, d.deviceId);
    this.events.sessionChanged();
  }

  private openRoom(c: Current, roomId: string, deviceId: string): void {
    c.rooms.open(roomId, deviceId);
    this.events.roomOpened(roomDocName(roomId));
  }

  private onApplied(c: Current, applied: AppliedEvents): void {
    this.projections.writeChanges(this.projectionInput(), applied.touched);
    c.rooms.applyPrivate(applied);
    if (applied.events.some((e) => e.body.type === 'session.opened' || e.body.type === 'session.closed')) {
      this.events.sessionChanged();
    }
  }

  private scheduleLive(): void {
    if (this.liveTimer) return;
    this.liveTimer = setTimeout(() => {
      this.liveTimer = null;
      this.refresh();
    }, CONNECTIVITY_THROTTLE_MS);
  }

  private projectionInput(): ProjectionInput {
    const c = this.current;
    return {
      state: c?.authority.state ?? null,
      join: this.joinInfo(),
      host: this.hostInfo(),
      connected: this.connectedCount(),
      sessions: this.sessions(),
      deviceLabel: (id) => c?.labels.get(id) ?? 'Phone',
    };
  }
}
