import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src-shared/limits.js';
import type { PhoneRequestKind } from '../src-shared/requests.js';
import { PhoneRateLimits, type RateCharge } from '../src-main/host/pipeline/phone-rate-limits.js';

/** Every limited kind and the limit per minute it shares. */
const LIMITED: Array<[PhoneRequestKind, number]> = [
  ['ask', LIMITS.questionsPerMinute],
  ['vote', LIMITS.votesPerMinute],
  ['unvote', LIMITS.votesPerMinute],
  ['ballot', LIMITS.ballotsPerMinute],
  ['speak', LIMITS.signupsPerMinute],
  ['unspeak', LIMITS.signupsPerMinute],
];

describe('phone rate limits: a batch whose commit failed gives its tokens back', () => {
  it.each(LIMITED)('%s: retried requests are charged once, and the limit still holds', (kind, limit) => {
    const limits = new PhoneRateLimits();
    const now = 1_000_000;
    // Five failed commits of the whole budget, each refunded: nothing is spent.
    for (let attempt = 0; attempt < 5; attempt++) {
      const charges: RateCharge[] = [];
      for (let i = 0; i < limit; i++) expect(limits.refusal('phone', kind, now + attempt, charges)).toBeNull();
      limits.refund(charges);
    }
    const committed: RateCharge[] = [];
    for (let i = 0; i < limit; i++) expect(limits.refusal('phone', kind, now + 10, committed)).toBeNull();
    expect(limits.refusal('phone', kind, now + 11, [])).toEqual(expect.any(String));
    // Another device has its own budget.
    expect(limits.refusal('other', kind, now + 11, [])).toBeNull();
  });
});
