/**
 * How often the board's "phones connected" may change in a room of `phones`: every phone downloads each
 * change of the board (the count is only shown on the projector), so in a rush of joins a change every
 * 400 ms cost each join one write to every phone already in: host CPU per join grew with the room (issue
 * 20: 6 ms per join at 500 phones, 22 ms at 2000). Spacing the changes by 2 ms per phone, up to 10 s,
 * bounds those writes to about 500 a second whatever the room's size; the console's count stays live.
 */
export const boardCountInterval = (phones: number): number => Math.min(10_000, Math.max(400, phones * 2));

/** Phones connected to the meeting: all of them (in the room and remote), and of those, the remote ones. */
export interface PhonesConnected {
  all: number;
  remote: number;
}

const same = (a: PhonesConnected, b: PhonesConnected): boolean => a.all === b.all && a.remote === b.remote;

/**
 * The count on the board: the live one once the interval for the room's size has passed since the last
 * change. The remote part changes with the total, never on its own schedule (one change of the board).
 */
export class BoardCount {
  private shown: PhonesConnected = { all: 0, remote: 0 };
  private shownAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

  /** `refresh` writes the headers again (when a change had to wait). */
  constructor(
    private readonly refresh: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The count to write on the board now, given the live count; schedules a refresh when it must wait. */
  current(live: PhonesConnected): PhonesConnected {
    if (same(live, this.shown)) return this.shown;
    const wait = this.shownAt + boardCountInterval(Math.max(live.all, this.shown.all)) - this.now();
    if (wait <= 0) {
      this.shown = { ...live };
      this.shownAt = this.now();
      return this.shown;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.refresh();
    }, wait);
    return this.shown;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
