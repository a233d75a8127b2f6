import type { DeskView } from '../../src-shared/docs/desk-doc';
import { AgendaPanel, AgendaSetup } from './AgendaPanel';
import { CloseSession } from './CloseSession';
import { DisplaySettings } from './DisplaySettings';
import { FilterSettings } from './FilterSettings';
import { control, run } from './control';
import { ExportPanel } from './ExportLinks';
import { FollowUpPanel } from './FollowUp';
import { PublicationForm } from './PublicationForm';
import { JoinPanel } from './JoinPanel';
import { Moderation } from './Moderation';
import { PollsPanel } from './PollsPanel';
import { SessionHeader } from './SessionHeader';
import { Settings } from './Settings';
import { ShortcutsPanel } from './ShortcutsPanel';
import { useShortcuts } from './use-shortcuts';
import { VenuePanel } from './Venue';
import { t } from '../ui/i18n';

/** A draft or open session: everything the facilitator runs the meeting from. */
export function OpenSession({ view }: { view: DeskView }) {
  useShortcuts(view);
  const session = view.session;
  if (!session) return null;
  return (
    <div className="layout">
      <SessionHeader view={view} />
      <div className="columns">
        <div className="main-col">
          {session.status === 'draft' ? (
            <section className="panel">
              <p>{t('console.sessionReady')}</p>
              <button type="button" className="primary" onClick={() => void run(() => control.openSession({}))}>
                {t('console.openSession')}
              </button>
            </section>
          ) : null}
          <FollowUpPanel sessionId={session.id} refreshKey={String(view.sessions.length)} carriedOnly />
          <AgendaPanel view={view} />
          <Moderation view={view} />
          <PollsPanel view={view} />
          <AgendaSetup view={view} />
          <PublicationForm sessionId={session.id} publication={session.publication ?? null} onSaved={() => {}} panel />
        </div>
        <aside className="side-col">
          <JoinPanel view={view} />
          <VenuePanel view={view} />
          <Settings view={view} />
          <FilterSettings />
          <DisplaySettings />
          <ShortcutsPanel />
          <ExportPanel sessionId={session.id} title={session.title} live={session.status === 'open'} />
          <CloseSession />
        </aside>
      </div>
    </div>
  );
}
