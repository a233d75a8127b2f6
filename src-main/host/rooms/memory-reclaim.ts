import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives memory back to the system after the host dropped a lot of it (rooms unloaded, see room-docs.ts).
 *
 * V8 collects garbage when JavaScript allocates. A host that goes quiet after a burst (a hostile phone's
 * flood of junk, a room of phones that locked their screens) allocates next to nothing, so the rooms it
 * unloaded stay in its heap, and in its RSS, until the next burst. Measured with `npm run fuzz`: no
 * collection at all in the 20 s after the flood, and the host's RSS stayed 70 MiB up.
 *
 * So after unloading rooms the host asks V8 for a full collection, `delayMs` later: requests in between
 * are served by the same collection, and V8 gives its young generation back (up to 32 MiB) only when the
 * last seconds before the collection allocated little (measured: the same collection right after the
 * flood kept it, 5 s later it shrank it to 1 MiB). At most one collection per `minIntervalMs`.
 */
export class MemoryReclaim {
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly collect: () => void = fullCollection(),
    private readonly delayMs = 5_000,
    private readonly minIntervalMs = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Something large became garbage: collect a little later (see above). */
  request(): void {
    if (this.timer) return;
    const now = this.clock();
    const at = Math.max(now + this.delayMs, this.lastAt + this.minIntervalMs);
    this.timer = setTimeout(() => this.run(), at - now);
    this.timer.unref();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): void {
    this.timer = null;
    this.lastAt = this.clock();
    this.collect();
  }
}

const MAX_PASSES = 3;
const MIB = 1024 * 1024;

/**
 * A full collection that also gives back the pages it leaves sparse. One pass of V8's full GC frees the
 * garbage but moves few objects, so pages where a little stayed alive stay committed (measured: heap
 * 67 MiB with 20 MiB in use after one pass); the next passes compact them. Passes go on while the heap
 * still shrinks by a MiB, at most three (10–25 ms each after a fuzz run).
 */
export function fullCollection(gc: () => void = exposedGc()): () => void {
  return () => {
    let size = getHeapStatistics().total_heap_size;
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      gc();
      const after = getHeapStatistics().total_heap_size;
      if (pass > 1 && size - after < MIB) return;
      size = after;
    }
  };
}

/**
 * V8's `gc`. It is exposed to JavaScript only with `--expose-gc`; setting that flag at run time makes V8
 * install `gc` in contexts created afterwards, so one new context hands it over. The host runs with plain
 * `node` (the CLI) and inside Electron's main process, where no flag is passed.
 */
function exposedGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : () => {};
}
