/** How long a phone whose transports all closed still counts as connected. */
export const CONNECTED_GRACE_MS = 5_000;

export type Transport = 'ws' | 'rtc';

interface Links {
  ws: number;
  rtc: number;
  /** When the last transport closed (0: never). */
  lostAt: number;
}

/**
 * "Phones connected": rooms with a live WebSocket or WebRTC peer, or one lost less than a grace period
 * ago, so a phone that reconnects (or a flooder that is cut off and comes back) does not make the count,
 * and every screen, flicker. `onChange` hears when the count may have changed.
 */
export class ConnectedPhones {
  private readonly links = new Map<string, Links>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly onChange: () => void,
    private readonly graceMs = CONNECTED_GRACE_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  set(roomId: string, transport: Transport, count: number): void {
    const links = this.links.get(roomId) ?? { ws: 0, rtc: 0, lostAt: 0 };
    this.links.set(roomId, links);
    const wasLive = links.ws > 0 || links.rtc > 0;
    links[transport] = count;
    const isLive = links.ws > 0 || links.rtc > 0;
    if (wasLive === isLive) return;
    if (isLive) {
      // Back within the grace period: the count never changed.
      if (this.clock() - links.lostAt < this.graceMs) return;
      this.onChange();
      return;
    }
    links.lostAt = this.clock();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.onChange();
    }, this.graceMs + 10);
    timer.unref();
    this.timers.add(timer);
  }

  count(now = this.clock()): number {
    let n = 0;
    for (const l of this.links.values()) if (l.ws > 0 || l.rtc > 0 || now - l.lostAt < this.graceMs) n++;
    return n;
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
