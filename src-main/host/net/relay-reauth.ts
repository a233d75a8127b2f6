import type { HocuspocusProvider } from '@hocuspocus/provider';

/**
 * Documents the relay never let in, asked again. Hocuspocus 3.4 loses a document's authentication when the
 * laptop closes that document and opens it again on the same socket and the relay reads both at once (its
 * old connection takes the new token as a token refresh, then closes): the new bridge is never let in, and
 * every request of that room waits at the relay, acknowledged to the phone, for good. The laptop closes
 * and reopens a room's bridge when its phone seemed gone and comes back (relay-idle.ts); in the hybrid
 * bench's 10,000-phone cut and relay kill that happened to 6338 rooms and left 187 bridges shut out, with
 * 279 requests never answered (docs/BENCHMARKS.md, Hybrid meetings, item 14;
 * `test/relay-reauth.test.ts` reproduces it with a stock provider).
 *
 * So a bridge whose document has had no answer to its token for `afterMs` while the socket is up sends its
 * token and a sync step again: the relay takes it as a first authentication, and the sync brings what
 * either side missed. A bridge the relay refused (a wrong secret) is not asked again: the link's log says so,
 * and the next connection tries every document anyway.
 */

/** A bridged document as the watch sees it: its provider on the relay, and whether the relay refused it. */
export interface RelayDocument {
  relay: HocuspocusProvider;
  /** The relay refused its token since the socket last opened. */
  refused(): boolean;
}

export interface RelayReauthOptions {
  /** The bridged documents, now. */
  documents(): Iterable<RelayDocument>;
  /** Whether the socket to the relay is open. */
  connected(): boolean;
  /** How long a document may wait for the relay's answer to its token (after a reconnect every one waits). */
  afterMs: number;
  /** How often the bridges are looked at. */
  everyMs: number;
  log(line: string): void;
}

export function reauthenticateStuck(opts: RelayReauthOptions): { link(up: boolean): void; destroy(): void } {
  /** Since when each document has waited for its answer, while the socket was up. */
  let waiting = new Map<HocuspocusProvider, number>();
  const timer = setInterval(() => {
    if (!opts.connected()) return void waiting.clear();
    const now = Date.now();
    const next = new Map<HocuspocusProvider, number>();
    let asked = 0;
    for (const d of opts.documents()) {
      const p = d.relay;
      if (p.isAuthenticated || d.refused()) continue;
      const since = waiting.get(p) ?? now;
      if (now - since < opts.afterMs) {
        next.set(p, since);
        continue;
      }
      asked++;
      next.set(p, now);
      void p.sendToken().then(() => p.startSync());
    }
    waiting = next;
    if (asked > 0) opts.log(`relay link: ${asked} room(s) had no answer from the relay for ${Math.round(opts.afterMs / 1000)} s; their tokens sent again`);
  }, opts.everyMs);
  timer.unref();
  return {
    // A new connection: every document authenticates again, and its wait starts now.
    link: () => waiting.clear(),
    destroy: () => clearInterval(timer),
  };
}
