import type { BoardSpeaking } from '../../src-shared/features/agenda/views';
import { speakerName } from '../ui/agenda/labels';
import { TimerClock } from '../ui/agenda/TimerClock';
import { t } from '../ui/i18n';
import { useHostOffset } from './host-clock';

/**
 * Who is speaking and the time left, on every phone (people at the back cannot read the projector).
 * The clock is computed from the board's timer facts and this phone's estimate of the host's clock, so
 * it agrees with the projector. The speaker's own phone says "You have the floor" in its item instead.
 */
export function NowSpeaking({ speaking, mine }: { speaking: BoardSpeaking | null; mine: boolean }) {
  const offset = useHostOffset();
  const floor = speaking?.floor ?? null;
  const timer = speaking?.timer && (speaking.timer.speakerId === null || speaking.timer.speakerId === floor?.id) ? speaking.timer : null;
  if (mine || (!floor && !timer)) return null;
  const label = floor ? t('phone.timeLeftFor', { name: speakerName(floor) }) : t('phone.timerRunning');
  return (
    <div className="now-speaking" aria-labelledby="now-speaking-heading" role="group" data-testid="now-speaking">
      <p id="now-speaking-heading" className="now-speaking-label">
        {floor ? t('phone.speakingNow') : t('phone.timerRunning')}
      </p>
      {floor ? (
        <p className="now-speaking-name user-text">
          {speakerName(floor)}
          {floor.subject ? <span className="now-speaking-subject"> — {floor.subject}</span> : null}
        </p>
      ) : null}
      {floor?.interpreter ? <p className="now-speaking-flag">{t('phone.withInterpreter')}</p> : null}
      <TimerClock className="now-speaking-clock" timer={timer} idleMs={floor?.allowedMs ?? 0} offsetMs={offset} label={label} />
    </div>
  );
}
