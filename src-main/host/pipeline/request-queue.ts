/**
 * Requests wait here until the end of the turn of the event loop, then go to the pipeline as one batch.
 * Draining after the turn (setImmediate) also means the phone's Yjs transaction that inserted them has
 * ended: writing a receipt from inside its observer lands in that transaction's cleanup and made Yjs
 * believe the host's client id was stolen (measured, and fixed this way).
 */
export class RequestQueue<T> {
  private items: T[] = [];
  private disposed = false;

  constructor(private readonly drain: (batch: T[]) => void) {}

  push(item: T): void {
    if (this.disposed) return;
    this.items.push(item);
    if (this.items.length === 1) setImmediate(() => this.drainNow());
  }

  dispose(): void {
    this.disposed = true;
    this.items = [];
  }

  private drainNow(): void {
    if (this.disposed || this.items.length === 0) return;
    const batch = this.items;
    this.items = [];
    this.drain(batch);
  }
}
