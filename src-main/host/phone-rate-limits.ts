import { REFUSALS } from '../../src-shared/decide-phone.js';
import { LIMITS, MINUTE_MS } from '../../src-shared/limits.js';
import { RateLimiter } from '../../src-shared/rate-limit.js';
import type { PhoneRequest } from '../../src-shared/requests.js';

/** Per-device limits on how fast a phone may ask and vote (they depend on time, not on the log). */
export class PhoneRateLimits {
  private readonly questions = new RateLimiter(LIMITS.questionsPerMinute, MINUTE_MS);
  private readonly votes = new RateLimiter(LIMITS.votesPerMinute, MINUTE_MS);
  private prunedAt = 0;

  /** Null when the request may go on, else the reason the phone is shown. */
  refusal(deviceId: string, request: PhoneRequest, now: number): string | null {
    this.pruneNowAndThen(now);
    if (request.kind === 'ask' && !this.questions.take(deviceId, now)) return REFUSALS.tooManyQuestions;
    if ((request.kind === 'vote' || request.kind === 'unvote') && !this.votes.take(deviceId, now)) return REFUSALS.tooManyVotes;
    return null;
  }

  /** Devices that stopped asking are forgotten once a minute, so memory stays bounded. */
  private pruneNowAndThen(now: number): void {
    if (now - this.prunedAt < MINUTE_MS) return;
    this.prunedAt = now;
    this.questions.prune(now);
    this.votes.prune(now);
  }
}
