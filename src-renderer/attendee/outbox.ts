import type { PhoneRequestDraft } from '../../src-shared/requests';

/**
 * The phone's outbox: every request it makes, written synchronously to localStorage before the phone
 * shows it as "Waiting to send", and kept until the host's receipt for it is in the room document.
 *
 * Why: the room document lives in IndexedDB (y-indexeddb), whose writes are asynchronous and not awaited;
 * a reload, or the OS killing a backgrounded tab, right after a tap can come before the write commits.
 * A localStorage write has finished when `setItem` returns. It also lets the question form work before
 * the room's code (Yjs, the transports) has loaded: the room replays the outbox into its document when it
 * opens (see room-live.ts), and the host applies a request id at most once.
 */
export interface Outbox {
  /** Requests not yet answered by the host, oldest first. */
  list(): readonly PhoneRequestDraft[];
  /** Keeps `request`; false when the phone's storage refused it (private mode, full): then it is only in memory. */
  add(request: PhoneRequestDraft): boolean;
  /** Forgets these request ids (their receipts arrived). */
  remove(ids: ReadonlySet<string>): void;
  subscribe(onChange: () => void): () => void;
}

/** At most this many unanswered requests are kept (the host's own rate limits are far below it). */
export const OUTBOX_MAX = 200;
export const outboxKey = (roomId: string): string => `open-floor:outbox:${roomId}`;

function isRequest(v: unknown): v is PhoneRequestDraft {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { kind?: unknown; id?: unknown };
  return typeof r.id === 'string' && (r.kind === 'ask' || r.kind === 'vote' || r.kind === 'unvote' || r.kind === 'withdraw' || r.kind === 'comment');
}

function read(key: string): PhoneRequestDraft[] {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isRequest).slice(-OUTBOX_MAX) : [];
  } catch {
    return [];
  }
}

const outboxes = new Map<string, Outbox>();

/** The outbox of one room (one per page, shared by everything that sends). */
export function outboxFor(roomId: string): Outbox {
  const existing = outboxes.get(roomId);
  if (existing) return existing;
  const key = outboxKey(roomId);
  let items = read(key);
  const listeners = new Set<() => void>();
  const save = (): boolean => {
    try {
      if (items.length === 0) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(items));
      return true;
    } catch {
      return false;
    }
  };
  const changed = (): void => {
    for (const l of listeners) l();
  };
  const box: Outbox = {
    list: () => items,
    add(request) {
      items = [...items, request].slice(-OUTBOX_MAX);
      const kept = save();
      changed();
      return kept;
    },
    remove(ids) {
      if (!items.some((r) => ids.has(r.id))) return;
      items = items.filter((r) => !ids.has(r.id));
      save();
      changed();
    },
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
  outboxes.set(roomId, box);
  return box;
}
