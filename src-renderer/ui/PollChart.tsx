import type { PollKind } from '../../src-shared/features/polls/events';
import { pollOptionLabels } from '../../src-shared/features/polls/labels';
import type { PollResults } from '../../src-shared/features/polls/views';
import { formatMean, percentOf } from '../../src-shared/features/polls/views';
import { t } from './i18n';

/** A poll's options as this screen's language calls them (yes/no/abstain are translated; the rest are the facilitator's words). */
export const optionLabels = (poll: { kind: PollKind; options: readonly string[] }): string[] => pollOptionLabels(poll, t);

/**
 * A poll's results as a bar chart whose every value is also text (count and percent per option, the
 * number of ballots, the mean of a rating). The layout is fixed: one row per option whatever the counts,
 * numbers in tabular figures, bars that only change width, so a storm of ballots never makes it jump.
 */
export function PollChart({ poll, results, label }: { poll: { kind: PollKind; options: readonly string[] }; results: PollResults; label: string }) {
  const { kind } = poll;
  const options = optionLabels(poll);
  const max = Math.max(1, ...results.counts);
  return (
    <figure className="poll-chart">
      <ul className="poll-rows" aria-label={label}>
        {options.map((option, i) => {
          const count = results.counts[i] ?? 0;
          const pct = percentOf(count, results.ballots);
          return (
            <li key={i} className="poll-row" data-option={option} data-count={count}>
              <span className="poll-option user-text">{option}</span>
              <span className="poll-bar" aria-hidden="true">
                <span className="poll-fill" style={{ width: `${(count / max) * 100}%` }} />
              </span>
              <span className="poll-value">
                {t('common.pollValue', { count, pct })}
              </span>
            </li>
          );
        })}
      </ul>
      <figcaption className="poll-caption">
        <span className="poll-ballots" data-ballots={results.ballots}>
          {t('common.ballots', { count: results.ballots })}
        </span>
        {kind === 'rating' ? (
          <span className="poll-mean"> · {t('common.mean', { mean: formatMean(results.mean) })}</span>
        ) : null}
      </figcaption>
    </figure>
  );
}
