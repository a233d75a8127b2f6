import { afterEach, describe, expect, it, vi } from 'vitest';
import { BoardCount, boardCountInterval } from '../src-main/host/rooms/board-count.js';

afterEach(() => {
  vi.useRealTimers();
});

describe("the board's count of phones connected", () => {
  it('changes at once in a small room, then no more often than the room size allows, and the last change always lands', () => {
    vi.useFakeTimers();
    let now = 0;
    const refreshes: number[] = [];
    const count = new BoardCount(() => refreshes.push(now), () => now);
    expect(count.current(1)).toBe(1);
    now = 100;
    // 2 phones: the interval is 400 ms, so the change waits and a refresh is scheduled for then.
    expect(count.current(2)).toBe(1);
    expect(count.current(3)).toBe(1);
    now = 400;
    vi.advanceTimersByTime(300);
    expect(refreshes).toEqual([400]);
    expect(count.current(3)).toBe(3);

    // 3000 phones: 6 s between changes.
    expect(boardCountInterval(3000)).toBe(6000);
    expect(boardCountInterval(50_000)).toBe(10_000);
    now = 10_000;
    expect(count.current(3000)).toBe(3000);
    now = 12_000;
    expect(count.current(3100)).toBe(3000);
    now = 16_200;
    expect(count.current(3100)).toBe(3100);
    count.dispose();
  });
});
