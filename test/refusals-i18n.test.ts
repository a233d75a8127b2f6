import { describe, expect, it } from 'vitest';
import * as en from '../src-shared/i18n/en.js';
import * as es from '../src-shared/i18n/es.js';
import { FAILED_REASON, JOIN_REFUSALS, POLL_REFUSALS, REFUSALS, refusalKey, SPEAK_REFUSALS } from '../src-shared/refusals.js';

/** Every reason the host can refuse a phone's request with reaches the phone in its own language. */
describe('refusals on the phone', () => {
  const reasons = [...Object.values(REFUSALS), ...Object.values(SPEAK_REFUSALS), ...Object.values(POLL_REFUSALS), ...Object.values(JOIN_REFUSALS), FAILED_REASON].filter(
    (r): r is string => typeof r === 'string',
  );

  it('each has a catalog entry whose English is the host’s text and whose Spanish is its own', () => {
    const phoneEn = en.phone as Record<string, string>;
    const phoneEs = es.phone as Record<string, string>;
    for (const reason of reasons) {
      const key = refusalKey(reason);
      expect(key, reason).not.toBeNull();
      expect(phoneEn[key!], reason).toBe(reason);
      expect(phoneEs[key!], reason).toBeTruthy();
      expect(phoneEs[key!], reason).not.toBe(reason);
    }
  });

  it('a reason the phone does not know (a limit with its number) has no key and is shown as written', () => {
    expect(refusalKey('A question can be at most 500 characters.')).toBeNull();
  });
});
