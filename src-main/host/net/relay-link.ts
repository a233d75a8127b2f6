import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BOARD_DOC_NAME } from '../../../src-shared/docs/room-doc.js';
import { LAPTOP_PRESENCE, LAPTOP_PRESENCE_EVERY_MS } from '../../../src-shared/relay.js';
import { parseMessage, toLaptopSchema, type ForwardedJoin, type FromLaptop, type JoinAnswer } from '../../../src-relay/control-messages.js';
import { laptopCredential, phoneToken, RELAY_BOARD_DOC, RELAY_CONTROL_DOC } from '../../../src-relay/relay-token.js';
import { RELAY_ROOM_PREFIX } from '../rooms/room-targets.js';
import { corkSendsPerTurn } from '../../../src-node/cork-per-turn.js';
import { NodeWebSocket } from './node-websocket.js';
import { idleRooms, rollCalls, type IdleRooms } from './relay-idle.js';
import { reauthenticateStuck, type RelayDocument } from './relay-reauth.js';

/**
 * The laptop's way out to the relay (issue 20): it never accepts a connection from the internet, it opens
 * ONE WebSocket to the relay (`HocuspocusProviderWebsocket`) and multiplexes every document over it.
 *
 * Each document is a bridge, like the WebRTC gateway's rooms: one Y.Doc with two stock providers, a
 * Hocuspocus provider to the relay and a y-websocket provider to the host's own sync server, reached
 * in-process (in-process-socket.ts: no descriptor per room; a loopback WebSocket per room capped the laptop
 * near 10,000 remote phones). Yjs does the bridging. So a remote phone's request enters the host exactly where a
 * LAN phone's or a WebRTC phone's does (sync server → the room's Y.Doc → RoomDocs' observer → pipeline), and
 * everything the host guarantees there holds unchanged for remote phones: nothing is sent before it is
 * stored (StoreThenSend), a room's size and connection limits, and a room that loads again rewrites the
 * phone's view and answers its unanswered requests.
 *
 * The board is NOT inside a remote phone's room (a LAN phone's has it as an overlay): it is bridged once,
 * as the relay's `board` document, which a phone's token opens read-only. A board change then costs one
 * apply per relay instance instead of one per remote room (see RoomTargets.relay). Rooms are asked of the
 * sync server as `relay/room-<id>`, which is served without the overlay.
 *
 * Joins: the relay forwards a phone's join as a stateless message on the `control` document, which only the
 * laptop may open; the answer goes back the same way. A join that comes twice (two relay instances both
 * held a connection of the laptop for a moment) gets the same answer again, so it makes one device.
 * The relay also names the rooms phones open (and, when the laptop connects, those already open), so the
 * laptop bridges a remote phone's room again after it restarted. When a room's last phone has left every
 * instance for `idleRoomMs`, its bridge is dropped (relay-idle.ts); the phone's return bridges it again.
 *
 * Reconnects: both providers retry on their own (the relay link within `maxRetryDelayMs`). A request the
 * phone wrote while the relay or the laptop's uplink was down is in the phone's doc and reaches the host
 * with the next sync; (device id, request id) is unique in the log, so it is applied once.
 */

export interface RelayLinkOptions {
  /** ws:// or wss:// address of the relay (a load balancer in front of several instances). */
  relayUrl: string;
  /** The meeting's relay secret (the relay instances have the same one). */
  secret: string;
  /** How the bridges reach the host's sync server (in-process: host.ts). */
  host: HostSync;
  /** Certificates (PEM) to trust for a relay whose TLS certificate is from a private CA (default: Node's). */
  ca?: string;
  /** Longest wait between two attempts to reach the relay (default 2 s). */
  maxRetryDelayMs?: number;
  /** A remote room with no phone on any relay instance for this long is no longer bridged (default 60 s). */
  idleRoomMs?: number;
  /** How often the laptop calls the roll of the rooms phones have open (relay-idle.ts; default 60 s). */
  rollCallMs?: number;
  /** How long the relay has to say a phone has a room open before its bridge goes (relay-idle.ts; default 15 s). */
  roomQueryAnswerMs?: number;
  /** How long a bridged document may wait for the relay to let it in before it asks again (relay-reauth.ts; default 30 s). */
  reauthAfterMs?: number;
  log?(line: string): void;
  /** The WebSocket to the relay opened (true) or closed (false): the console says since when. */
  onConnected?(connected: boolean): void;
}

