import { useEffect, useMemo, useRef } from 'react';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { useModerationUi } from './moderation-ui';
import { QueueControls } from './ModerationTools';
import { QuestionRow } from './QuestionRow';
import type { DeskQuestion } from '../../src-shared/features/questions/views';
import { queueNavigableIds, queueSections } from './queue-view';
import { keepSelection } from './selection';
import { useConsoleUi } from './ui-store';
import { t } from '../ui/i18n';

/** The queue, the board and the hidden items, with one keyboard selection across them. */
export function Moderation({ view }: { view: DeskView }) {
  const { filterText, sort, mergedOpen, setMergedOpen } = useModerationUi();
  const sections = useMemo(() => queueSections(view.questions, filterText, sort), [view.questions, filterText, sort]);
  const shown = sections.waiting.length + sections.board.length + sections.hidden.length + sections.merged.length;
  const hiddenOpen = useConsoleUi((s) => s.hiddenOpen);
  const setHiddenOpen = useConsoleUi((s) => s.setHiddenOpen);
  const selected = useConsoleUi((s) => s.selected);
  const select = useConsoleUi((s) => s.select);
  const ids = useMemo(() => queueNavigableIds(sections, hiddenOpen, mergedOpen), [sections, hiddenOpen, mergedOpen]);
  const previous = useRef(ids);

  useEffect(() => {
    // A moderated item moves or leaves its list: keep the selection near where the moderator was.
    const next = keepSelection(previous.current, ids, selected);
    previous.current = ids;
    if (next !== selected) select(next);
  }, [ids, selected, select]);

  return (
    <>
      <QueueControls questions={view.questions} shown={shown} />
      <section className="panel" aria-labelledby="queue-heading">
        <h2 id="queue-heading">
          {t('console.waitingHeading')} <span className="count">({sections.waiting.length})</span>
        </h2>
        <QuestionList questions={sections.waiting} empty={t('console.nothingWaiting')} labelledBy="queue-heading" selected={selected} />
      </section>
      <section className="panel" aria-labelledby="board-heading">
        <h2 id="board-heading">
          {t('console.onBoard')} <span className="count">({sections.board.length})</span>
        </h2>
        <QuestionList questions={sections.board} empty={t('console.noApproved')} labelledBy="board-heading" selected={selected} />
      </section>
      <details className="panel" open={hiddenOpen} onToggle={(e) => setHiddenOpen(e.currentTarget.open)}>
        <summary>
          <h2 className="inline" id="hidden-heading">
            {t('console.hiddenHeading')} ({sections.hidden.length})
          </h2>
        </summary>
        <QuestionList questions={sections.hidden} empty={t('console.nothingHidden')} labelledBy="hidden-heading" selected={selected} />
      </details>
      <details className="panel" open={mergedOpen} onToggle={(e) => setMergedOpen(e.currentTarget.open)}>
        <summary>
          <h2 className="inline" id="merged-heading">
            {t('console.mergedHeading')} ({sections.merged.length})
          </h2>
        </summary>
        <QuestionList questions={sections.merged} empty={t('console.nothingMerged')} labelledBy="merged-heading" selected={selected} />
      </details>
    </>
  );
}

/** One list of questions (or what to say when it is empty), each row selectable by the keyboard. */
function QuestionList({ questions, empty, labelledBy, selected }: { questions: readonly DeskQuestion[]; empty: string; labelledBy: string; selected: string | null }) {
  if (questions.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="qlist" aria-labelledby={labelledBy}>
      {questions.map((q) => (
        <QuestionRow key={q.id} q={q} selected={q.id === selected} />
      ))}
    </ul>
  );
}
