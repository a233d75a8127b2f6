import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BOARD_DOC_NAME, DESK_DOC_NAME } from '../../src-shared/docs/room-doc.js';
import { PATHS, TOKEN_QUERY } from '../../src-shared/endpoints.js';
import { LIMITS } from '../../src-shared/limits.js';
import type { HostInfo } from '../../src-shared/views.js';
import { lanAddresses } from './addresses.js';
import { sessionListing } from '../../src-shared/minutes/listing.js';
import { createControlHandlers, runControl } from './control-handlers.js';
import { exportSession } from './export/export-session.js';
import { loadAndPersist } from './doc-persistence.js';
import { createFdGuard } from './fd-guard.js';
import { createLanServer } from './lan-server.js';
import { createLoopbackServer } from './loopback-server.js';
import { SessionManager } from './session-manager.js';
import { createSignalServer } from './signal-server.js';
import { Store } from './store.js';
import { Tick } from './tick.js';
import { createSyncServer, type SyncTarget } from './sync-server.js';

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
  log?(line: string): void;
  /** Treat this as the process's file-descriptor limit (default: the real one; see fd-guard.ts). */
  maxOpenFiles?: number | (() => number);
}

export interface Host {
  lanOrigin: string;
  loopbackOrigin: string;
  token: string;
  consoleUrl: string;
  projectorUrl: string;
  sessions: SessionManager;
  control: (command: Parameters<typeof runControl>[1], input: unknown) => ReturnType<typeof runControl>;
  /** The join URL of the current session while it is open. */
  joinUrl(): string | null;
  onSessionChanged(listener: () => void): void;
  /** An external gateway reports the open WebRTC peer connections of a room. */
  setRoomPeers(docName: string, peers: number): void;
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
  const store = new Store(opts.dataDir);
  const board = new Y.Doc();
  const desk = new Y.Doc();
  const tick = new Tick((fn) => store.transaction(fn));
  const stopBoard = loadAndPersist(store, tick, BOARD_DOC_NAME, board);
  const stopDesk = loadAndPersist(store, tick, DESK_DOC_NAME, desk);
  const addresses = lanAddresses();
  let joinAddress = opts.joinAddress ?? addresses[0]!;
  if (!addresses.includes(joinAddress)) addresses.push(joinAddress);
  let lanPort = 0;
  let loopbackPort = 0;
  const hostInfo = (): HostInfo => ({ addresses, joinAddress, port: lanPort });
  const sessionListeners: Array<() => void> = [];
  let gateway: { addRoom(name: string): void; removeRoom(name: string): void; destroy(): unknown } | null = null;

  const sync = createSyncServer({ maxMessagesPer10s: 600, tick, onError: (r) => log(`sync: ${r}`) });
  const sessions = new SessionManager(store, tick, board, desk, hostInfo, {
    roomOpened: (name) => {
      gateway?.addRoom(name);
      opts.onRoom?.(name, 'opened');
    },
    roomClosed: (name) => {
      gateway?.removeRoom(name);
      opts.onRoom?.(name, 'closed');
    },
    sessionChanged: () => sessionListeners.forEach((l) => l()),
  });
  const fdGuard = createFdGuard(opts.maxOpenFiles);
  const signal = createSignalServer({
    isIssuedTopic: (topic) => sessions.roomByDocName(topic) !== undefined,
    maxPeersPerTopic: LIMITS.signalPeersPerRoom,
    maxMessageBytes: LIMITS.signalMessageBytes,
    maxMessagesPer10s: LIMITS.signalMessagesPer10s,
    // Phones behind one address (NAT) share its budget: it grows with the console's phones-per-address.
    maxMessagesPer10sPerAddress: () =>
      Math.max(LIMITS.signalMessagesPer10sPerAddress, (LIMITS.signalMessagesPer10sPerAddress / 4) * sessions.joinPolicy.phonesPerAddress),
    log,
  });

  const roomTarget = (name: string, viaGateway: boolean): SyncTarget | null => {
    const room = sessions.roomByDocName(name);
    if (!room) return null;
    // The board is served inside every room as a read-only overlay of the one board doc.
    const limits = { maxBytes: LIMITS.roomStoredBytes, maxConnections: LIMITS.connectionsPerRoom };
    if (viaGateway) return { doc: room.doc, overlay: board, readOnly: false, ...limits };
    return { doc: room.doc, overlay: board, readOnly: false, ...limits, onConnections: (n) => sessions.setRoomConnections(room, 'ws', n) };
  };
  const handlers = createControlHandlers({
    sessions,
    setJoinAddress: (address) => {
      if (!addresses.includes(address)) return null;
      joinAddress = address;
      sessions.refresh();
      return sessions.joinInfo()?.url ?? '';
    },
  });
  const control: Host['control'] = (command, input) => runControl(handlers, command, input);

  const lan = createLanServer({
    attendeeRoot: join(opts.buildDir, 'attendee'),
    join: (code, who) => sessions.join(code, who),
    sync,
    roomTarget: (name) => roomTarget(name, false),
    signal,
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
          ? { doc: desk, readOnly: true }
          : name === BOARD_DOC_NAME
            ? { doc: board, readOnly: true }
            : roomTarget(name, true),
      control,
      // Exports read the log the authority has already committed: a snapshot, nothing is written.
      exportFile: async (sessionId, format) => (store.session(sessionId) ? exportSession(store, sessionId, format) : null),
      listSessions: () => store.sessions().map((row) => sessionListing(store.events(row.id))),
      log,
    },
    () => loopbackPort,
  );

  lanPort = await listen(lan.server, opts.lanPort, '0.0.0.0');
  loopbackPort = await listen(loopback.server, 0, '127.0.0.1');
  const loopbackOrigin = `http://127.0.0.1:${loopbackPort}`;

  if (opts.gateway === 'node') {
    const { startNodeGateway } = await import('./gateway-node.js');
    gateway = startNodeGateway({
      hostSyncUrl: `ws://127.0.0.1:${loopbackPort}${PATHS.sync}`,
      token,
      signalingUrl: `ws://127.0.0.1:${lanPort}${PATHS.signal}`,
      onPeers: (name, peers) => {
        const room = sessions.roomByDocName(name);
        if (room) sessions.setRoomConnections(room, 'rtc', peers);
      },
      fdGuard,
      log,
    });
  }
  sessions.restore();

  return {
    lanOrigin: `http://${joinAddress}:${lanPort}`,
    loopbackOrigin,
    token,
    consoleUrl: `${loopbackOrigin}${PATHS.console}?${TOKEN_QUERY}=${token}`,
    projectorUrl: `${loopbackOrigin}${PATHS.projector}?${TOKEN_QUERY}=${token}`,
    sessions,
    control,
    joinUrl: () => (sessions.session?.authority.state.status === 'open' ? (sessions.joinInfo()?.url ?? null) : null),
    onSessionChanged: (l) => sessionListeners.push(l),
    setRoomPeers: (name, peers) => {
      const room = sessions.roomByDocName(name);
      if (room) sessions.setRoomConnections(room, 'rtc', peers);
    },
    close: async () => {
      await gateway?.destroy();
      signal.close();
      sync.close();
      sessions.dispose();
      await Promise.all([lan.shutdown(), loopback.shutdown()]);
      tick.flush();
      stopBoard();
      stopDesk();
      store.close();
    },
  };
}