/** The host's sync server as y-websocket reaches it: an address and the WebSocket class that opens it. */
export interface HostSync {
  /** `…/sync`: a bridge opens `<url>/<doc name>`. */
  url: string;
  WebSocket: unknown;
}

export interface RelayLink {
  /**
   * Bridges a remote phone's room (`room-<id>`); idempotent. `phoneThere`: the relay said a phone has it
   * open (true), or a phone just joined and has yet to open it (false): a room bridged for a join counts as
   * present only once its phone opens it, and is dropped as idle if it never does.
   */
  addRoom(docName: string, phoneThere: boolean): void;
  /** Stops bridging the rooms `keep` says no (those of a session that ended). */
  pruneRooms(keep: (docName: string) => boolean): void;
  /** A token that opens this room (and the board, read-only) on the relay, for the phone that joined. */
  tokenFor(docName: string): string;
  /** Whether the WebSocket to the relay is open. */
  connected(): boolean;
  /** How many documents are bridged (the board and the remote rooms; not the control doc). */
  bridged(): number;
  /** How many bridged remote rooms have a phone on the relay now (those whose phone left are not counted). */
  present(): number;
  /** Who answers what the relay says on the control doc (the host, relay-access.ts). */
  serve(handlers: ControlHandlers): void;
  destroy(): void;
}

export interface ControlHandlers {
  /** A join the relay forwarded: the host's join policy answers. */
  join(join: ForwardedJoin): JoinAnswer;
  /** A phone has `room-<id>` open on the relay: bridge it, present, if it is a room of the live session (`addRoom(name, true)`). */
  room(name: string): void;
}

/** One document bridged; relay-reauth.ts looks at whether the relay let it in. */
interface Bridge extends RelayDocument {
  close(): void;
}

/**
 * The board's changes go to the relay at most once a second, merged. Every board change is sent by the
 * relay to every remote phone reading the board (and through Redis to every instance). In the hybrid
 * bench, after a 60 s uplink cut, 1000 remote votes arrived at once and every request was answered 16–22 s
 * after the return with every phone reading the board unbatched, 3.9 s with none reading it; the relay
 * holding the laptop was then 70 % busy, writev 27 % and GC 12 % of its profile (each host turn that changes
 * the board is one update to every reader). Batched at 200 ms: 5.0 s at 1000 phones, but 13 s at 2000;
 * at 1000 ms, 6.8 s at 2000 (docs/BENCHMARKS.md, Hybrid meetings). A remote phone's board is then up to a
 * second behind the hall's (the stream a remote resident watches is further behind); its own receipts are
 * not delayed. The projector and LAN phones read the host's board directly.
 */
const BOARD_BATCH_MS = 1000;

/**
 * The next board update waits for the relay to acknowledge the last (Hocuspocus answers each update once it
 * applied it, and it applies it by sending it to every reader), at most this long: an acknowledgement lost
 * with a connection must not hold the board back. After a 60 s cut at 10,000 phones the relay holding the
 * laptop spent 30 % of its recovery writing board updates to readers while thousands of rooms waited behind
 * them (docs/BENCHMARKS.md, Hybrid meetings, item 15).
 */
const BOARD_ACK_WAIT_MS = 5000;

/**
 * How long the relay instances have to name their rooms at a roll call. Generous: a late answer only
 * counts as one miss, but the answers share the link with a recovery's traffic (10,000 rooms after a cut).
 */
