import * as Y from 'yjs';

/**
 * Host-side writing of plain JSON values into Y.Maps with the fewest changes: a key is set only when its
 * value differs, so every Yjs update stays small (y-webrtc drops messages over 256 KiB).
 */
export function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  const current = map.get(key);
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) return;
  map.set(key, value);
}

/** Makes `map` hold exactly `entries` (by id), changing only what differs. */
export function syncKeyedMap<T extends { id: string }>(map: Y.Map<T>, entries: readonly T[]): void {
  const seen = new Set<string>();
  for (const entry of entries) {
    seen.add(entry.id);
    setIfChanged(map as Y.Map<unknown>, entry.id, entry);
  }
  for (const key of [...map.keys()]) if (!seen.has(key)) map.delete(key);
}

/** A nested Y.Map under `key`, created by the writer on first use. */
export function childMap<T>(parent: Y.Map<unknown>, key: string): Y.Map<T> {
  const existing = parent.get(key);
  if (existing instanceof Y.Map) return existing as Y.Map<T>;
  const created = new Y.Map<T>();
  parent.set(key, created);
  return created;
}

/** Reader side: a nested map if the writer made one yet. */
export function readChildMap<T>(parent: Y.Map<unknown>, key: string): Y.Map<T> | null {
  const existing = parent.get(key);
  return existing instanceof Y.Map ? (existing as Y.Map<T>) : null;
}

/** Sets or deletes one entry by id (null deletes), changing nothing if it already holds that value. */
export function putEntry<T>(map: Y.Map<T>, id: string, value: T | null): void {
  if (value === null) {
    if (map.has(id)) map.delete(id);
    return;
  }
  setIfChanged(map as Y.Map<unknown>, id, value);
}
