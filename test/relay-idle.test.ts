import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idleRooms, rollCalls } from '../src-main/host/net/relay-idle.js';

/**
 * The laptop's view of which bridged remote rooms still have a phone (relay-idle.ts), on fake timers: a
 * room the roll call misses twice running stops counting and is then checked and dropped as usual; one
 * late answer costs nothing; a roll call the link dropped during is not judged.
 */

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function rooms() {
  const asked: string[] = [];
  const dropped: string[] = [];
  let up = true;
  const idle = idleRooms({ idleMs: 60_000, answerMs: 3000, ask: (n) => asked.push(n), drop: (n) => dropped.push(n), connected: () => up });
  return { idle, asked, dropped, setUp: (v: boolean) => (up = v) };
}

describe('the roll call of remote rooms', () => {
  it('a room missed by two roll calls running is away, then asked about and dropped; one missed once is not', () => {
    const { idle, asked, dropped } = rooms();
    idle.seen('room-a');
    idle.seen('room-b');
    vi.advanceTimersByTime(1000);
    const first = Date.now();
    idle.seen('room-b'); // b answers the first roll call, a does not
    idle.rollCallOver(first, ['room-a', 'room-b']);
    expect(idle.away()).toBe(0);
    vi.advanceTimersByTime(60_000);
    const second = Date.now();
    idle.rollCallOver(second, ['room-a', 'room-b']); // neither answered this one
    expect(idle.away()).toBe(1); // a: second miss running; b: its first
    vi.advanceTimersByTime(60_000);
    expect(asked).toEqual(['room-a']);
    vi.advanceTimersByTime(3000);
    expect(dropped).toEqual([]); // nobody answered: the next roll call decides
    expect(idle.away()).toBe(1);
    idle.seen('room-b');
    idle.rollCallOver(Date.now(), ['room-a', 'room-b']);
    expect(dropped).toEqual(['room-a']);
  });

  it('a room whose query went unanswered (the relays busy) stays bridged if the next roll call names it', () => {
    const { idle, asked, dropped } = rooms();
    idle.seen('room-a');
    idle.left('room-a'); // its phone's old connection closed on one instance; it is on the other
    vi.advanceTimersByTime(60_000 + 3000); // asked; the answer comes too late
    expect(asked).toEqual(['room-a']);
    expect(idle.away()).toBe(1);
    const roll = Date.now();
    vi.advanceTimersByTime(5000);
    idle.seen('room-a'); // the late answer, or the roll call's
    idle.rollCallOver(roll, ['room-a']);
    expect(dropped).toEqual([]);
    expect(idle.away()).toBe(0);
    idle.left('room-a'); // left again while unanswered earlier: counted away once
    expect(idle.away()).toBe(1);
  });

  it('a room named between two missed roll calls starts again; a room already away is left to its own check', () => {
    const { idle, asked } = rooms();
    idle.seen('room-a');
    vi.advanceTimersByTime(1000);
    idle.rollCallOver(Date.now(), ['room-a']);
    vi.advanceTimersByTime(1000);
    idle.seen('room-a'); // a late answer, or the phone opened it again
    vi.advanceTimersByTime(1000);
    idle.rollCallOver(Date.now(), ['room-a']);
    expect(idle.away()).toBe(0);

    idle.left('room-c'); // a join whose phone has yet to open its room
    vi.advanceTimersByTime(30_000);
    idle.rollCallOver(Date.now(), ['room-c']);
    idle.rollCallOver(Date.now(), ['room-c']);
    vi.advanceTimersByTime(30_000); // its own check, not restarted by the roll calls
    expect(asked).toEqual(['room-c']);
  });

  it('rollCalls asks every period while the link is up, judges after the answer time, and skips a roll call the link dropped during', () => {
    let up = true;
    const asks: number[] = [];
    const judged: number[] = [];
    const roll = rollCalls({ everyMs: 60_000, answerMs: 10_000, ask: () => asks.push(Date.now()), over: (since) => judged.push(since), connected: () => up });
    vi.advanceTimersByTime(60_000);
    expect(asks).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(judged).toEqual(asks);

    vi.advanceTimersByTime(50_000); // the second roll call
    roll.link(false);
    up = false;
    vi.advanceTimersByTime(5000);
    up = true;
    roll.link(true); // the relay names every room on a (re)connect: judged like a roll call
    const reconnected = Date.now();
    vi.advanceTimersByTime(10_000);
    expect(asks).toHaveLength(2);
    expect(judged).toEqual([asks[0], reconnected]);

    up = false;
    vi.advanceTimersByTime(60_000); // link down: nobody asked
    expect(asks).toHaveLength(2);
    roll.destroy();
  });
});
