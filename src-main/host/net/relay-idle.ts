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
 * room open answers with a room notice. No notice within `answerMs`: the bridge is dropped. Any room notice
 * (a phone opened the room anywhere) cancels a pending drop. The link must be up when the question goes
 * out and when the answer is due; otherwise the check starts again. A request the phone wrote meanwhile is
 * in its doc: it arrives when the phone comes back and the room is bridged again, once (the log's
 * (device, request id) is unique).
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
  destroy(): void;
}

export function idleRooms(opts: IdleRoomsOptions): IdleRooms {
  const timers = new Map<string, NodeJS.Timeout>();
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
      if (opts.connected()) opts.drop(name);
      else wait(name, opts.idleMs, () => check(name));
    });
  };
  return {
    left: (name) => wait(name, opts.idleMs, () => check(name)),
    seen: cancel,
    forget: cancel,
    away: () => timers.size,
    destroy: () => {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
