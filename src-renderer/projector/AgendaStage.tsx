import './agenda.css';
import type { BoardAgenda, BoardSpeaking } from '../../src-shared/features/agenda/views';
import { TimerClock } from '../ui/agenda/TimerClock';
import { useChime } from './use-chime';
import { t } from '../ui/i18n';
import { speakerName } from '../ui/agenda/labels';

/**
 * The agenda on the room's screen: the current item, who has the floor (name or "Speaker N"), their
 * subject, a countdown readable from the back of the hall, and the next three in line. The projector
 * runs on the host's laptop, so it shares the host's clock (offset 0).
 */
export function AgendaStage({ agenda, speaking }: { agenda: BoardAgenda | null; speaking: BoardSpeaking | null }) {
  const current = agenda?.items.find((i) => i.id === agenda.current);
  const floor = speaking?.floor ?? null;
  const next = speaking?.next ?? [];
  const timer = speaking?.timer && (speaking.timer.speakerId === null || speaking.timer.speakerId === floor?.id) ? speaking.timer : null;
  const chime = useChime(timer);
  return (
    <section className="agenda-stage" aria-labelledby="agenda-heading" data-testid="agenda-stage">
      <h2 id="agenda-heading">{current ? t('projector.agendaItem') : t('projector.agenda')}</h2>
      {current ? <p className="agenda-current user-text">{current.title}</p> : <p className="agenda-current muted">{t('projector.nextItemSoon')}</p>}
      <div className="speaker-row">
        {floor ? (
          <div className="speaker-now" aria-labelledby="speaking-now">
            <p id="speaking-now" className="speaker-label">
              {t('projector.speakingNow')}
            </p>
            <p className="speaker-name user-text">{speakerName(floor)}</p>
            {floor.subject ? <p className="speaker-subject user-text">{floor.subject}</p> : null}
            {floor.interpreter ? <p className="speaker-flag">{t('projector.withInterpreter')}</p> : null}
          </div>
        ) : timer ? (
          <div className="speaker-now">
            <p className="speaker-name">{t('projector.timer')}</p>
          </div>
        ) : null}
        {floor || timer ? (
          <TimerClock
            className="stage-clock"
            timer={timer}
            idleMs={floor?.allowedMs ?? 0}
            offsetMs={0}
            label={floor ? t('projector.timeLeftFor', { name: speakerName(floor) }) : t('projector.timeLeft')}
          />
        ) : null}
      </div>
      {next.length > 0 ? (
        <div className="next-up">
          <h3 id="next-heading">{t('projector.next')}</h3>
          <ol aria-labelledby="next-heading" className="next-list">
            {next.map((s) => (
              <li key={s.id} className="user-text">
                {speakerName(s)}
                {s.subject ? <span className="next-subject"> — {s.subject}</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      {chime ? <p className="chime-note">{t('projector.chimeOn')}</p> : null}
    </section>
  );
}
