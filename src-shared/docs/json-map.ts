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

/**
 * Replaces the nested map under `key` with a fresh one holding the same entries. The old map is deleted
 * whole, so Yjs's garbage collection keeps of its history (every value ever overwritten in it) a few bytes
 * per run instead of an item each (issue 21). Readers find the new map under the same key. Costs one
 * update the size of the map's current entries.
 */
export function renewChildMap(parent: Y.Map<unknown>, key: string): void {
  const old = parent.get(key);
  if (!(old instanceof Y.Map)) return;
  const entries = [...(old as Y.Map<unknown>).entries()];
  const fresh = new Y.Map<unknown>();
  parent.set(key, fresh);
  for (const [k, v] of entries) fresh.set(k, v);
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
