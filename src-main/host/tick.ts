/**
 * Work coalesced to once per turn of the event loop: first everything that must be stored (in one SQLite
 * transaction, so one disk sync however many documents changed), then everything that must be sent.
 * Nothing leaves the host before it is stored, and a burst of changes costs one write and one message
 * per connection instead of one per change.
 */
export class Tick {
  private scheduled = false;
  private readonly stores = new Set<() => void>();
  private readonly sends = new Set<() => void>();

  constructor(private readonly transaction: (fn: () => void) => void) {}

  store(flush: () => void): void {
    this.stores.add(flush);
    this.schedule();
  }

  send(flush: () => void): void {
    this.sends.add(flush);
    this.schedule();
  }

  /** Runs pending work now (e.g. before answering a sync request with the current state). */
  flush(): void {
    this.scheduled = false;
    if (this.stores.size > 0) {
      const stores = [...this.stores];
      this.stores.clear();
      this.transaction(() => stores.forEach((f) => f()));
    }
    if (this.sends.size > 0) {
      const sends = [...this.sends];
      this.sends.clear();
      sends.forEach((f) => f());
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      if (this.scheduled) this.flush();
    });
  }
}
