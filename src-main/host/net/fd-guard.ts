import { readdirSync, readFileSync } from 'node:fs';

/**
 * File-descriptor headroom of this process. A host that runs out of descriptors does not degrade, it dies
 * (wrtc aborts with "epoll_create: Too many open files"), so new connections and WebRTC peers are refused
 * while the process is close to its limit, with a log line saying why.
 *
 * Linux only (reads /proc/self); elsewhere it never refuses.
 */
export interface FdGuard {
  /** Null when there is room; otherwise a reason for the log. */
  refusal(): string | null;
}

/** Descriptors kept free for SQLite, logging and the connections already open. */
export const FD_RESERVE_MIN = 200;
const FD_RESERVE_SHARE = 0.2;
/** Counting /proc/self/fd costs a directory read: the count is reused this long. */
const CACHE_MS = 250;

function softLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    const n = Number(soft);
    return Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function openCount(): number | null {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return null;
  }
}

/** `maxOpenFiles` overrides the process limit (tests, and venues that want a lower ceiling). */
export function createFdGuard(maxOpenFiles?: number | (() => number)): FdGuard {
  const fixed = typeof maxOpenFiles === 'number' ? maxOpenFiles : maxOpenFiles === undefined ? softLimit() : null;
  if (fixed === null && typeof maxOpenFiles !== 'function') return { refusal: () => null };
  let checkedAt = 0;
  let open = 0;
  return {
    refusal() {
      const limit = typeof maxOpenFiles === 'function' ? maxOpenFiles() : fixed!;
      const reserve = Math.max(Math.min(FD_RESERVE_MIN, Math.floor(limit / 2)), Math.floor(limit * FD_RESERVE_SHARE));
      const now = Date.now();
      if (now - checkedAt >= CACHE_MS) {
        checkedAt = now;
        open = openCount() ?? 0;
      }
      return open + reserve > limit ? `${open} of ${limit} file descriptors in use` : null;
    },
  };
}
