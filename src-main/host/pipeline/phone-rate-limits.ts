import { SPEAK_REFUSALS } from '../../../src-shared/refusals.js';
import { REFUSALS } from '../../../src-shared/refusals.js';
import { LIMITS, MINUTE_MS } from '../../../src-shared/limits.js';
import { COMMENT_REFUSALS, POLL_REFUSALS } from '../../../src-shared/refusals.js';
import { RateLimiter } from '../../../src-shared/rate-limit.js';
import type { PhoneRequestKind } from '../../../src-shared/requests.js';

interface Limit {
  limiter: RateLimiter;
  refusal: string;
}

const perMinute = (count: number, refusal: string): Limit => ({ limiter: new RateLimiter(count, MINUTE_MS), refusal });

/** A token one request took, given back if the commit of its batch fails. */
export interface RateCharge {
  deviceId: string;
  kind: PhoneRequestKind;
  at: number;
}

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
      comment: perMinute(LIMITS.commentsPerMinute, COMMENT_REFUSALS.tooFast),
    };
  }

  /**
   * Null when the request may go on (its token is taken and recorded in `charges`), else the reason the
   * phone is shown.
   */
  refusal(deviceId: string, kind: PhoneRequestKind, now: number, charges: RateCharge[]): string | null {
    this.pruneNowAndThen(now);
    const limit = this.byKind[kind];
    if (!limit) return null;
    if (!limit.limiter.take(deviceId, now)) return limit.refusal;
    charges.push({ deviceId, kind, at: now });
    return null;
  }

  /**
   * Gives back the tokens of a batch whose commit failed: the host decides those requests again once it
   * can write, and a host-side failure must never spend a resident's limits.
   */
  refund(charges: readonly RateCharge[]): void {
    for (const c of charges) this.byKind[c.kind]?.limiter.refund(c.deviceId, c.at);
  }

  /** Devices that stopped sending are forgotten once a minute, so memory stays bounded. */
  private pruneNowAndThen(now: number): void {
    if (now - this.prunedAt < MINUTE_MS) return;
    this.prunedAt = now;
    for (const limit of new Set(Object.values(this.byKind))) limit.limiter.prune(now);
  }
}
