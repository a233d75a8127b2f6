import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoardCount, boardCountInterval } from '../src-main/host/rooms/board-count.js';

/** Phones in the room only. */
const n = (all: number) => ({ all, remote: 0 });

afterEach(() => {
  vi.useRealTimers();
});

describe("the board's count of phones connected", () => {
  it('changes at once in a small room, then no more often than the room size allows, and the last change always lands', () => {
    vi.useFakeTimers();
    let now = 0;
    const refreshes: number[] = [];
    const count = new BoardCount(() => refreshes.push(now), () => now);
    expect(count.current(n(1))).toEqual(n(1));
    now = 100;
    // 2 phones: the interval is 400 ms, so the change waits and a refresh is scheduled for then.
    expect(count.current(n(2))).toEqual(n(1));
    expect(count.current(n(3))).toEqual(n(1));
    now = 400;
    vi.advanceTimersByTime(300);
    expect(refreshes).toEqual([400]);
    expect(count.current(n(3))).toEqual(n(3));

    // 3000 phones: 6 s between changes.
    expect(boardCountInterval(3000)).toBe(6000);
    expect(boardCountInterval(50_000)).toBe(10_000);
    now = 10_000;
    expect(count.current(n(3000))).toEqual(n(3000));
    now = 12_000;
    expect(count.current(n(3100))).toEqual(n(3000));
    now = 16_200;
    expect(count.current(n(3100))).toEqual(n(3100));
    count.dispose();
  });

  it('carries the remote phones with the total: a phone at home replacing one in the hall is a change too', () => {
    vi.useFakeTimers();
    let now = 0;
    const count = new BoardCount(() => {}, () => now);
    expect(count.current({ all: 2, remote: 0 })).toEqual({ all: 2, remote: 0 });
    now = 500;
    expect(count.current({ all: 2, remote: 1 })).toEqual({ all: 2, remote: 1 });
    now = 600;
    // Within the interval: the board keeps what it shows, both numbers together.
    expect(count.current({ all: 3, remote: 2 })).toEqual({ all: 2, remote: 1 });
    now = 900;
    expect(count.current({ all: 3, remote: 2 })).toEqual({ all: 3, remote: 2 });
    count.dispose();
  });
});