const ROLL_CALL_ANSWER_MS = 10_000;

/**
 * How long the relay instances have to say a phone still has a room open, after the laptop asks, before the
 * room's bridge goes. It was 3 s: in the hybrid bench's 10,000-phone cut the answers took longer while the
 * relays were busy, and 6338 bridges of rooms whose phones were there went and came back (each a room
 * loaded again on the relay and the host; docs/BENCHMARKS.md, Hybrid meetings, item 14). A room nobody
 * names in time is dropped only if the next roll call misses it too (relay-idle.ts): a room that is really
 * empty keeps its bridge up to a roll call longer.
 */
const ROOM_QUERY_ANSWER_MS = 15_000;

/** How long a bridged document waits for the relay to let it in before it asks again (relay-reauth.ts). After a 60 s cut at 10,000 phones, all were let in within 11 s. */
const REAUTH_AFTER_MS = 30_000;

interface BridgeParts {
  opts: RelayLinkOptions;
  socket: HocuspocusProviderWebsocket;
  credential: string;
  relayName: string;
  hostName: string;
  log: (line: string) => void;
  /** One way, host → relay, merged over this many ms (the board: phones only read it). */
  batchMs?: number | undefined;
}

/**
 * One document bridged: a y-websocket provider to the host's sync server and a Hocuspocus provider to the
 * relay on one Y.Doc, or, with `batchMs`, two docs and the host's updates applied to the relay's merged.
 */
function openBridge({ opts, socket, credential, relayName, hostName, log, batchMs }: BridgeParts): Bridge {
  const doc = new Y.Doc();
  // The laptop is not a participant: no awareness state of its own on either side.
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const toHost = new WebsocketProvider(opts.host.url, hostName, doc, {
    WebSocketPolyfill: opts.host.WebSocket as typeof WebSocket,
    disableBc: true,
    awareness,
  });
  forgetExitHandler(toHost);
  const relayDoc = batchMs === undefined ? doc : new Y.Doc();
  // The laptop's presence goes on the document the relay provider syncs (it sends the state of that document's client).
  const presence = relayName === RELAY_BOARD_DOC ? laptopPresence(relayDoc) : null;
  let refused = false;
  const toRelay = new HocuspocusProvider({
    name: relayName,
    document: relayDoc,
    awareness: presence?.awareness ?? null,
    ...(presence ? { onAuthenticated: presence.say } : {}),
    token: credential,
    websocketProvider: socket,
    onOpen: () => (refused = false),
    onAuthenticationFailed: ({ reason }) => {
      refused = true;
      log(`relay link: ${relayName} refused (${reason}): is the relay's secret this meeting's?`);
    },
  });
  const batch = batchMs === undefined ? null : batchToRelay(doc, relayDoc, batchMs, toRelay);
  // The relay took everything sent: a board update held for that goes now.
  if (batch) toRelay.on('unsyncedChanges', ({ number }: { number: number }) => number === 0 && batch.acknowledged());
  toRelay.attach();
  const stopPresence = presence ? whileConnected(socket, LAPTOP_PRESENCE_EVERY_MS, presence.say) : null;
  return {
    relay: toRelay,
    refused: () => refused,
    close: () => {
      stopPresence?.();
      batch?.stop();
      toRelay.destroy();
      toHost.destroy();
      doc.destroy();
      if (relayDoc !== doc) relayDoc.destroy();
    },
  };
}

/**
 * The host's updates of `doc` applied to `relayDoc` merged, once per `batchMs` at most (the board: phones only
 * read it). Held, merged, while the relay is out of reach and until the document is synced again after: the
 * provider queues what it cannot send and sends it all on its return, one message each. After a 60 s cut
 * that was ~50 board updates, each to every reader (120,000 writes on the instance holding the laptop, most
 * of its recovery at 5000 phones: docs/BENCHMARKS.md, Hybrid meetings). Held too while the relay has yet to
 * acknowledge the last one (BOARD_ACK_WAIT_MS at most): a busy relay then gets the board as often as it can
 * pass it on; `acknowledged()` sends what was held for that at once.
 */
