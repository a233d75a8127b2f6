/**
 * Which bridged remote rooms nobody is in any more (docs/HYBRID.md, "Unbridging"). A bridged room costs
 * the laptop a Y.Doc, an in-process connection and the host's loaded room; today's phones come and go, so a
 * room whose phone left is dropped after a while and bridged again when it comes back. A room bridged for a
 * join waits for its phone the same way: a phone that joined and never opened its room is not counted as
 * present, and its bridge goes after `idleMs`.
 *
 * The relay says when the last phone connection of a room on one instance closed (`room-left`). The phone
 * may have moved to another instance (one was killed, or its network changed), so that alone drops
 * nothing: after `idleMs` the laptop asks every instance (`room-query`); an instance where a phone has the
 * room open answers with a room notice. No notice within `answerMs`, and the next roll call (below) does
 * not name it either: the bridge is dropped. Two chances, not one: busy relays answered thousands of
 * queries late in the hybrid bench's 10,000-phone cut, and every room dropped while its phone was there
 * was loaded again on the relay and the host (docs/BENCHMARKS.md, Hybrid meetings, item 14); a roll call
 * names 200 rooms a message. Any room notice (a phone opened the room anywhere) cancels a pending drop.
 * The link must be up when the question goes out and when the answer is due; otherwise the check starts
 * again. A request the phone wrote meanwhile is in its doc: it arrives when the phone comes back and the
 * room is bridged again, once (the log's (device, request id) is unique).
 *
 * A `room-left` never comes for a phone whose instance was killed and that did not come back (its tab was
 * closed meanwhile), nor for one that left while Redis was down. So the laptop calls the roll (`rollCalls`):
 * every minute, and when its link comes up, every instance names all its rooms with a phone; a bridged room
 * named by none twice running is treated as left (one late answer must not make the count of remote
 * phones dip). An orphaned room stops counting within two roll calls and is dropped after the usual check.
 */

export interface IdleRoomsOptions {
  /** How long a room may have no phone before the laptop asks whether anyone is still there. */
  idleMs: number;
  /** How long the laptop waits for an instance to say a phone has it open. */
  answerMs: number;
  /** Sends a room query to every relay instance. */
  ask(name: string): void;
  /** Stops bridging the room. */
  drop(name: string): void;
  /** Whether the link to the relay is up. */
  connected(): boolean;
}

export interface IdleRooms {
  /** The relay said the last phone of `name` on one instance left (or a phone joined and has yet to open it). */
  left(name: string): void;
  /** A phone has `name` open on some instance (a room notice). */
  seen(name: string): void;
  /** The room is no longer bridged (dropped, or its session ended). */
  forget(name: string): void;
  /** How many bridged rooms have had no phone since their last `left` (not yet dropped). */
  away(): number;
  /**
   * A roll call asked at `since` is over: each of `bridged` not named since (by a room notice) has missed it;
   * one that missed the last one too is `left`; one whose query went unanswered is dropped. Other rooms
   * already away are left to their own check.
   */
  rollCallOver(since: number, bridged: Iterable<string>): void;
  destroy(): void;
}

export function idleRooms(opts: IdleRoomsOptions): IdleRooms {
  const timers = new Map<string, NodeJS.Timeout>();
  /** When a phone was last said to have each room open (any room notice). */
  const lastSeen = new Map<string, number>();
  /** Rooms that missed the last roll call. */
  const missed = new Set<string>();
  /** Rooms asked about that nobody named in time: dropped if the next roll call misses them too. */
  const unanswered = new Set<string>();
  const cancel = (name: string): void => {
    clearTimeout(timers.get(name));
    timers.delete(name);
  };
  const wait = (name: string, ms: number, then: () => void): void => {
    cancel(name);
    const t = setTimeout(() => {
      timers.delete(name);
      then();
    }, ms);
    t.unref();
    timers.set(name, t);
  };
  const check = (name: string): void => {
    if (!opts.connected()) return wait(name, opts.idleMs, () => check(name));
    opts.ask(name);
    wait(name, opts.answerMs, () => {
      if (opts.connected()) unanswered.add(name);
      else wait(name, opts.idleMs, () => check(name));
    });
  };
  const left = (name: string): void => {
    unanswered.delete(name);
    wait(name, opts.idleMs, () => check(name));
  };
  return {
    left,
    seen: (name) => {
      lastSeen.set(name, Date.now());
      missed.delete(name);
      unanswered.delete(name);
      cancel(name);
    },
    forget: (name) => {
      lastSeen.delete(name);
      missed.delete(name);
      unanswered.delete(name);
      cancel(name);
    },
    away: () => timers.size + unanswered.size,
    rollCallOver: (since, bridged) => {
      for (const name of bridged) {
        if (unanswered.has(name) && (lastSeen.get(name) ?? 0) < since) {
          unanswered.delete(name);
          opts.drop(name);
          continue;
        }
        if (timers.has(name) || (lastSeen.get(name) ?? 0) >= since) continue;
        if (!missed.has(name)) missed.add(name);
        else {
          missed.delete(name);
          left(name);
        }
      }
    },
    destroy: () => {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}

export interface RollCallOptions {
  /** How often the roll is called (default in relay-link.ts: a minute). */
  everyMs: number;
  /** How long the instances have to answer. */
  answerMs: number;
  /** Asks every instance to name its rooms (`room-roll`). */
  ask(): void;
  /** The answers to a roll call asked at `since` are in. */
  over(since: number): void;
  connected(): boolean;
}

/**
 * Calls the roll every `everyMs` while the link is up. `link(true)`: the link (re)connected, and the relay
 * names every room by itself then, so that counts as a roll call too. A roll call during which the link
 * went down is not judged (its answers may have been lost with it).
 */
export function rollCalls(opts: RollCallOptions): { link(up: boolean): void; destroy(): void } {
  const pending = new Set<NodeJS.Timeout>();
  /** Changes whenever the link goes up or down. */
  let linkTurn = 0;
  const judge = (since: number): void => {
    const turn = linkTurn;
    const t = setTimeout(() => {
      pending.delete(t);
      if (turn === linkTurn && opts.connected()) opts.over(since);
    }, opts.answerMs);
    t.unref();
    pending.add(t);
  };
  const every = setInterval(() => {
    if (!opts.connected()) return;
    const since = Date.now();
    opts.ask();
    judge(since);
  }, opts.everyMs);
  every.unref();
  return {
    link: (up) => {
      linkTurn++;
      if (up) judge(Date.now());
    },
    destroy: () => {
      clearInterval(every);
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}
