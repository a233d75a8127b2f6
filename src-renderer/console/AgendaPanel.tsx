import './agenda.css';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { useAgendaShortcuts } from './agenda-shortcuts';
import { AgendaItems } from './AgendaItems';
import { QuestionItems } from './QuestionItems';
import { SpeakerQueue } from './SpeakerQueue';

const hasAgenda = (view: DeskView): boolean => (view.agenda?.items.length ?? 0) > 0;

/** The meeting's agenda, its speakers and the timer (issue 7), above the questions once there is an agenda. */
export function AgendaPanel({ view }: { view: DeskView }) {
  useAgendaShortcuts(view.agenda);
  const agenda = view.agenda;
  if (!agenda || !hasAgenda(view)) return null;
  return (
    <>
      <SpeakerQueue agenda={agenda} />
      <AgendaItems agenda={agenda} comments={view.comments} />
      <QuestionItems view={view} />
    </>
  );
}

/** Without an agenda, only a folded "add an agenda item" below the questions: the console reads as before. */
export function AgendaSetup({ view }: { view: DeskView }) {
  return hasAgenda(view) ? null : <AgendaItems agenda={view.agenda} />;
}
