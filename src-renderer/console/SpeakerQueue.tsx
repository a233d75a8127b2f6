import { useState, type FormEvent } from 'react';
import { formatDuration } from '../../src-shared/features/agenda/timer';
import type { DeskAgenda, DeskAgendaItem, DeskSpeaker } from '../../src-shared/features/agenda/views';
import { LIMITS } from '../../src-shared/limits';
import { TimerClock } from '../ui/agenda/TimerClock';
import { readChime, writeChime } from '../ui/agenda/chime-setting';
import { AGENDA_SHORTCUTS, keyName } from './agenda-shortcuts';
import { control, run } from './control';
import { useConsoleUi } from './ui-store';
import { t } from '../ui/i18n';
import { useReorder } from './use-reorder';
import { speakerName } from '../ui/agenda/labels';

const speakerStatus = (status: DeskSpeaker['status']): string => t(`console.sp_${status}`);

function who(s: DeskSpeaker): string {
  return [s.subject, s.interpreter ? t('console.interpreterDouble') : '', s.device].filter(Boolean).join(' · ');
}

/** The speaker on the floor, their timer and its controls, and a general timer. */
function Floor({ agenda }: { agenda: DeskAgenda }) {
  const floor = agenda.floor;
  const timer = agenda.timer;
  const [seconds, setSeconds] = useState('5:00');
  const running = timer !== null && timer.runningSince !== null;
  const startGeneral = (e: FormEvent) => {
    e.preventDefault();
    const m = /^(\d{1,3})(?::([0-5]\d))?$/.exec(seconds.trim());
    if (!m) {
      useConsoleUi.getState().setError(t('console.generalTimerFormat'));
      return;
    }
    void run(() => control.timer({ action: 'start', seconds: Number(m[1]) * 60 + Number(m[2] ?? 0) }));
  };
  return (
    <div className="floor-box" aria-label={t('console.onTheFloor')}>
      {floor ? (
        <div className="qmain">
          <p className="qtext">
            <strong className="user-text">{speakerName(floor)}</strong> {t('console.hasTheFloor')}
          </p>
          <p className="qmeta user-text">{who(floor)}</p>
        </div>
      ) : (
        <p className="muted">{timer ? t('console.generalTimer') : t('console.nobodyFloor')}</p>
      )}
      {floor || timer ? (
        <TimerClock className="console-clock" timer={timer} idleMs={floor?.allowedMs ?? 0} offsetMs={0} label={t('console.timeLeft')} />
      ) : null}
      <div className="qactions">
        {floor || timer ? (
          <>
            <button type="button" className="primary" onClick={() => void run(() => control.timer({ action: 'toggle' }))}>
              {!timer ? t('console.startTimer') : running ? t('console.pause') : t('console.resume')} <kbd>{keyName('space')}</kbd>
            </button>
            <button type="button" disabled={!timer} onClick={() => void run(() => control.timer({ action: 'extend' }))}>
              {t('console.plus30')} <kbd>+</kbd>
            </button>
            <button type="button" disabled={!timer} onClick={() => void run(() => control.timer({ action: 'reset' }))}>
              {t('console.reset')}
            </button>
            <button type="button" disabled={!timer} onClick={() => void run(() => control.timer({ action: 'stop' }))}>
              {t('console.stopTimer')}
            </button>
          </>
        ) : null}
        {floor ? (
          <>
            <button type="button" onClick={() => void run(() => control.endSpeaker({ speakerId: floor.id, as: 'done' }))}>
              {t('console.done')}
            </button>
            <button type="button" onClick={() => void run(() => control.endSpeaker({ speakerId: floor.id, as: 'absent' }))}>
              {t('console.absent')}
            </button>
          </>
        ) : null}
      </div>
      <ChimeSetting />
      {!floor ? (
        <form className="inline-form" onSubmit={startGeneral}>
          <label>
            {t('console.generalTimerField')}
            <input value={seconds} onChange={(e) => setSeconds(e.target.value)} size={6} />
          </label>
          <button type="submit">{t('console.startGeneral')}</button>
        </form>
      ) : null}
    </div>
  );
}

/** The projector's chime at 0 (off by default), shared with the projector page of this laptop. */
function ChimeSetting() {
  const [on, setOn] = useState(readChime);
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={on}
        onChange={(e) => {
          writeChime(e.target.checked);
          setOn(e.target.checked);
        }}
      />{' '}
      {t('console.chime')}
    </label>
  );
}

