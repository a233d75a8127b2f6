import { pollsHeading, pollsNote, pollText, type MinutesPoll } from '../../src-shared/features/polls/minutes';
import type { Translate } from '../../src-shared/i18n/format';
import { t } from '../ui/i18n';
import { PollChart } from '../ui/PollChart';

/** The polls section of the read-only minutes in the console: the same wording as the PDF and DOCX. */
export function MinutesPolls({ polls, time, words }: { polls: readonly MinutesPoll[]; time: (at: number) => string; words: Translate }) {
  if (polls.length === 0) return null;
  return (
    <section aria-label={pollsHeading(words)}>
      <h4>{pollsHeading(words)}</h4>
      <p className="muted">{pollsNote(words)}</p>
      {polls.map((p) => {
        const text = pollText(p, time, words);
        return (
          <div key={p.id} className="minutes-poll">
            <h5 className="user-text">{text.heading}</h5>
            <dl className="minutes-facts">
              {text.facts.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <PollChart
              poll={{ kind: p.kind, options: p.options.map((o) => o.label) }}
              results={{ counts: p.options.map((o) => o.count), ballots: p.ballots, mean: p.mean }}
              label={t('console.resultsLabel', { question: p.question })}
            />
          </div>
        );
      })}
    </section>
  );
}
