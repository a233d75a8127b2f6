/**
 * Sliding-window rate limit, pure: the caller passes the clock. One instance per kind of action
 * (questions, votes, joins); keys are device ids or client addresses.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records a hit and says whether it is allowed. A refused hit does not count against the key. */
  take(key: string, now: number): boolean {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= this.limit) {
      this.hits.set(key, list);
      return false;
    }
    list.push(now);
    this.hits.set(key, list);
    return true;
  }

  /** Takes back a hit recorded at `at` (what it allowed did not happen, through no fault of the key's). */
  refund(key: string, at: number): void {
    const list = this.hits.get(key);
    const i = list ? list.lastIndexOf(at) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  /** Whether a hit now would be allowed, without recording one. */
  allows(key: string, now: number): boolean {
    const since = now - this.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since).length < this.limit;
  }

  /** Forget keys with no hit inside the window (call now and then so memory stays bounded). */
  prune(now: number): void {
    const since = now - this.windowMs;
    for (const [key, list] of this.hits) {
      if (!list.some((t) => t > since)) this.hits.delete(key);
    }
  }
}
