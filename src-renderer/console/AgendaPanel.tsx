import './agenda.css';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { useAgendaShortcuts } from './agenda-shortcuts';
import { AgendaItems } from './AgendaItems';
import { QuestionItems } from './QuestionItems';
import { SpeakerQueue } from './SpeakerQueue';

/** The meeting's agenda, its speakers and the timer (issue 7); without items, only "add an item". */
export function AgendaPanel({ view }: { view: DeskView }) {
  useAgendaShortcuts(view.agenda);
  const agenda = view.agenda;
  return (
    <>
      {agenda && agenda.items.length > 0 ? <SpeakerQueue agenda={agenda} /> : null}
      <AgendaItems agenda={agenda} />
      <QuestionItems view={view} />
    </>
  );
}
