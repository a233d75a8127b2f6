import * as Y from 'yjs';
import type { MySpeaking } from '../features/agenda/views.js';
import type { MyQuestionModeration } from '../features/moderation/views.js';
import type { PhoneRequestDraft, Receipt } from '../requests.js';
import type { QuestionStatus } from '../features/questions/fold.js';
import { transact } from '../transaction-origins.js';
import { childMap, readChildMap } from './json-map.js';

/**
 * One phone's private document, shared with the host only.
 * - `requests` (phone appends): what the phone asks for, each with a unique id. The phone deletes a request
 *   once it has the final receipt and the request has left its outbox (room-prune.ts); the host then drops
 *   the receipt. So the room holds what is open now, not the meeting's history (issue 21).
 * - `host` (host writes): one map, `now`, holding the host's parts of the room:
 *   - `receipts`: accepted or rejected, by request id;
 *   - `mine`: the status of this phone's own questions;
 *   - `myVotes`: the questions this phone has a counted vote on;
 *   - `myBallots`: this phone's counted ballot per poll (option indexes);
 *   - `mySpeaking`: this phone's sign-ups to speak, by speaker id.
 *   Now and then the host replaces `now` with a copy of what it holds (`renewHostParts`): the old map is
 *   deleted whole, and Yjs's garbage collection keeps of it a few bytes per host client instead of an item
 *   per receipt and vote ever written.
 * - `board`: the host's one board doc, served inside the room's sync as an overlay (never a copy written
 *   into the room; the host never reads `board` from a room).
 */
export const ROOM_KEYS = { requests: 'requests', host: 'host' } as const;
const NOW = 'now';

export interface MyQuestion extends MyQuestionModeration {
  id: string;
  requestId: string;
  text: string;
  status: QuestionStatus;
  askedAt: number;
}

/** The host's parts of a room (see above). */
export interface HostParts {
  receipts: Y.Map<Receipt>;
  mine: Y.Map<MyQuestion>;
  myVotes: Y.Map<true>;
  myBallots: Y.Map<number[]>;
  mySpeaking: Y.Map<MySpeaking>;
}

export const HOST_PART_NAMES = ['receipts', 'mine', 'myVotes', 'myBallots', 'mySpeaking'] as const satisfies ReadonlyArray<keyof HostParts>;

/** What a reader may do with a host part: a Y.Map once the host made it, an empty Map before. */
export interface ReadMap<T> {
  get(key: string): T | undefined;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<T>;
  entries(): IterableIterator<[string, T]>;
  readonly size: number;
}

export type RoomParts = { requests: Y.Array<unknown> } & { [K in keyof HostParts]: ReadMap<HostParts[K] extends Y.Map<infer T> ? T : never> };

const hostRoot = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ROOM_KEYS.host);
export const roomRequests = (doc: Y.Doc): Y.Array<unknown> => doc.getArray<unknown>(ROOM_KEYS.requests);

/** The reader's view of a room (the phone, tests): never writes, so a phone can never race the host. */
export function roomParts(doc: Y.Doc): RoomParts {
  const now = readChildMap<unknown>(hostRoot(doc), NOW);
  const part = (name: keyof HostParts): ReadMap<never> => (now && readChildMap<never>(now, name)) ?? new Map<string, never>();
  return {
    requests: roomRequests(doc),
    receipts: part('receipts'),
    mine: part('mine'),
    myVotes: part('myVotes'),
    myBallots: part('myBallots'),
    mySpeaking: part('mySpeaking'),
  };
}

/** The host's side: its parts of the room, made on first use (only the host writes them). */
export function hostParts(doc: Y.Doc): HostParts {
  let parts: HostParts | undefined;
  transact(doc, 'host:private', () => {
    const now = childMap<unknown>(hostRoot(doc), NOW);
    parts = Object.fromEntries(HOST_PART_NAMES.map((name) => [name, childMap(now, name)])) as unknown as HostParts;
  });
  return parts!;
}

/**
 * Replaces the host's parts with fresh maps holding the same values. The old maps are deleted whole, so
 * every receipt, vote and status the host wrote and overwrote since the last renewal is garbage collected
 * to one run per host client (see above). Costs one update of the room's current host parts.
 */
export function renewHostParts(doc: Y.Doc): void {
  transact(doc, 'host:prune', () => {
    const old = hostParts(doc);
    const values = HOST_PART_NAMES.map((name) => [name, [...old[name].entries()]] as const);
    const fresh = new Y.Map<unknown>();
    hostRoot(doc).set(NOW, fresh);
    for (const [name, entries] of values) {
      const map = childMap<unknown>(fresh, name);
      for (const [key, value] of entries) map.set(key, value);
    }
  });
}

/** The ids of the requests a room holds (anything without a string id is skipped). */
export function roomRequestIds(doc: Y.Doc): Set<string> {
  const ids = new Set<string>();
  for (const raw of roomRequests(doc).toArray()) {
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** The phone side: append a request (typed) to the room. */
export function appendRequest(doc: Y.Doc, request: PhoneRequestDraft): void {
  roomRequests(doc).push([request]);
}

/** Prefix of doc names on /sync that are phone rooms (others: the board and the desk). */
export const ROOM_DOC_PREFIX = 'room-';
export const BOARD_DOC_NAME = 'board';
export const DESK_DOC_NAME = 'desk';
