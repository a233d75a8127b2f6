import type { RedisInstance } from '@hocuspocus/extension-redis';
import type { ClockMessage } from './control-messages.js';
import { fireAndLog } from './redis-command.js';

const CLOCK_CHANNEL = 'open-floor:clock';
/** An offset beyond a day is a broken clock, not a laptop's: ignored. */
const MAX_OFFSET_MS = 24 * 60 * 60 * 1000;

/**
 * The meeting's time is the laptop's (the projector's speaker timer runs on it; a venue laptop's clock can
 * be minutes off). The instance holding the laptop's control connection hears its clock and publishes the
 * offset (laptop − this server) on Redis, so every instance answers `GET /api/time` in the laptop's time.
 * Error: the one-way delay from the laptop (well under a second), and the instances' own clock difference
 * (servers keep NTP time). Until the laptop has said its time, the relay's own clock is the answer.
 */
export class LaptopClock {
  private offsetMs = 0;

  constructor(
    private readonly pub: RedisInstance,
    sub: RedisInstance,
    private readonly log: (line: string) => void,
  ) {
    fireAndLog(sub.subscribe(CLOCK_CHANNEL), log, 'subscribe');
    sub.on('message', (channel: string, text: string) => {
      if (channel !== CLOCK_CHANNEL) return;
      const offset = Number(text);
      if (Number.isFinite(offset) && Math.abs(offset) < MAX_OFFSET_MS) this.offsetMs = offset;
    });
  }

  /** A clock message from the laptop (the control document's stateless channel). */
  heard(message: ClockMessage): void {
    const offset = Math.round(message.now - Date.now());
    if (Math.abs(offset) >= MAX_OFFSET_MS) return this.log('relay: the laptop\'s clock is more than a day off; ignored');
    this.offsetMs = offset;
    fireAndLog(this.pub.publish(CLOCK_CHANNEL, String(offset)), this.log, 'publish');
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }
}
