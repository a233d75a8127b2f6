import { formatClock, remainingAt, timerState, type TimerFacts } from '../../../src-shared/features/agenda/timer';
import { useTicking } from './use-now';

interface Props {
  timer: TimerFacts | null;
  /** Shown (still) when no timer runs yet: the speaker's full time. */
  idleMs: number;
  /** Host clock minus this screen's clock (0 on the laptop's own screens). */
  offsetMs: number;
  className?: string;
  label: string;
}

/**
 * mm:ss computed locally from the timer's facts and the host's clock, every 100 ms while it runs.
 * `data-timer-state` is normal, warning (last 30 s) or overtime (then "+m:ss", counting up).
 */
export function TimerClock({ timer, idleMs, offsetMs, className, label }: Props) {
  const running = timer !== null && timer.runningSince !== null;
  useTicking(running);
  const remaining = timer ? remainingAt(timer, Date.now() + offsetMs) : idleMs;
  return (
    <p
      className={className}
      role="timer"
      aria-label={label}
      data-timer-state={timerState(remaining)}
      data-timer-running={running ? 'true' : 'false'}
      data-remaining-ms={Math.round(remaining)}
    >
      {formatClock(remaining)}
    </p>
  );
}
