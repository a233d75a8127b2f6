/** The mechanics under idle-room unloading: RoomDocs on a real store with an injected clock, and MemoryReclaim. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostParts, roomParts } from '../src-shared/docs/room-doc.js';
import { transact } from '../src-shared/transaction-origins.js';
import { fullCollection, MemoryReclaim } from '../src-main/host/rooms/memory-reclaim.js';
import { RoomDocs, type Room } from '../src-main/host/rooms/room-docs.js';
import { Store } from '../src-main/host/store/store.js';
import { StoreThenSend } from '../src-main/host/pipeline/store-then-send.js';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  vi.useRealTimers();
  while (stores.length > 0) stores.pop()!.close();
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-unload-'));
  dirs.push(dir);
  const store = new Store(dir);
  stores.push(store);
  let failing = false;
  const turn = new StoreThenSend(
    (fn) => {
      if (failing) throw new Error('disk full');
      store.transaction(fn);
    },
    () => {},
    60_000,
  );
  let now = 0;
  const requests: unknown[] = [];
  const loads: string[] = [];
  const rooms = new RoomDocs(store, turn, (_room, raw) => requests.push(raw), { clock: () => now, onLoad: (room) => loads.push(room.roomId) });
  return {
    rooms,
    requests,
    loads,
    setNow: (t: number) => (now = t),
    setFailing: (f: boolean) => (failing = f),
  };
}

const notInUse = (): boolean => false;

describe('RoomDocs unloads idle rooms', () => {
  it('unloads a room nobody used for the idle time, and not sooner; use keeps it', () => {
    const { rooms, setNow } = setup();
    const room = rooms.open('room0000001', 'device0000001');
    setNow(9_999);
    expect(rooms.unloadIdle(10_000, notInUse)).toEqual([]);
    let inUse = true;
    setNow(12_000);
    expect(rooms.unloadIdle(10_000, () => inUse)).toEqual([]); // seen in use at 12 000
    inUse = false;
    setNow(21_999);
    expect(rooms.unloadIdle(10_000, () => inUse)).toEqual([]);
    setNow(22_000);
    expect(rooms.unloadIdle(10_000, () => inUse)).toEqual([room]);
    expect(rooms.loadedCount()).toBe(0);
    expect(room.doc.isDestroyed).toBe(true);
    expect(rooms.isOpen(room)).toBe(false);
    // Unloaded, the room is still the session's; private views skip it until it loads.
    expect(rooms.has('room0000001')).toBe(true);
    expect(rooms.loadedOfDevice('device0000001')).toBeUndefined();
    expect(rooms.roomIds()).toEqual(['room0000001']);
  });

  it('stores before unloading, keeps every room while the store fails, and loads the room back whole', () => {
    const { rooms, requests, loads, setNow, setFailing } = setup();
    const room: Room = rooms.open('room0000001', 'device0000001');
    roomParts(room.doc).requests.push([{ kind: 'ask', id: 'r1', text: 'Kept?' }]);
    transact(room.doc, 'host:receipt', () => hostParts(room.doc).receipts.set('r1', { ok: true, at: 1 }));
    setFailing(true);
    setNow(60_000);
    expect(rooms.unloadIdle(10_000, notInUse)).toEqual([]);
    expect(rooms.loadedCount()).toBe(1);
    setFailing(false);
    expect(rooms.unloadIdle(10_000, notInUse)).toEqual([room]);

    requests.length = 0;
    const back = rooms.get('room0000001')!;
    expect(back).not.toBe(room);
    expect(loads).toEqual(['room0000001', 'room0000001']);
    expect(roomParts(back.doc).receipts.get('r1')).toEqual({ ok: true, at: 1 });
    // Loading hands every request in the room to the pipeline again (which skips answered ones).
    expect(requests).toEqual([{ kind: 'ask', id: 'r1', text: 'Kept?' }]);
    expect(rooms.get('room-of-nobody')).toBeUndefined();
  });
});

describe('MemoryReclaim', () => {
  it('collects once, a while after the first request, and at most once per interval', () => {
    vi.useFakeTimers();
    let now = 0;
    vi.setSystemTime(0);
    const runs: number[] = [];
    const reclaim = new MemoryReclaim(() => runs.push(now), 5_000, 10_000, () => now);
    const advance = (ms: number) => {
      now += ms;
      vi.advanceTimersByTime(ms);
    };
    reclaim.request();
    advance(1_000);
    reclaim.request();
    advance(4_000);
    expect(runs).toEqual([5_000]);
    advance(1_000);
    reclaim.request(); // 6 000: the next may run at 15 000
    advance(8_999);
    expect(runs).toEqual([5_000]);
    advance(1);
    expect(runs).toEqual([5_000, 15_000]);
    reclaim.dispose();
  });

  it('runs further passes of the collector only while they give memory back', () => {
    let passes = 0;
    fullCollection(() => passes++)();
    expect(passes).toBe(2); // a pass that frees nothing is not repeated
  });
});
