import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { BOARD_DOC_NAME, DESK_DOC_NAME } from '../../src-shared/docs/room-doc.js';
import { PATHS, TOKEN_QUERY } from '../../src-shared/endpoints.js';
import { LIMITS } from '../../src-shared/limits.js';
import type { HostInfo } from '../../src-shared/features/session/views.js';
import { VENUE_TEST_PATH, type RelayHealth } from '../../src-shared/venue.js';
import { createVenue, type Venue } from './venue/venue.js';
import { createControlHandlers, runControl } from './pipeline/control-handlers.js';
import { FolderSettings } from './store/folder-settings.js';
import { publishFolderSettings } from './features/moderation/commands.js';
import { createFdGuard, type FdGuard } from './net/fd-guard.js';
import { createLanServer } from './net/lan-server.js';
import { createLoopbackServer } from './net/loopback-server.js';
import { ROOM_IDLE_MS, roomIdOfDocName } from './rooms/room-docs.js';
import { RELAY_ROOM_PREFIX, RoomTargets } from './rooms/room-targets.js';
import { startIdleSweep } from './rooms/idle-sweep.js';
import { SessionManager } from './pipeline/session-manager.js';
import { createSignalServer, type SignalServer } from './net/signal-server.js';
import { Store } from './store/store.js';
import { openHostDocs } from './store/host-docs.js';
import { createSyncServer, type SyncServer, type SyncTarget } from './net/sync-server.js';
import { inProcessWebSocket } from './net/in-process-socket.js';
import type { HostSync, RelayLinkOptions } from './net/relay-link.js';
import { hostReaders, type Host } from './host-api.js';
import { loopbackFiles } from './loopback-files.js';
import { linkWatch, relayAccess, type RelayAccess } from './relay-access.js';
import { remotePhonesNow, watchRemotePhones } from './remote-phones.js';

export type { Host } from './host-api.js';

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
  /**
   * Remote attendees (issue 20, docs/HYBRID.md): the laptop connects out to this relay with the meeting's
   * relay secret. Off when absent.
   */
  relay?: { url: string } & Pick<RelayLinkOptions, 'secret' | 'ca' | 'maxRetryDelayMs' | 'idleRoomMs' | 'rollCallMs' | 'roomQueryAnswerMs' | 'reauthAfterMs'>;
}

const listen = (server: Server, port: number, host: string) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });

/** The WebRTC gateway, wherever it runs: it bridges the rooms it is given. */
interface Gateway {
  addRoom(name: string): void;
  removeRoom(name: string): void;
  destroy(): unknown;
}

/** Starts the whole host: store, documents, authority, both listeners, signaling and the gateway. */
export async function startHost(opts: HostOptions): Promise<Host> {
  const log = opts.log ?? (() => {});
  const token = randomBytes(24).toString('base64url');
  const store = opts.store ?? new Store(opts.dataDir);
  const docs = openHostDocs(store, log, opts.storageRetryMs, () => sessions.writeHeaders());
  const { board, desk, turn } = docs;
  const venue = await openVenue(opts);
  const ports = { lan: 0, loopback: 0 };
  const hostInfo = (): HostInfo => ({ ...venueInfo(venue, ports.lan), ...(opts.relay ? { relayUrl: opts.relay.url } : {}) });
  const sessionListeners: Array<() => void> = [];
  // The WebRTC gateway and the relay link start once the listeners are up.
  let gateway: Gateway | null = null, relay: StartedRelay | null = null;
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
  const sessions = new SessionManager(store, turn, docs.storage, board, desk, hostInfo, {
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
  }, () => remotePhonesNow(relay), log);
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
  const signal = startSignal(sessions, liveRoomId, roomOpened, log);
  const settings = new FolderSettings(opts.dataDir, log);
  sessions.joinPolicy.setPhonesPerAddress(settings.current.phonesPerAddress);
  const publishSettings = () => publishFolderSettings(board, desk, settings);
  const { control, venueStatus } = controlPath({ sessions, venue, settings, publishSettings, log, lanPort: () => ports.lan, relayOn: opts.relay !== undefined, relayHealth: () => relayHealth(opts.relay, relay, sessions) });
  const files = loopbackFiles({ store, sessions, settings, venue, dataDir: opts.dataDir, buildDir: opts.buildDir, log });
  const servers = createServers({ opts, token, sessions, venue, sync, signal, fdGuard, control, files, board, desk, log, ports });
  ports.lan = await listen(servers.lan.server, opts.lanPort, '0.0.0.0');
  ports.loopback = await listen(servers.loopback.server, 0, '127.0.0.1');
  const loopbackOrigin = `http://127.0.0.1:${ports.loopback}`;
  if (opts.gateway === 'node') gateway = await startGateway(ports, token, setRtcPeers, fdGuard, log);
  relay = opts.relay ? await startRelay(opts.relay, servers.relaySync(), sessions, sessionListeners, log) : null;
  sessions.restore();
  venue.sessionOpen(sessions.current?.log.state.status === 'open');
  publishSettings();
  const stopIdleSweep = startIdleSweep(sessions, sync, venue, opts.roomIdleMs ?? ROOM_IDLE_MS);

  return {
    lanOrigin: `http://${venue.joinAddress}:${ports.lan}`,
    loopbackOrigin,
    token,
    consoleUrl: `${loopbackOrigin}${PATHS.console}?${TOKEN_QUERY}=${token}`,
    projectorUrl: `${loopbackOrigin}${PATHS.projector}?${TOKEN_QUERY}=${token}`,
    control,
    onSessionChanged: (l) => sessionListeners.push(l),
    venueStatus,
    setRoomPeers: setRtcPeers,
    relay,
    ...hostReaders({ sessions, storage: docs.storage }),
    close: async () => {
      stopIdleSweep();
      relay?.destroy();
      await gateway?.destroy();
      signal.close();
      sync.close();
      sessions.dispose();
      await Promise.all([servers.lan.shutdown(), servers.loopback.shutdown()]);
      docs.close();
      if (!opts.store) store.close();
    },
  };
}

