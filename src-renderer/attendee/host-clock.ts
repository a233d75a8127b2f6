import { useSyncExternalStore } from 'react';
import { PATHS } from '../../src-shared/paths';

/**
 * The host's clock as this phone estimates it. A phone's own clock can be minutes off, and the speaker's
 * countdown must agree with the projector (which runs on the host's laptop) within a second, so the phone
 * asks the host for its time (`GET /api/time`) a few times and keeps the offset of the quickest answer:
 * offset = host time − the midpoint of the phone's send and receive times (error ≤ half the round trip).
 * Measured when the room opens and every minute after; the last good offset is kept while offline.
 */
let offsetMs = 0;
const listeners = new Set<() => void>();

export interface ClockSample {
  /** This phone's clock when the request left and when the answer came. */
  sent: number;
  received: number;
  /** The host's clock in the answer. */
  hostNow: number;
}

/** The offset (host − phone) of the sample with the quickest round trip, or null if there is none. */
export function bestOffset(samples: readonly ClockSample[]): { offset: number; rtt: number } | null {
  let best: { offset: number; rtt: number } | null = null;
  for (const s of samples) {
    const rtt = s.received - s.sent;
    if (!Number.isFinite(s.hostNow) || rtt < 0) continue;
    if (!best || rtt < best.rtt) best = { offset: s.hostNow - (s.sent + s.received) / 2, rtt };
  }
  return best;
}

async function sample(): Promise<ClockSample | null> {
  const sent = Date.now();
  try {
    const res = await fetch(PATHS.time, { cache: 'no-store' });
    if (!res.ok) return null;
    const body = (await res.json()) as { now?: unknown };
    const received = Date.now();
    if (typeof body.now !== 'number') return null;
    return { sent, received, hostNow: body.now };
  } catch {
    return null;
  }
}

export async function measureHostClock(count = 3): Promise<void> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < count; i++) {
    const s = await sample();
    if (s) samples.push(s);
  }
  const best = bestOffset(samples);
  if (!best) return;
  // A fresh measurement replaces an old one; within a round, the quickest answer wins.
  if (offsetMs !== best.offset) {
    offsetMs = best.offset;
    listeners.forEach((l) => l());
  }
  document.documentElement.dataset.hostClock = 'measured';
}

let started = false;
/** Starts measuring (once per page). */
export function startHostClock(): void {
  if (started) return;
  started = true;
  void measureHostClock();
  setInterval(() => void measureHostClock(), 60_000);
  window.addEventListener('online', () => void measureHostClock());
}

export function useHostOffset(): number {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => offsetMs,
  );
}
