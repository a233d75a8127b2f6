import { SPEAK_REFUSALS } from '../../src-shared/agenda/decide-phone.js';
import { REFUSALS } from '../../src-shared/decide-phone.js';
import { LIMITS, MINUTE_MS } from '../../src-shared/limits.js';
import { POLL_REFUSALS } from '../../src-shared/polls/poll-decide.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';
import type { PhoneRequestKind } from '../../src-shared/requests.js';

interface Limit {
  limiter: RateLimiter;
  refusal: string;
}

const perMinute = (count: number, refusal: string): Limit => ({ limiter: new RateLimiter(count, MINUTE_MS), refusal });

/**
 * Per-device limits on how fast a phone may send each kind of request (they depend on time, not on the
 * log). Kinds that share a limit share a limiter; a kind without an entry is not limited here.
 */
export class PhoneRateLimits {
  private readonly byKind: Partial<Record<PhoneRequestKind, Limit>>;
  private prunedAt = 0;

  constructor() {
    const votes = perMinute(LIMITS.votesPerMinute, REFUSALS.tooManyVotes);
    const speaking = perMinute(LIMITS.signupsPerMinute, SPEAK_REFUSALS.tooManySignUps);
    this.byKind = {
      ask: perMinute(LIMITS.questionsPerMinute, REFUSALS.tooManyQuestions),
      vote: votes,
      unvote: votes,
      ballot: perMinute(LIMITS.ballotsPerMinute, POLL_REFUSALS.tooFast),
      speak: speaking,
      unspeak: speaking,
    };
  }

  /** Null when the request may go on, else the reason the phone is shown. */
  refusal(deviceId: string, kind: PhoneRequestKind, now: number): string | null {
    this.pruneNowAndThen(now);
    const limit = this.byKind[kind];
    return limit && !limit.limiter.take(deviceId, now) ? limit.refusal : null;
  }

  /** Devices that stopped sending are forgotten once a minute, so memory stays bounded. */
  private pruneNowAndThen(now: number): void {
    if (now - this.prunedAt < MINUTE_MS) return;
    this.prunedAt = now;
    for (const limit of new Set(Object.values(this.byKind))) limit.limiter.prune(now);
  }
}