function batchToRelay(doc: Y.Doc, relayDoc: Y.Doc, batchMs: number, relay: HocuspocusProvider): { acknowledged(): void; stop(): void } {
  let pending: Uint8Array[] = [];
  let timer: NodeJS.Timeout | null = null;
  let sentAt = 0;
  let awaitingAck = false;
  const flush = (): void => {
    timer = null;
    awaitingAck = false;
    if (pending.length === 0) return;
    const merged = pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending);
    awaitingAck = relay.isSynced && relay.hasUnsyncedChanges && Date.now() - sentAt < BOARD_ACK_WAIT_MS;
    if (!relay.isSynced || awaitingAck) {
      pending = [merged];
      timer = setTimeout(flush, awaitingAck ? BOARD_ACK_WAIT_MS - (Date.now() - sentAt) : batchMs);
      return;
    }
    pending = [];
    sentAt = Date.now();
    Y.applyUpdate(relayDoc, merged, 'host');
  };
  doc.on('update', (update: Uint8Array) => {
    pending.push(update);
    timer ??= setTimeout(flush, batchMs);
  });
  return {
    acknowledged: () => {
      if (!awaitingAck || !timer) return;
      clearTimeout(timer);
      flush();
    },
    stop: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export function startRelayLink(opts: RelayLinkOptions): RelayLink {
  const log = opts.log ?? (() => {});
  // Before the socket: its status is said from its constructor on.
  let roll: ReturnType<typeof rollCalls> | null = null;
  let reauth: ReturnType<typeof reauthenticateStuck> | null = null;
  const socket = new HocuspocusProviderWebsocket({
    url: opts.relayUrl,
    WebSocketPolyfill: relaySocket(opts.ca),
    delay: 250,
    minDelay: 250,
    maxDelay: opts.maxRetryDelayMs ?? 2000,
    onStatus: ({ status }) => {
      log(`relay link: ${status}`);
      roll?.link(status === WebSocketStatus.Connected);
      reauth?.link(status === WebSocketStatus.Connected);
      opts.onConnected?.(status === WebSocketStatus.Connected);
    },
  });
  const credential = laptopCredential(opts.secret);
  const bridges = new Map<string, Bridge>();

  const bridge = (relayName: string, hostName: string, batchMs?: number): void => {
    if (!bridges.has(relayName)) bridges.set(relayName, openBridge({ opts, socket, credential, relayName, hostName, log, batchMs }));
  };

  bridge(RELAY_BOARD_DOC, BOARD_DOC_NAME, BOARD_BATCH_MS);
  const unbridge = (name: string): void => {
    const b = bridges.get(name);
    if (!b || name === RELAY_BOARD_DOC) return;
    b.close();
    bridges.delete(name);
    idle.forget(name);
  };
  const connected = (): boolean => socket.status === WebSocketStatus.Connected;
  const idle: IdleRooms = idleRooms({
    idleMs: opts.idleRoomMs ?? 60_000,
    answerMs: opts.roomQueryAnswerMs ?? ROOM_QUERY_ANSWER_MS,
    ask: (name) => send({ type: 'room-query', name }),
    drop: unbridge,
    connected,
  });
  const joins = controlChannel(socket, credential, log, (name) => bridges.has(name) && idle.left(name));
  const send = (message: FromLaptop): void => joins.provider.sendStateless(JSON.stringify(message));
  roll = rollCalls({
    everyMs: opts.rollCallMs ?? 60_000,
    answerMs: Math.min(ROLL_CALL_ANSWER_MS, opts.rollCallMs ?? ROLL_CALL_ANSWER_MS),
    ask: () => send({ type: 'room-roll' }),
    over: (since) => idle.rollCallOver(since, [...bridges.keys()].filter((name) => name !== RELAY_BOARD_DOC)),
    connected,
  });
  const afterMs = opts.reauthAfterMs ?? REAUTH_AFTER_MS;
  reauth = reauthenticateStuck({ documents: () => bridges.values(), connected, afterMs, everyMs: Math.min(10_000, afterMs / 2), log });
  return {
    pruneRooms: (keep) => {
      detachingMany(socket, () => {
        for (const name of [...bridges.keys()]) if (name !== RELAY_BOARD_DOC && !keep(name)) unbridge(name);
      });
    },
    serve: (handlers) => (joins.handlers = handlers),
    addRoom: (docName, phoneThere) => {
      if (phoneThere) idle.seen(docName);
      else if (!bridges.has(docName)) idle.left(docName);
      bridge(docName, `${RELAY_ROOM_PREFIX}${docName}`);
    },
    tokenFor: (docName) => phoneToken(opts.secret, docName, Date.now()),
    connected,
    bridged: () => bridges.size,
    present: () => Math.max(0, bridges.size - 1 - idle.away()),
    destroy: () => {
      roll?.destroy();
      reauth?.destroy();
      idle.destroy();
      // The shared socket first: it drops every provider's listeners at once. A provider destroyed while
      // they are there removes its own (13 per provider) each with a filter over all of them: with 10,000
      // bridges that was quadratic in the bridges (docs/BENCHMARKS.md, Hybrid meetings, item 4).
      socket.destroy();
      for (const b of bridges.values()) b.close();
      bridges.clear();
      joins.provider.destroy();
    },
  };
}

/**
 * The laptop is present on the relay's board as one awareness state (`{ laptop: true }`): remote phones see
 * it go when the laptop's connection does (Hocuspocus removes a closed connection's states, on every
 * instance through Redis) and say "the meeting room's connection dropped" instead of "connected".
 *
 * The state is said again on every (re)connect and every LAPTOP_PRESENCE_EVERY_MS, each time one clock tick
 * past the usual: the relay's removal of a dead connection's state takes the next clock value, and a state
 * with that same clock is ignored by everyone (y-protocols), so a laptop back after a cut would stay "gone"
 * on the phones until its second renewal. Said regularly, it also comes back after a removal that reached
 * the relay late (a connection that died silently), and phones treat a state not renewed for
 * LAPTOP_PRESENCE_STALE_MS as gone (a removal does not reach phones on other instances).
 */
function laptopPresence(doc: Y.Doc): { awareness: Awareness; say(): void } {
  const awareness = new Awareness(doc);
  const say = (): void => {
    const meta = awareness.meta.get(awareness.clientID);
    if (meta) meta.clock += 1;
    awareness.setLocalState({ ...LAPTOP_PRESENCE });
  };
  say();
  return { awareness, say };
}

/** Calls `say` every `everyMs` while the socket to the relay is open; returns the function that stops it. */
function whileConnected(socket: HocuspocusProviderWebsocket, everyMs: number, say: () => void): () => void {
  const timer = setInterval(() => {
    if (socket.status === WebSocketStatus.Connected) say();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Hocuspocus's event emitter (the shared socket's): listeners per event, each `off` a filter over all of them. */
interface ProviderEmitter {
  callbacks: Record<string, unknown[]>;
  off(event: string, fn?: unknown): unknown;
}

/**
 * Runs `run` (which destroys many providers on `socket`) with the socket's `off` collected and applied
 * once per event at the end. Each provider's destroy removes its 13 listeners from the shared socket, each
 * removal a filter over every provider's: a session of 10,000 remote phones took 12 s to end, the host
 * answering nobody meanwhile (docs/BENCHMARKS.md, Hybrid meetings). The result is the same listeners.
 */
function detachingMany(socket: HocuspocusProviderWebsocket, run: () => void): void {
  const emitter = socket as unknown as ProviderEmitter;
  const removed = new Map<string, Set<unknown>>();
  emitter.off = (event, fn) => {
    if (fn === undefined) delete emitter.callbacks[event];
    else {
      const fns = removed.get(event) ?? new Set();
      fns.add(fn);
      removed.set(event, fns);
    }
    return emitter;
  };
  try {
    run();
  } finally {
    delete (emitter as Partial<ProviderEmitter>).off; // the prototype's again
    for (const [event, fns] of removed) {
      const list = emitter.callbacks[event];
      if (list) emitter.callbacks[event] = list.filter((fn) => !fns.has(fn));
    }
  }
}

/**
 * The socket to the relay: NodeWebSocket whose sends of one turn go out as one write (it carries every
 * remote room: cork-per-turn.ts), trusting `ca` too if given (the provider constructs its socket with the
 * address alone).
 */
function relaySocket(ca: string | undefined): typeof NodeWebSocket {
  return class extends NodeWebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, ca ? { ca } : {});
      corkSendsPerTurn(this);
    }
  } as typeof NodeWebSocket;
}

