import { useState, type FormEvent } from 'react';
import type { DeskAgenda } from '../../src-shared/features/agenda/views';
import { LIMITS } from '../../src-shared/limits';
import { RATING_OPTIONS, YES_NO_OPTIONS, type PollKind, type PollVisibility } from '../../src-shared/features/polls/events';
import type { DeskPoll } from '../../src-shared/features/polls/views';
import { t } from '../ui/i18n';
import { optionLabels } from '../ui/PollChart';
import { control, run } from './control';
import { KINDS, kindLabel, VISIBILITIES, visibilityLabel } from './poll-labels';

const FIXED_OPTIONS: Partial<Record<PollKind, () => string>> = {
  yesno: () => optionLabels({ kind: 'yesno', options: YES_NO_OPTIONS }).join(', '),
  rating: () => RATING_OPTIONS.join(', '),
};

/** A new poll, or a draft being edited: its kind, question and options; a new one also its item and visibility. */
export function PollForm({ heading, poll, agenda, onDone }: { heading: string; poll?: DeskPoll; agenda?: DeskAgenda | null; onDone?: () => void }) {
  const prefix = poll ? `edit-${poll.id}` : 'new-poll';
  const [kind, setKind] = useState<PollKind>(poll?.kind ?? 'single');
  const [question, setQuestion] = useState(poll?.question ?? '');
  const [options, setOptions] = useState(poll && !FIXED_OPTIONS[poll.kind] ? poll.options.join('\n') : '');
  const [maxChoices, setMaxChoices] = useState(poll?.maxChoices ?? 2);
  const [visibility, setVisibility] = useState<PollVisibility>(poll?.visibility ?? 'live');
  // A new poll belongs to the current agenda item by default (or to one the facilitator picks).
  const [picked, setPicked] = useState<string | null>(null);
  const itemId = picked ?? agenda?.current ?? '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const def = {
      kind,
      question,
      options: FIXED_OPTIONS[kind] ? [] : options.split('\n'),
      ...(kind === 'multiple' ? { maxChoices } : {}),
    };
    const result = await run(() => (poll ? control.editPoll({ pollId: poll.id, ...def }) : control.createPoll({ ...def, visibility, itemId: itemId || null })));
    if (!result.ok) return;
    if (!poll) {
      setQuestion('');
      setOptions('');
    }
    onDone?.();
  };

  return (
    <form className="stack poll-form" onSubmit={submit} aria-label={heading} noValidate>
      <h3>{heading}</h3>
      <label htmlFor={`${prefix}-kind`}>{t('console.pollKindField')}</label>
      <select id={`${prefix}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PollKind)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      <label htmlFor={`${prefix}-question`}>{t('console.pollQuestion')}</label>
      <input id={`${prefix}-question`} maxLength={LIMITS.pollQuestionMax} value={question} onChange={(e) => setQuestion(e.target.value)} />
      <OptionFields prefix={prefix} kind={kind} options={options} setOptions={setOptions} maxChoices={maxChoices} setMaxChoices={setMaxChoices} />
      {poll ? null : (
        <PlacementFields prefix={prefix} items={agenda?.items ?? []} itemId={itemId} setPicked={setPicked} visibility={visibility} setVisibility={setVisibility} />
      )}
      <button type="submit" className="primary">
        {poll ? t('console.saveDraft') : t('console.preparePoll')}
      </button>
    </form>
  );
}

interface OptionFieldsProps {
  prefix: string;
  kind: PollKind;
  options: string;
  setOptions(options: string): void;
  maxChoices: number;
  setMaxChoices(max: number): void;
}

/** The options of a poll (or the fixed ones of its kind), and how many one may pick in a multiple choice. */
function OptionFields({ prefix, kind, options, setOptions, maxChoices, setMaxChoices }: OptionFieldsProps) {
  const fixed = FIXED_OPTIONS[kind];
  return (
    <>
      {fixed ? (
        <p className="muted">{t('console.optionsFixed', { options: fixed() })}</p>
      ) : (
        <>
          <label htmlFor={`${prefix}-options`}>{t('console.optionsField', { min: LIMITS.pollOptionsMin, max: LIMITS.pollOptionsMax })}</label>
          <textarea id={`${prefix}-options`} rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
        </>
      )}
      {kind === 'multiple' ? (
        <>
          <label htmlFor={`${prefix}-k`}>{t('console.chooseUpTo')}</label>
          <input
            id={`${prefix}-k`}
            type="number"
            min={1}
            max={LIMITS.pollOptionsMax}
            value={maxChoices}
            onChange={(e) => setMaxChoices(Math.max(1, Math.floor(Number(e.target.value)) || 1))}
          />
        </>
      ) : null}
    </>
  );
}

interface PlacementFieldsProps {
  prefix: string;
  items: DeskAgenda['items'];
  itemId: string;
  setPicked(itemId: string): void;
  visibility: PollVisibility;
  setVisibility(visibility: PollVisibility): void;
}

/** Where a new poll belongs (an agenda item, or the whole session) and who sees its results. */
function PlacementFields({ prefix, items, itemId, setPicked, visibility, setVisibility }: PlacementFieldsProps) {
  return (
    <>
      {items.length > 0 ? (
        <>
          <label htmlFor={`${prefix}-item`}>{t('console.pollItem')}</label>
          <select id={`${prefix}-item`} value={itemId} onChange={(e) => setPicked(e.target.value)}>
            <option value="">{t('console.pollForSession')}</option>
            {items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.title}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <label htmlFor={`${prefix}-visibility`}>{t('console.results')}</label>
      <select id={`${prefix}-visibility`} value={visibility} onChange={(e) => setVisibility(e.target.value as PollVisibility)}>
        {VISIBILITIES.map((v) => (
          <option key={v} value={v}>
            {visibilityLabel(v)}
          </option>
        ))}
      </select>
    </>
  );
}
