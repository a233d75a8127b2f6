import type * as Y from 'yjs';
import { roomParts, roomRequests } from '../../../src-shared/docs/room-doc.js';

/**
 * How long the laptop takes to answer a phone: from the moment a phone's request lands in its room doc on
 * the host to the moment the host writes its receipt. It watches the room docs from outside (two Yjs
 * observers per room), so the request path itself is untouched. Network time is not in it: a slow Wi-Fi
 * shows as reconnects instead.
 */

const MINUTE = 60_000;
const MAX_PENDING = 10_000;
const MAX_SAMPLES = 5_000;

export class ReceiptTimer {
  private readonly pending = new Map<string, number>();
  private samples: Array<{ at: number; ms: number }> = [];
  private readonly watched = new Map<string, () => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts timing the requests of one room doc (`room-<id>`); watching twice is a no-op. */
  watch(name: string, doc: Y.Doc): void {
    if (this.watched.has(name)) return;
    const requests = roomRequests(doc);
    /** This room's requests being timed (the receipts map is replaced now and then: see room-doc.ts). */
    const waiting = new Set<string>();
    const onRequests = (event: Y.YArrayEvent<unknown>) => {
      const t = this.now();
      const { receipts } = roomParts(doc);
      for (const change of event.changes.delta) {
        if (!Array.isArray(change.insert)) continue;
        for (const item of change.insert as unknown[]) {
          const id = (item as { id?: unknown } | null)?.id;
          if (typeof id !== 'string' || id.length > 64 || receipts.has(id) || waiting.size >= MAX_PENDING) continue;
          this.start(`${name}\u0000${id}`, t);
          waiting.add(id);
        }
      }
    };
    const onTransaction = () => {
      if (waiting.size === 0) return;
      const t = this.now();
      const { receipts } = roomParts(doc);
      for (const id of waiting) {
        if (!receipts.has(id)) continue;
        waiting.delete(id);
        const key = `${name}\u0000${id}`;
        const since = this.pending.get(key);
        if (since === undefined) continue;
        this.pending.delete(key);
        this.record(t, t - since);
      }
    };
    requests.observe(onRequests);
    doc.on('afterTransaction', onTransaction);
    this.watched.set(name, () => {
      requests.unobserve(onRequests);
      doc.off('afterTransaction', onTransaction);
    });
  }

  unwatch(name: string): void {
    this.watched.get(name)?.();
    this.watched.delete(name);
    for (const key of this.pending.keys()) if (key.startsWith(`${name}\u0000`)) this.pending.delete(key);
  }

  /** The slowest answer in the last minute, in ms; null when no phone asked anything. */
  slowestLastMinute(): number | null {
    const t = this.now();
    this.samples = this.samples.filter((s) => t - s.at < MINUTE);
    return this.samples.length === 0 ? null : Math.max(...this.samples.map((s) => s.ms));
  }

  private start(key: string, t: number): void {
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(key, t);
  }

  private record(at: number, ms: number): void {
    this.samples.push({ at, ms });
    if (this.samples.length > MAX_SAMPLES) {
      // Keep the slowest of the oldest half: the figure is a maximum, so dropping fast samples loses nothing.
      const half = this.samples.splice(0, this.samples.length >> 1);
      const worst = half.reduce((a, b) => (b.ms > a.ms ? b : a));
      this.samples.unshift(worst);
    }
  }
}