/**
 * y-websocket adds a `process.on('exit')` handler per provider (it clears the local awareness state, which
 * the bridges never set): with more than ten remote rooms Node warns of a listener leak. Removed here.
 */
function forgetExitHandler(provider: WebsocketProvider): void {
  const handler = (provider as unknown as { _exitHandler?: () => void })._exitHandler;
  if (handler) process.off('exit', handler);
}

/** How often the laptop says its clock to the relay (laptop-clock.ts); also on every (re)connect. */
const CLOCK_EVERY_MS = 30_000;

/** How long an answered join id is remembered (a forwarded join that comes twice gets the same answer). */
const JOIN_MEMORY_MS = 60_000;

/**
 * The control document: joins in, answers out. Only stateless messages, never document content. A room
 * notice goes to `handlers.room` (which bridges the room and counts it present: `addRoom(name, true)`);
 * `left`: the last phone of a room left an instance.
 */
function controlChannel(socket: HocuspocusProviderWebsocket, credential: string, log: (line: string) => void, left: (name: string) => unknown) {
  const answered = new Map<string, { at: number; answer: JoinAnswer }>();
  const answerJoin = (join: ForwardedJoin, handlers: ControlHandlers): void => {
    const now = Date.now();
    for (const [id, a] of answered) if (now - a.at > JOIN_MEMORY_MS) answered.delete(id);
    const answer = answered.get(join.id)?.answer ?? handlers.join(join);
    answered.set(join.id, { at: now, answer });
    channel.provider.sendStateless(JSON.stringify(answer satisfies FromLaptop));
  };
  const channel: { handlers: ControlHandlers | null; provider: HocuspocusProvider } = {
    handlers: null,
    provider: new HocuspocusProvider({
      name: RELAY_CONTROL_DOC,
      awareness: null,
      token: credential,
      websocketProvider: socket,
      // The laptop's clock, so the relay answers remote phones' `GET /api/time` in the meeting's time.
      onAuthenticated: () => sendClock(),
      onStateless: ({ payload }) => {
        const message = parseMessage(toLaptopSchema, payload);
        if (!message) return log('relay link: a control message was neither a join nor a room notice; dropped');
        if (message.type === 'room-left') return void left(message.name);
        const handlers = channel.handlers;
        if (!handlers) return;
        if (message.type === 'join') answerJoin(message, handlers);
        else for (const name of message.names) handlers.room(name);
      },
    }),
  };
  const sendClock = (): void => channel.provider.sendStateless(JSON.stringify({ type: 'clock', now: Date.now() } satisfies FromLaptop));
  channel.provider.on('destroy', whileConnected(socket, CLOCK_EVERY_MS, sendClock));
  channel.provider.attach();
  return channel;
}
