import { afterEach, describe, expect, it, vi } from 'vitest';
import { remotePhonesNow, watchRemotePhones, type RelayPresence } from '../src-main/host/remote-phones.js';

afterEach(() => {
  vi.useRealTimers();
});

/** The relay link as the host reads it: up or down since a time, and the remote phones on the relay. */
const link = (up: boolean, since: number, phones: number): RelayPresence => ({ connected: () => up, since: () => since, remoteRooms: () => phones });

describe('remote phones among "phones connected"', () => {
  it('counts the phones on the relay while the link is up, and for 5 s after it went down; then none', () => {
    expect(remotePhonesNow(null, 10_000)).toBe(0);
    expect(remotePhonesNow(link(true, 0, 12), 10_000)).toBe(12);
    expect(remotePhonesNow(link(false, 8_000, 12), 10_000)).toBe(12);
    expect(remotePhonesNow(link(false, 5_000, 12), 10_000)).toBe(0);
  });

  it('hears when the count changes, not every reading', () => {
    vi.useFakeTimers();
    let phones = 0;
    const changes: number[] = [];
    const stop = watchRemotePhones(() => phones, () => changes.push(phones), 1000);
    vi.advanceTimersByTime(3000);
    expect(changes).toEqual([]);
    phones = 2;
    vi.advanceTimersByTime(1000);
    phones = 1;
    vi.advanceTimersByTime(3000);
    expect(changes).toEqual([2, 1]);
    stop();
    phones = 5;
    vi.advanceTimersByTime(3000);
    expect(changes).toEqual([2, 1]);
  });
});
