import type { JoinResponse } from '../../../src-shared/endpoints.js';
import type { Actor, EventBody } from '../../../src-shared/events.js';
import { newId } from '../../../src-shared/ids.js';
import { ConnectedPhones } from '../net/connected-phones.js';
import type { HostJoinFailure } from './join-policy.js';
import { PaperCodeBook } from '../features/paper-codes/code-book.js';
import { PrivateViews } from '../rooms/private-views.js';
import { RequestPipeline } from './request-pipeline.js';
import { deriveRoomId } from '../rooms/room-id.js';
import { RoomDocs, roomDocName, type Room } from '../rooms/room-docs.js';
import { SessionLog, type AppliedEvents } from '../store/session-log.js';
import type { StorageHealth } from '../store/storage-health.js';
import type { SessionRow, Store } from '../store/store.js';
import type { StoreThenSend } from './store-then-send.js';

export interface LiveSessionDeps {
  store: Store;
  turn: StoreThenSend;
  storage: StorageHealth;
  /** Rewrites the board and the desk where a commit touched them (host-wide documents). */
  writeBoardAndDesk(applied: AppliedEvents): void;
  /** The count of phones connected may have changed. */
  onConnectivity(): void;
  /** A room exists now (new device, or loaded at start): the gateway should serve it. */
  onRoomOpened(docName: string): void;
  log(line: string): void;
}

export type Recorded = { ok: true; events: number } | { ok: false; error: string };

/**
 * The session that is live on this host (at most one at a time): its log, its phones' rooms, the phones
 * connected, the request pipeline, and the labels the console shows for devices ("Phone 3").
 */
export class LiveSession {
  readonly log: SessionLog;
  readonly rooms: RoomDocs;
  readonly connected: ConnectedPhones;
  private readonly views: PrivateViews;
  private readonly pipeline: RequestPipeline;
  private readonly labels = new Map<string, string>();
  /** The session's paper codes, made from its secret when first needed. */
  readonly paperCodes: PaperCodeBook;

  constructor(
    readonly row: SessionRow,
    private readonly deps: LiveSessionDeps,
  ) {
    this.log = new SessionLog(deps.store, row.id);
    this.paperCodes = new PaperCodeBook(row.secret);
    this.rooms = new RoomDocs(deps.store, deps.turn, (room, raw) => this.pipeline.enqueue(room, raw), {
      // A room's whole private view on every load: what changed for the phone while it was unloaded.
      onLoad: (room) => this.views.rewrite(room),
    });
    this.views = new PrivateViews(this.rooms, () => this.log.state);
    this.connected = new ConnectedPhones(deps.onConnectivity);
    this.pipeline = new RequestPipeline({
      log: this.log,
      rooms: this.rooms,
      project: (applied) => this.project(applied),
      onStorage: (failure) => deps.storage.report('log', failure),
      logLine: deps.log,
    });
    deps.store.devices(row.id).forEach((d, i) => this.labels.set(d.deviceId, `Phone ${i + 1}`));
  }

  /**
   * Knows the rooms of every device that joined (after a start or a crash), unless the session closed,
   * without loading them: a room loads when its phone connects, so a restart costs the memory of the
   * phones that come back, not of every room the folder holds (issue 18).
   */
  openRooms(): void {
    if (this.log.state.status === 'closed') return;
    // Not announced either (onRoomOpened): the host does that when the phone shows up on /signal.
    for (const d of this.deps.store.devices(this.row.id)) this.rooms.register(d.roomId, d.deviceId);
  }

  /** Appends events for the facilitator or the host, commits them, and projects them. */
  record(actor: Actor, events: readonly EventBody[]): Recorded {
    if (events.length === 0) return { ok: true, events: 0 };
    const result = this.log.commit(() => this.log.append(actor, events));
    this.deps.storage.report('log', result.ok ? null : result.error);
    if (!result.ok) return { ok: false, error: result.error.message };
    this.project(result.applied);
    return { ok: true, events: result.applied.events.length };
  }

  /** A phone joins: a new device and its room, recorded in the log (with the paper code it used, its language, how it came). */
  join(facts: { paperCode?: number; lang?: string; via?: 'relay' } = {}): JoinResponse | HostJoinFailure {
    const deviceId = newId();
    const roomId = deriveRoomId(this.row.secret, deviceId);
    const result = this.log.commit(() => {
      this.deps.store.addDevice(this.row.id, deviceId, roomId, Date.now());
      this.log.append('host', [{ type: 'device.joined', deviceId, ...facts }]);
    });
    this.deps.storage.report('log', result.ok ? null : result.error);
    if (!result.ok) return { ok: false, error: 'The laptop cannot save right now. Try again in a moment.', hostFailure: true };
    this.labels.set(deviceId, `Phone ${this.labels.size + 1}`);
    this.project(result.applied);
    this.openRoom(roomId, deviceId);
    return { ok: true, sessionId: this.row.id, deviceId, roomId, title: this.row.title };
  }

  deviceLabel(deviceId: string): string {
    return this.labels.get(deviceId) ?? 'Phone';
  }

  dispose(): string[] {
    const names = this.rooms.roomIds().map(roomDocName);
    this.pipeline.dispose();
    this.connected.dispose();
    this.rooms.dispose();
    return names;
  }

  private openRoom(roomId: string, deviceId: string): Room {
    const room = this.rooms.open(roomId, deviceId);
    this.deps.onRoomOpened(roomDocName(roomId));
    return room;
  }

  /** Rewrites the board, the desk and the phones' private views for events this log committed. */
  project(applied: AppliedEvents): void {
    this.deps.writeBoardAndDesk(applied);
    this.views.update(applied);
  }
}
