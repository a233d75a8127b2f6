import { useId, useState } from 'react';
import type { FollowUpAuthor, FollowUpOutcome } from '../../src-shared/features/follow-up/events';
import type { WrittenFollowUp } from '../../src-shared/features/follow-up/fold';
import { LIMITS } from '../../src-shared/limits';
import { t } from '../ui/i18n';

const OUTCOMES: readonly FollowUpOutcome[] = ['answered', 'referred', 'carried', 'not-answered'];

/** The form under one question of the Follow-up view: what became of it, in whose words. */
export function FollowUpForm({
  number,
  current,
  canCarry,
  onSave,
}: {
  number: number;
  current: WrittenFollowUp | null;
  canCarry: boolean;
  onSave(outcome: FollowUpOutcome, text: string, by: FollowUpAuthor): Promise<boolean>;
}) {
  const id = useId();
  const [outcome, setOutcome] = useState<FollowUpOutcome>(current?.outcome === 'carried' && !canCarry ? 'answered' : (current?.outcome ?? 'answered'));
  const [text, setText] = useState(current?.text ?? '');
  const [by, setBy] = useState<FollowUpAuthor>(current?.by ?? 'clerk');
  const outcomes = OUTCOMES.filter((o) => o !== 'carried' || canCarry);
  return (
    <form
      className="followup-form"
      aria-label={t('console.fu_formLabel', { number })}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave(outcome, text, by);
      }}
    >
      <fieldset>
        <legend>{t('console.fu_outcomeLegend')}</legend>
        {outcomes.map((o) => (
          <label key={o} className="inline">
            <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`console.fu_outcome_${o}`)}
          </label>
        ))}
      </fieldset>
      <label className="stack">
        {t(`console.fu_text_${outcome}`)}
        <textarea value={text} maxLength={LIMITS.replyTextMax} rows={3} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="stack">
        {t('console.fu_writtenBy')}
        <select value={by} onChange={(e) => setBy(e.target.value === 'facilitator' ? 'facilitator' : 'clerk')}>
          <option value="clerk">{t('console.fu_by_clerk')}</option>
          <option value="facilitator">{t('console.fu_by_facilitator')}</option>
        </select>
      </label>
      <button type="submit" className="primary">
        {t('console.fu_save')}
      </button>
    </form>
  );
}