function WalkIn({ item }: { item: DeskAgendaItem }) {
  const [name, setName] = useState('');
  const [subject, setSubject] = useState('');
  const [interpreter, setInterpreter] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => control.addSpeaker({ itemId: item.id, name, subject, interpreter }));
    if (r.ok) {
      setName('');
      setSubject('');
      setInterpreter(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={t('console.addWalkIn')}>
      <label>
        {t('console.walkInName')}
        <input value={name} maxLength={LIMITS.nameMax} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('console.subject')}
        <input value={subject} maxLength={LIMITS.speakerSubjectMax} onChange={(e) => setSubject(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={interpreter} onChange={(e) => setInterpreter(e.target.checked)} /> {t('console.interpreter')}
      </label>
      <button type="submit">{t('console.addWalkInButton')}</button>
    </form>
  );
}

/** One item's speakers: who waits (reorder by drag or buttons), call, absent, remove; sign-up; walk-ins. */
export function SpeakerQueue({ agenda }: { agenda: DeskAgenda }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const item = agenda.items.find((i) => i.id === chosen) ?? agenda.items.find((i) => i.id === agenda.current) ?? agenda.items[0];
  const move = (speakerId: string, index: number) => void run(() => control.moveSpeaker({ speakerId, index: Math.max(0, index) }));
  const reorder = useReorder(move);
  return (
    <section className="panel speakers-panel" aria-labelledby="speakers-heading">
      <h2 id="speakers-heading">{t('console.speakers')}</h2>
      <Floor agenda={agenda} />
      {item ? (
        <>
          <QueueHead agenda={agenda} item={item} choose={setChosen} />
          <h3 id="queue-list-heading">
            {t('console.waiting')} <span className="count">({item.queue.length})</span>
          </h3>
          {item.queue.length === 0 ? <p className="muted">{t('console.nobodyWaiting')}</p> : null}
          <ol className="qlist speaker-queue" aria-labelledby="queue-list-heading">
            {item.queue.map((s, i) => (
              <QueueRow key={s.id} s={s} i={i} last={item.queue.length - 1} move={move} reorder={reorder} />
            ))}
          </ol>
          <WalkIn item={item} />
          <SpokenList item={item} />
        </>
      ) : null}
      <p className="muted shortcut-hint">
        {AGENDA_SHORTCUTS.map(([k, what]) => (
          <span key={k}>
            <kbd>{keyName(k)}</kbd> {t(`console.sc_${what}`)}{' '}
          </span>
        ))}
      </p>
    </section>
  );
}

/** The item chooser, sign-up and "call next". */
function QueueHead({ agenda, item, choose }: { agenda: DeskAgenda; item: DeskAgendaItem; choose: (id: string) => void }) {
  return (
    <div className="speakers-head">
      <label>
        {t('console.item')}{' '}
        <select value={item.id} onChange={(e) => choose(e.target.value)}>
          {agenda.items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
              {i.id === agenda.current ? t('console.currentSuffix') : ''}
            </option>
          ))}
        </select>
      </label>
      {item.publicComment ? (
        <button type="button" onClick={() => void run(() => control.setSignup({ itemId: item.id, open: !item.signupSwitch }))}>
          {item.signupSwitch ? t('console.closeSignup') : t('console.reopenSignup')}
        </button>
      ) : (
        <span className="muted">{t('console.noPublicCommentItem')}</span>
      )}
      {item.id === agenda.current ? (
        <button type="button" className="primary" disabled={item.queue.length === 0} onClick={() => void run(() => control.callSpeaker({}))}>
          {t('console.callNext')} <kbd>n</kbd>
        </button>
      ) : null}
    </div>
  );
}

/** One speaker waiting: call, move, absent, remove (rows also reorder by drag and keyboard). */
function QueueRow({ s, i, last, move, reorder }: { s: DeskSpeaker; i: number; last: number; move: (speakerId: string, index: number) => void; reorder: ReturnType<typeof useReorder> }) {
  return (
    <li
      className="qrow"
      tabIndex={0}
      onKeyDown={(e) => reorder.onRowKey(e, i, s.id)}
      draggable
      onDragStart={() => reorder.onDragStart(s.id)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => reorder.onDrop(e, i)}
      aria-label={speakerName(s)}
      data-speaker-id={s.id}
    >
      <div className="qmain">
        <p className="qtext">
          {i + 1}. <span className="user-text">{speakerName(s)}</span>
        </p>
        <p className="qmeta user-text">{who(s)}</p>
      </div>
      <div className="qactions">
        <button type="button" aria-label={t('console.callLabel', { name: speakerName(s) })} onClick={() => void run(() => control.callSpeaker({ speakerId: s.id }))}>
          {t('console.call')}
        </button>
        <button type="button" aria-label={t('console.moveUp', { name: speakerName(s) })} disabled={i === 0} onClick={() => move(s.id, i - 1)}>
          ↑
        </button>
        <button type="button" aria-label={t('console.moveDown', { name: speakerName(s) })} disabled={i === last} onClick={() => move(s.id, i + 1)}>
          ↓
        </button>
        <button type="button" aria-label={t('console.markAbsent', { name: speakerName(s) })} onClick={() => void run(() => control.endSpeaker({ speakerId: s.id, as: 'absent' }))}>
          {t('console.absent')}
        </button>
        <button type="button" className="danger" aria-label={t('console.removeLabel', { name: speakerName(s) })} onClick={() => void run(() => control.endSpeaker({ speakerId: s.id, as: 'removed' }))}>
          {t('console.remove')}
        </button>
      </div>
    </li>
  );
}

/** Who was called on the item, with time used. */
function SpokenList({ item }: { item: DeskAgendaItem }) {
  if (item.spoken.length === 0) return null;
  return (
  <>
    <h3 id="spoken-heading">{t('console.called')}</h3>
    <ol className="spoken-list" aria-labelledby="spoken-heading">
      {item.spoken.map((s) => (
        <li key={s.id}>
          <span className="user-text">{speakerName(s)}</span> — {speakerStatus(s.status)}
          {s.usedMs !== null ? t('console.usedOf', { used: formatDuration(s.usedMs), allowed: formatDuration(s.allowedMs + s.extendedMs) }) : ''}
        </li>
      ))}
    </ol>
  </>
  );
}
