/**
 * What must be stored, and then sent, because of this turn of the event loop. Document updates of a turn
 * are stored in one SQLite transaction (one disk sync however many documents changed), and only then
 * sent, merged into one message per connection: nothing leaves the host before it is stored.
 *
 * When storing fails (a full disk, a data folder on a removed USB stick), the writes stay pending and are
 * tried again every `retryMs`; sends that must follow their store wait with them. Sends marked
 * `beforeStored` (the console's desk, which is a projection of the log and the only way to tell the
 * facilitator what is wrong) still go out.
 */
export interface PendingWrite {
  /** Writes to the store; runs inside the turn's transaction, which may still roll back. */
  write(): void;
  /** The transaction committed: what `write` wrote is on disk. */
  written(): void;
}

export class StoreThenSend {
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly writes = new Set<PendingWrite>();
  private readonly sends = new Set<() => void>();
  private readonly earlySends = new Set<() => void>();
  private failure: Error | null = null;

  constructor(
    private readonly transaction: (fn: () => void) => void,
    /** Hears when storing starts failing (with the error) and when it works again (null). */
    private readonly onStorage: (failure: Error | null) => void = () => {},
    private readonly retryMs = 1_000,
  ) {}

  store(write: PendingWrite): void {
    this.writes.add(write);
    this.schedule();
  }

  send(flush: () => void, opts: { beforeStored?: boolean } = {}): void {
    (opts.beforeStored ? this.earlySends : this.sends).add(flush);
    this.schedule();
  }

  /** True while the last attempt to store failed. */
  get failing(): boolean {
    return this.failure !== null;
  }

  /** Stores and sends what is pending now (e.g. before answering a sync request). True if all is stored. */
  flush(): boolean {
    this.scheduled = false;
    const stored = this.storePending();
    this.run(this.earlySends);
    if (stored) this.run(this.sends);
    return stored;
  }

  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private storePending(): boolean {
    if (this.writes.size === 0) return true;
    const writes = [...this.writes];
    try {
      this.transaction(() => writes.forEach((w) => w.write()));
    } catch (err) {
      const first = this.failure === null;
      this.failure = err as Error;
      if (first) this.onStorage(this.failure);
      this.retryLater();
      return false;
    }
    for (const w of writes) {
      this.writes.delete(w);
      w.written();
    }
    if (this.failure) {
      this.failure = null;
      this.onStorage(null);
    }
    return this.writes.size === 0;
  }

  private run(sends: Set<() => void>): void {
    if (sends.size === 0) return;
    const list = [...sends];
    sends.clear();
    list.forEach((send) => send());
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.flush();
    }, this.retryMs);
    this.retryTimer.unref();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      if (this.scheduled) this.flush();
    });
  }
}