/** The venue: the laptop's addresses, the one in the QR, and what phones did so far. */
function openVenue(opts: HostOptions): Promise<Venue> {
  return createVenue({
    dataDir: opts.dataDir,
    ...(opts.joinAddress !== undefined ? { explicitAddress: opts.joinAddress } : {}),
    ...(opts.nobodyTimeoutMs !== undefined ? { nobodyTimeoutMs: opts.nobodyTimeoutMs } : {}),
  });
}

/** The y-webrtc signaling server of the LAN: only the live session's rooms are topics. */
function startSignal(sessions: SessionManager, liveRoomId: (name: string) => string | null, roomOpened: (name: string) => void, log: (line: string) => void): SignalServer {
  return createSignalServer({
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
}

interface ControlPathDeps {
  sessions: SessionManager;
  venue: Venue;
  settings: FolderSettings;
  publishSettings(): void;
  log(line: string): void;
  lanPort(): number;
  /** The laptop runs with a relay: remote attendees can be switched on and off. */
  relayOn: boolean;
  /** The relay link's health, when the laptop runs with one. */
  relayHealth(): RelayHealth | null;
}

/** The console's commands, checked and run; and the venue status it asks for every second. */
function controlPath({ sessions, venue, settings, publishSettings, log, lanPort, relayOn, relayHealth }: ControlPathDeps): Pick<Host, 'control' | 'venueStatus'> {
  // The addresses are read again every few seconds (a laptop that joins the venue Wi-Fi after launch gets
  // it in the QR), and the desk is re-projected when they changed.
  const venueStatus = () => {
    void venue.refresh().then(
      (changed) => changed && sessions.writeHeaders(),
      (err: unknown) => log(`venue: ${(err as Error).message}`),
    );
    const relay = relayHealth();
    return { ...venue.status(lanPort()), ...(relay ? { relay } : {}) };
  };
  const setJoinAddress = (address: string): string | null => {
    if (!venue.choose(address)) return null;
    sessions.writeHeaders();
    return sessions.joinInfo()?.url ?? '';
  };
  const handlers = createControlHandlers({ sessions, venueStatus, settings, publishSettings, setJoinAddress, relayOn });
  return { control: (command, input) => runControl(handlers, command, input), venueStatus };
}

interface ServersDeps {
  opts: HostOptions;
  token: string;
  sessions: SessionManager;
  venue: Venue;
  sync: SyncServer;
  signal: SignalServer;
  fdGuard: FdGuard;
  control: Host['control'];
  files: ReturnType<typeof loopbackFiles>;
  board: Y.Doc;
  desk: Y.Doc;
  log(line: string): void;
  ports: { lan: number; loopback: number };
}

/** The two listeners: the LAN one phones reach, and the loopback one for this laptop's screens. */
function createServers(d: ServersDeps) {
  const targets = new RoomTargets(d.sessions, d.venue, d.board);
  const lan = createLanServer({
    attendeeRoot: join(d.opts.buildDir, 'attendee'),
    join: (code, who) => d.sessions.join(code, who),
    sync: d.sync,
    roomTarget: (name) => targets.phone(name),
    signal: d.signal,
    onPhone: (via, req) => d.venue.onPhone(via, req),
    testPage: { path: VENUE_TEST_PATH, serve: (req, res) => d.venue.serveTestPage(req, res) },
    log: d.log,
    fdGuard: d.fdGuard,
    // A phone holds up to about 8 connections: a venue that allows more phones per address needs more.
    connectionsPerAddress: () => Math.max(LIMITS.connectionsPerAddress, 8 * d.sessions.joinPolicy.phonesPerAddress),
  });
  const boardTarget: SyncTarget = { doc: d.board, readOnly: true };
  const loopback = createLoopbackServer(
    {
      token: d.token,
      rendererRoot: join(d.opts.buildDir, 'renderer'),
      sync: d.sync,
      docTarget: (name) =>
        name === DESK_DOC_NAME ? { doc: d.desk, readOnly: true, sendBeforeStored: true } : name === BOARD_DOC_NAME ? boardTarget : targets.gateway(name),
      control: d.control,
      ...d.files,
      log: d.log,
    },
    () => d.ports.loopback,
  );
  /** The relay link's bridges (the board and `relay/room-<id>`), served in-process only (never on the loopback listener). */
  const relaySync = (): HostSync => ({
    url: 'ws://in-process/sync',
    WebSocket: inProcessWebSocket((name, peer) => {
      const target = name === BOARD_DOC_NAME ? boardTarget : name.startsWith(RELAY_ROOM_PREFIX) ? targets.relay(name.slice(RELAY_ROOM_PREFIX.length)) : null;
      if (target) d.sync.handleConnection(peer, name, target);
      return target !== null;
    }),
  });
  return { lan, loopback, relaySync };
}

/** Where phones join: the laptop's addresses, the one in the QR, the port. */
const venueInfo = (venue: Venue, port: number): HostInfo => ({ addresses: venue.choices.map((c) => c.address), joinAddress: venue.joinAddress, port, choices: venue.choices, ipv6Only: venue.ipv6Only });

type StartedRelay = RelayAccess & { destroy(): void; since(): number; drops(): number };

/**
 * What the console's Venue panel says of remote attendees: the relay's address, whether the link is up and
 * since when, phones in the room and remote, the facilitator's switch and the remote join link.
 */
function relayHealth(options: HostOptions['relay'], relay: StartedRelay | null, sessions: SessionManager): RelayHealth | null {
  if (!options || !relay) return null;
  const state = sessions.current?.log.state;
  return {
    url: options.url,
    connected: relay.connected(),
    since: relay.since(),
    drops: relay.drops(),
    remotePhones: relay.remoteRooms(),
    inRoomPhones: sessions.inRoomCount(),
    remoteAttendees: state?.remoteAttendees.open ?? true,
    // The link the projector shows too (SessionManager.joinInfo), while the session takes phones.
    joinLink: state && state.status !== 'closed' ? (sessions.joinInfo()?.remoteUrl ?? null) : null,
  };
}

/** The laptop's one outbound connection to the relay, bridging the board and remote phones' rooms. */
async function startRelay(
  relay: NonNullable<HostOptions['relay']>,
  host: HostSync,
  sessions: SessionManager,
  sessionListeners: Array<() => void>,
  log: (line: string) => void,
): Promise<StartedRelay> {
  const { startRelayLink } = await import('./net/relay-link.js');
  const watch = linkWatch();
  const { url, ...tuning } = relay;
  const link = startRelayLink({
    relayUrl: url,
    ...tuning,
    host,
    log,
    onConnected: watch.onConnected,
  });
  const access = relayAccess(sessions, link);
  sessionListeners.push(() => access.sessionChanged());
  const presence = { ...access, since: watch.since, drops: watch.drops };
  // Remote phones come and go on the relay: the board's "phones connected" follows them.
  const stopCounting = watchRemotePhones(() => remotePhonesNow(presence), () => sessions.phonesChanged());
  return {
    ...presence,
    destroy: () => {
      stopCounting();
      link.destroy();
    },
  };
}

/** The WebRTC gateway in this process (headless): it joins the LAN signaling and syncs over loopback. */
async function startGateway(ports: { lan: number; loopback: number }, token: string, onPeers: (name: string, peers: number) => void, fdGuard: FdGuard, log: (line: string) => void): Promise<Gateway> {
  const { startNodeGateway } = await import('./net/gateway-node.js');
  return startNodeGateway({
    hostSyncUrl: `ws://127.0.0.1:${ports.loopback}${PATHS.sync}`,
    token,
    signalingUrl: `ws://127.0.0.1:${ports.lan}${PATHS.signal}`,
    onPeers,
    fdGuard,
    log,
  });
}
