import type { Translate } from '../../i18n/format.js';
import { YES_NO_OPTIONS, type PollKind } from './events.js';

/**
 * What each option of a poll is called in one language. Facilitators' options (single, multiple) are
 * their own words and never translated; a yes/no/abstain poll's answers are the system's words, found by
 * position (the stored text is a key, or the English word in records from before keys), and a rating's
 * are numbers.
 */
export function pollOptionLabels(poll: { kind: PollKind; options: readonly string[] }, tr: Translate): string[] {
  if (poll.kind !== 'yesno') return [...poll.options];
  return poll.options.map((stored, i) => {
    const key = YES_NO_OPTIONS[i];
    return key === undefined ? stored : tr(`common.answer_${key}`);
  });
}
