import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BOARD_DOC_NAME, DESK_DOC_NAME } from '../../src-shared/docs/room-doc.js';
import { PATHS, TOKEN_QUERY } from '../../src-shared/endpoints.js';
import { LIMITS } from '../../src-shared/limits.js';
import type { Receipt } from '../../src-shared/requests.js';
import type { Moderation } from '../../src-shared/features/moderation/fold.js';
import { type SessionStatus } from '../../src-shared/features/session/fold.js';
import { questionStatus, type QuestionStatus } from '../../src-shared/features/questions/fold.js';
import type { HostInfo, SessionSummary } from '../../src-shared/views.js';
import { roomParts } from '../../src-shared/docs/room-doc.js';
import { LOCALES } from '../../src-shared/i18n/format.js';
import { VENUE_TEST_PATH, type VenueStatus } from '../../src-shared/venue.js';
import { createVenue } from './venue/venue.js';
import { voteCount } from '../../src-shared/features/moderation/views.js';
import { sessionListing, type SessionListing } from '../../src-shared/minutes/listing.js';
import { RecordFormatError } from '../../src-shared/record/format.js';
import { createControlHandlers, runControl } from './pipeline/control-handlers.js';
import { FolderSettings } from './store/folder-settings.js';
import { publishFolderSettings } from './features/moderation/commands.js';
import { exportSession } from './export/export-session.js';
import { loadAndPersist } from './store/doc-persistence.js';
import { createFdGuard } from './net/fd-guard.js';
import { paperCodesFile } from './features/paper-codes/slips-file.js';
import { PAPER_CODES_FILE } from '../../src-shared/features/paper-codes/format.js';
import { createLanServer } from './net/lan-server.js';
import { createLoopbackServer } from './net/loopback-server.js';
import { MemoryReclaim } from './rooms/memory-reclaim.js';
import { ROOM_IDLE_MS, roomDocName, roomIdOfDocName, type Room } from './rooms/room-docs.js';
import { SessionManager } from './pipeline/session-manager.js';
import { createSignalServer } from './net/signal-server.js';
import { HttpError } from './net/http-util.js';
import { Store } from './store/store.js';
import { StorageHealth } from './store/storage-health.js';
import { StoreThenSend } from './pipeline/store-then-send.js';
import { createSyncServer, pendingBytes, type SyncTarget } from './net/sync-server.js';

export interface HostOptions {
  dataDir: string;
  /** LAN port for phones; 0 picks a free one. */
  lanPort: number;
  /** Which of the laptop's addresses goes into the QR (defaults to the most likely LAN address). */
  joinAddress?: string;
  /** Folder with the built UIs (out/ of `npm run build`). */
  buildDir: string;
  /** Start the WebRTC gateway in this process (headless). The Electron app runs it in a renderer. */
  gateway: 'node' | 'external' | 'none';
  /** Rooms to bridge appear and go away (for an 'external' gateway, e.g. the Electron app's hidden window). */
  onRoom?(docName: string, change: 'opened' | 'closed'): void;
  /** An opened store to use instead of opening `dataDir`'s (the caller keeps it, e.g. to set SQLite limits). */
  store?: Store;
  /** How often stores that failed are tried again. */
  storageRetryMs?: number;
  /** An open session that sees no phone for this long gets the console's "nobody can join" help (default 60 s). */
  nobodyTimeoutMs?: number;
  log?(line: string): void;
  /** Treat this as the process's file-descriptor limit (default: the real one; see fd-guard.ts). */
  maxOpenFiles?: number | (() => number);
  /** A phone's room with no transport connected for this long is unloaded from memory (default ROOM_IDLE_MS). */
  roomIdleMs?: number;
}

/** The live session, as callers and tests may see it. */
export interface LiveSessionInfo {
  id: string;
  title: string;
  joinCode: string;
  status: SessionStatus;
  /** The hash of the last event in the log. */
  finalHash: string;
  events: number;
  devices: number;
  questions: number;
}

/** One question, as the host has decided it. */
export interface QuestionInfo {
  id: string;
  text: string;
  name: string;
  moderation: Moderation;
  status: QuestionStatus;
  votes: number;
}

