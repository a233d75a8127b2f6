/**
 * The timer as facts: what every screen needs to compute mm:ss by itself, every frame, from the host's
 * clock (a phone corrects its own clock by its measured offset to the host).
 */
export interface TimerFacts {
  /** The speaker on the floor it times, or null for a general timer (a break, a discussion round). */
  speakerId: string | null;
  /** The time given at the start (a speaker's time, doubled for an interpreter). */
  baseMs: number;
  /** baseMs plus every extension. */
  allowedMs: number;
  /** Time left when it last started or was paused (negative: overtime). */
  remainingMs: number;
  /** Host time (epoch ms) it has been running since; null while paused. */
  runningSince: number | null;
}

/** Time left at host time `now`; below zero is overtime. */
export function remainingAt(timer: TimerFacts, now: number): number {
  return timer.runningSince === null ? timer.remainingMs : timer.remainingMs - Math.max(0, now - timer.runningSince);
}

/** Time run so far at host time `now`. */
export function elapsedAt(timer: TimerFacts, now: number): number {
  return timer.allowedMs - remainingAt(timer, now);
}

export type TimerState = 'normal' | 'warning' | 'overtime';

export const WARNING_MS = 30_000;

export function timerState(remainingMs: number): TimerState {
  if (remainingMs <= 0) return 'overtime';
  return remainingMs <= WARNING_MS ? 'warning' : 'normal';
}

/**
 * mm:ss of a time left, counting whole seconds up (2:59.2 shows 3:00, so 0:00 shows at zero exactly),
 * or "+m:ss" of overtime.
 */
export function formatClock(remainingMs: number): string {
  if (remainingMs <= 0) {
    const over = Math.floor(-remainingMs / 1000);
    return `+${mmss(over)}`;
  }
  return mmss(Math.ceil(remainingMs / 1000));
}

/**
 * Whole seconds of a duration, rounded down: the one rounding rule of every record (minutes, CSV), and
 * the one the clocks follow (a speaker who used 13.6 s of 10 s saw "+0:03", so the record says 0:13).
 */
export const wholeSeconds = (ms: number): number => Math.floor(Math.max(0, ms) / 1000);

/** Whole seconds spoken past the time allowed (0 when within it). */
export const overtimeSeconds = (usedMs: number, allowedMs: number): number => Math.max(0, wholeSeconds(usedMs) - wholeSeconds(allowedMs));

/** "3:02" for a duration (whole seconds, rounded down). */
export function formatDuration(ms: number): string {
  return mmss(wholeSeconds(ms));
}

function mmss(totalSeconds: number): string {
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