export interface Host {
  lanOrigin: string;
  loopbackOrigin: string;
  token: string;
  consoleUrl: string;
  projectorUrl: string;
  control: (command: Parameters<typeof runControl>[1], input: unknown) => ReturnType<typeof runControl>;
  /** The join URL of the current session while it is open. */
  joinUrl(): string | null;
  onSessionChanged(listener: () => void): void;
  /** An external gateway reports the open WebRTC peer connections of a room. */
  setRoomPeers(docName: string, peers: number): void;
  /** The live session (the newest of the data folder), or null before the first. */
  currentSession(): LiveSessionInfo | null;
  question(id: string): QuestionInfo | null;
  /** The host's answer to a request, as written into the phone's room. */
  receipt(roomId: string, requestId: string): Receipt | undefined;
  /** Bytes of updates a room holds that wait for a missing earlier update (bounded per room). */
  roomPendingBytes(roomId: string): number | null;
  /** How many phone rooms of the live session are in memory (idle ones are unloaded). */
  roomsInMemory(): number;
  /** Every session of the data folder, oldest first. */
  sessionList(): SessionSummary[];
  /** Why the data folder cannot be written, in plain words, or null. */
  storageProblem(): string | null;
  /** The laptop's addresses with interface and kind, best first, and what phones did so far. */
  venueStatus(): VenueStatus;
  close(): Promise<void>;
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** Starts the whole host: store, documents, authority, both listeners, signaling and the gateway. */
export async function startHost(opts: HostOptions): Promise<Host> {
  const log = opts.log ?? (() => {});
  const token = randomBytes(24).toString('base64url');
  const store = opts.store ?? new Store(opts.dataDir);
  const board = new Y.Doc();
  const desk = new Y.Doc();
  const storage = new StorageHealth(() => sessions.writeHeaders());
  const turn = new StoreThenSend(
    (fn) => store.transaction(fn),
    (failure) => {
      if (failure) log(`storage: ${failure.message}`);
      storage.report('documents', failure);
    },
    opts.storageRetryMs,
  );
  const stopBoard = loadAndPersist(store, turn, BOARD_DOC_NAME, board);
  const stopDesk = loadAndPersist(store, turn, DESK_DOC_NAME, desk);
  const venue = await createVenue({
    dataDir: opts.dataDir,
    ...(opts.joinAddress !== undefined ? { explicitAddress: opts.joinAddress } : {}),
    ...(opts.nobodyTimeoutMs !== undefined ? { nobodyTimeoutMs: opts.nobodyTimeoutMs } : {}),
  });
  let lanPort = 0;
  let loopbackPort = 0;
  const hostInfo = (): HostInfo => ({
    addresses: venue.choices.map((c) => c.address),
    joinAddress: venue.joinAddress,
    port: lanPort,
    choices: venue.choices,
    ipv6Only: venue.ipv6Only,
  });
  const sessionListeners: Array<() => void> = [];
  let gateway: { addRoom(name: string): void; removeRoom(name: string): void; destroy(): unknown } | null = null;

  const sync = createSyncServer({ maxMessagesPer10s: LIMITS.syncMessagesPer10s, turn, onError: (r) => log(`sync: ${r}`) });
  /**
   * A room the gateway must serve: a new device's, or one known at start once its phone subscribes on
   * /signal (so a restart does not make a WebRTC provider for every room in the folder). Idempotent; never
   * loads the room.
   */
  const roomOpened = (name: string): void => {
    venue.watchRoom(name, sessions.loadedRoomByDocName(name)?.doc);
    gateway?.addRoom(name);
    opts.onRoom?.(name, 'opened');
  };
  const sessions = new SessionManager(store, turn, storage, board, desk, hostInfo, {
    roomOpened,
    roomClosed: (name) => {
      venue.unwatchRoom(name);
      gateway?.removeRoom(name);
      opts.onRoom?.(name, 'closed');
    },
    sessionChanged: () => {
      venue.sessionOpen(sessions.current?.log.state.status === 'open');
      sessionListeners.forEach((l) => l());
    },
  }, log);
  /** The room id of a `room-<id>` name of the live session, without loading the room into memory. */
  const liveRoomId = (name: string): string | null => {
    const roomId = roomIdOfDocName(name);
    return roomId !== null && sessions.current?.rooms.has(roomId) ? roomId : null;
  };
  /** The gateway's WebRTC peers of a room (they count as the phone being connected). */
  const setRtcPeers = (name: string, peers: number): void => {
    venue.monitor.setConnections(name, 'rtc', peers, Date.now());
    const roomId = liveRoomId(name);
    if (roomId !== null) sessions.current?.connected.set(roomId, 'rtc', peers);
  };
  const fdGuard = createFdGuard(opts.maxOpenFiles);
  const signal = createSignalServer({
    isIssuedTopic: (topic) => liveRoomId(topic) !== null,
    onTopicPeers: (topic, peers) => {
      if (peers > 0 && liveRoomId(topic) !== null) roomOpened(topic);
    },
    maxPeersPerTopic: LIMITS.signalPeersPerRoom,
    maxMessageBytes: LIMITS.signalMessageBytes,
    maxMessagesPer10s: LIMITS.signalMessagesPer10s,
    // Phones behind one address (NAT) share its budget: it grows with the console's phones-per-address.
    maxMessagesPer10sPerAddress: () =>
      Math.max(LIMITS.signalMessagesPer10sPerAddress, (LIMITS.signalMessagesPer10sPerAddress / 4) * sessions.joinPolicy.phonesPerAddress),
    log,
  });

  // The board is served inside every room as a read-only overlay of the one board doc. What one phone may
  // store in its room, and how many connections a room takes, are bounded (a hostile phone).
  const ROOM_SYNC_LIMITS = { maxBytes: LIMITS.roomStoredBytes, maxConnections: LIMITS.connectionsPerRoom };
  /** A room a transport connects to, loaded into memory if it was unloaded, with its requests timed. */
  const connectingRoom = (name: string): Room | undefined => {
    const room = sessions.roomByDocName(name);
    if (room) venue.watchRoom(name, room.doc);
    return room;
  };
  /** A phone's room over the LAN: its WebSocket connections count as the phone being connected. */
  const phoneRoomTarget = (name: string): SyncTarget | null => {
    const room = connectingRoom(name);
    if (!room) return null;
    return {
      doc: room.doc,
      overlay: board,
      readOnly: false,
      ...ROOM_SYNC_LIMITS,
      onConnections: (n) => {
        venue.monitor.setConnections(name, 'ws', n, Date.now());
        sessions.setRoomConnections(room, 'ws', n);
      },
    };
  };
  /** A phone's room for the WebRTC gateway (loopback): the gateway reports its peers itself. */
  const gatewayRoomTarget = (name: string): SyncTarget | null => {
    const room = connectingRoom(name);
    return room ? { doc: room.doc, overlay: board, readOnly: false, ...ROOM_SYNC_LIMITS } : null;
  };
  // The console asks every second; the addresses are read again every few seconds (a laptop that joins the
  // venue Wi-Fi after launch gets it in the QR), and the desk is re-projected when they changed.
  const venueStatus = () => {
    void venue.refresh().then(
      (changed) => changed && sessions.writeHeaders(),
      (err: unknown) => log(`venue: ${(err as Error).message}`),
    );
    return venue.status(lanPort);
  };
  const settings = new FolderSettings(opts.dataDir, log);
  sessions.joinPolicy.setPhonesPerAddress(settings.current.phonesPerAddress);
  const publishSettings = () => publishFolderSettings(board, desk, settings);
  const handlers = createControlHandlers({
    sessions,
    venueStatus,
    settings,
    publishSettings,
    setJoinAddress: (address) => {
      if (!venue.choose(address)) return null;
      sessions.writeHeaders();
      return sessions.joinInfo()?.url ?? '';
    },
  });
  const control: Host['control'] = (command, input) => runControl(handlers, command, input);

  const lan = createLanServer({
    attendeeRoot: join(opts.buildDir, 'attendee'),
    join: (code, who) => sessions.join(code, who),
    sync,
    roomTarget: phoneRoomTarget,
    signal,
    onPhone: (via, req) => venue.onPhone(via, req),
    testPage: { path: VENUE_TEST_PATH, serve: (req, res) => venue.serveTestPage(req, res) },
    log,
    fdGuard,
    // A phone holds up to about 8 connections: a venue that allows more phones per address needs more.
    connectionsPerAddress: () => Math.max(LIMITS.connectionsPerAddress, 8 * sessions.joinPolicy.phonesPerAddress),
  });
  const loopback = createLoopbackServer(
    {
      token,
      rendererRoot: join(opts.buildDir, 'renderer'),
      sync,
      docTarget: (name) =>
        name === DESK_DOC_NAME
          ? { doc: desk, readOnly: true, sendBeforeStored: true }
          : name === BOARD_DOC_NAME
            ? { doc: board, readOnly: true }
            : gatewayRoomTarget(name),
      control,
      // Exports read the log the authority has already committed: a snapshot, nothing is written.
      exportFile: async (sessionId, format, locale) => {
        if (!store.session(sessionId)) return null;
        try {
          return await exportSession(store, sessionId, format, locale ? { locale } : {});
        } catch (err) {
          // A session a newer Open Floor wrote: the console shows the message to update.
          if (err instanceof RecordFormatError) throw new HttpError(409, err.message);
          throw err;
        }
      },
      listSessions: () => readableSessionListings(store, log),
      venueFile: (name, query) => {
        // The handout and the paper slips speak the projector's language, and both when its join call does.
        const { language, bilingualJoin } = settings.current.display;
        const languages = bilingualJoin ? [language, ...LOCALES.filter((l) => l !== language)] : [language];
        if (name === PAPER_CODES_FILE) return paperCodesFile(sessions, languages, query);
        const join = sessions.joinInfo();
        const state = sessions.current?.log.state;
        const live = join && state && state.status !== 'closed';
        return venue.file(name, live ? { title: state.title, place: state.place, joinUrl: join.url, code: join.code, languages } : null);
      },
      log,
    },
    () => loopbackPort,
  );

  lanPort = await listen(lan.server, opts.lanPort, '0.0.0.0');
  loopbackPort = await listen(loopback.server, 0, '127.0.0.1');
  const loopbackOrigin = `http://127.0.0.1:${loopbackPort}`;

  if (opts.gateway === 'node') {
    const { startNodeGateway } = await import('./net/gateway-node.js');
    gateway = startNodeGateway({
      hostSyncUrl: `ws://127.0.0.1:${loopbackPort}${PATHS.sync}`,
      token,
      signalingUrl: `ws://127.0.0.1:${lanPort}${PATHS.signal}`,
      onPeers: setRtcPeers,
      fdGuard,
      log,
    });
  }
  sessions.restore();
  venue.sessionOpen(sessions.current?.log.state.status === 'open');
  publishSettings();

  // Rooms that no transport (a phone's WebSocket, or the gateway's link for WebRTC) has used for a while
  // leave memory; the next connection loads them again (room-docs.ts).
  const roomIdleMs = opts.roomIdleMs ?? ROOM_IDLE_MS;
  const reclaim = new MemoryReclaim();
  const unloadIdleRooms = (): void => {
    const unloaded = sessions.current?.rooms.unloadIdle(roomIdleMs, (room) => sync.connections(room.doc) > 0) ?? [];
    for (const room of unloaded) venue.unwatchRoom(roomDocName(room.roomId));
    if (unloaded.length > 0) reclaim.request();
  };
  const idleSweep = setInterval(unloadIdleRooms, Math.min(Math.max(roomIdleMs / 4, 100), 1_000));
  idleSweep.unref();

  return {
    lanOrigin: `http://${venue.joinAddress}:${lanPort}`,
    loopbackOrigin,
    token,
    consoleUrl: `${loopbackOrigin}${PATHS.console}?${TOKEN_QUERY}=${token}`,
    projectorUrl: `${loopbackOrigin}${PATHS.projector}?${TOKEN_QUERY}=${token}`,
    control,
    joinUrl: () => (sessions.current?.log.state.status === 'open' ? (sessions.joinInfo()?.url ?? null) : null),
    onSessionChanged: (l) => sessionListeners.push(l),
    venueStatus,
    setRoomPeers: setRtcPeers,
    currentSession: () => {
      const live = sessions.current;
      if (!live) return null;
      const { state } = live.log;
      return {
        id: live.row.id,
        title: live.row.title,
        joinCode: live.row.joinCode,
        status: state.status,
        finalHash: state.lastHash,
        events: state.lastSeq,
        devices: state.devices.size,
        questions: state.questions.size,
      };
    },
    question: (id) => {
      const state = sessions.current?.log.state;
      const q = state?.questions.get(id);
      if (!state || !q) return null;
      return { id, text: q.text, name: q.name, moderation: q.moderation, status: questionStatus(q, state.floor), votes: voteCount(q) };
    },
    receipt: (roomId, requestId) => {
      const room = sessions.current?.rooms.get(roomId);
      return room ? roomParts(room.doc).receipts.get(requestId) : undefined;
    },
    roomPendingBytes: (roomId) => {
      const room = sessions.current?.rooms.get(roomId);
      return room ? pendingBytes(room.doc) : null;
    },
    roomsInMemory: () => sessions.current?.rooms.loadedCount() ?? 0,
    sessionList: () => sessions.sessions(),
    storageProblem: () => storage.problem(),
    close: async () => {
      clearInterval(idleSweep);
      reclaim.dispose();
      await gateway?.destroy();
      signal.close();
      sync.close();
      sessions.dispose();
      await Promise.all([lan.shutdown(), loopback.shutdown()]);
      turn.flush();
      turn.dispose();
      stopBoard();
      stopDesk();
      if (!opts.store) store.close();
    },
  };
}

/** Past sessions for the console; one a newer Open Floor wrote is left out of the list, with a log line saying why. */
function readableSessionListings(store: Store, log: (line: string) => void): SessionListing[] {
  return store.sessions().flatMap((row) => {
    try {
      return [sessionListing(store.events(row.id))];
    } catch (err) {
      if (!(err instanceof RecordFormatError)) throw err;
      log(`session ${row.id}: ${err.message}`);
      return [];
    }
  });
}
