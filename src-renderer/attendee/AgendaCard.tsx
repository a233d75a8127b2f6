import './agenda.css';
import { nanoid } from 'nanoid';
import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { formatClock, formatDuration, remainingAt, timerState } from '../../src-shared/features/agenda/timer';
import type { BoardAgendaItem, BoardSpeaking } from '../../src-shared/features/agenda/views';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import { LIMITS } from '../../src-shared/limits';
import { charCount } from '../../src-shared/text';
import { speakingTime } from '../ui/agenda/labels';
import { FormEnd } from './FormEnd';
import { t } from '../ui/i18n';
import { useTicking } from '../ui/agenda/use-now';
import { useYView } from '../ui/use-y-view';
import { readPhoneAgenda, type MyItemSpeaking } from './agenda-view';
import { useHostOffset } from './host-clock';
import { ItemComment } from './ItemComment';
import { NowSpeaking } from './NowSpeaking';
import { usePhoneUi } from './ui-store';
import { reasonText } from './reason';

/** The agenda, the current item, and asking to speak on items with public comment open. */
/** Sends a request the way every phone request goes (outbox first, then the room). */
type Send = (request: PhoneRequestDraft) => void;

/** `remote`: joined through the relay; asking to speak is for people in the room (issue 20). */
export function AgendaCard({ doc, boardDoc, remote, send, closed }: { doc: Y.Doc; boardDoc: Y.Doc; remote: boolean; send: Send; closed: boolean }) {
  const { agenda, speaking, byItem } = useYView(doc, readPhoneAgenda, boardDoc);
  const [formFor, setFormFor] = useState<string | null>(null);
  if (!agenda || agenda.items.length === 0) return null;
  return (
    <section aria-labelledby="agenda-heading" className="card agenda-card">
      <h2 id="agenda-heading">{t('phone.agenda')}</h2>
      <NowSpeaking speaking={speaking} mine={[...byItem.values()].some((m) => m.entry?.status === 'floor')} />
      <ol className="agenda-list">
        {agenda.items.map((item) => {
          const mine = byItem.get(item.id) ?? { entry: null, sending: null, refusal: null };
          const current = item.id === agenda.current;
          const free = !closed && !mine.entry && mine.sending === null;
          const canAsk = free && item.signupOpen && !remote;
          return (
            <li key={item.id} className={current ? 'agenda-item current' : 'agenda-item'} aria-current={current ? 'step' : undefined}>
              <p className="agenda-title">
                {current ? <span className="badge now-badge">{t('phone.now')}</span> : null} <span className="user-text">{item.title}</span>
              </p>
              {item.description ? <p className="agenda-desc user-text">{item.description}</p> : null}
              {item.publicComment ? (
                <p className="agenda-meta">
                  {t('phone.publicComment', { time: speakingTime(item.speakingMs) })}
                  {item.listFull ? t('phone.listFull') : !item.signupOpen ? t('phone.signupClosed') : ''}
                </p>
              ) : null}
              <MyStatus send={send} item={item} speaking={speaking} mine={mine} closed={closed} />
              {remote && current && item.publicComment && !closed ? <p className="agenda-meta">{t('phone.speakingInRoom')}</p> : null}
              {canAsk && formFor !== item.id ? (
                <button type="button" className="primary" aria-label={t('phone.askToSpeakOn', { title: item.title })} onClick={() => setFormFor(item.id)}>
                  {t('phone.askToSpeak')}
                </button>
              ) : null}
              {/* A form being filled stays when sign-up closes meanwhile: sending it then gets the reason. */}
              {free && formFor === item.id ? <SpeakForm send={send} item={item} onDone={() => setFormFor(null)} /> : null}
              {current && item.publicComment && !closed ? <ItemComment doc={doc} send={send} item={item} /> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function MyStatus({ send, item, speaking, mine, closed }: { send: Send; item: BoardAgendaItem; speaking: BoardSpeaking | null; mine: MyItemSpeaking; closed: boolean }) {
  const { entry, sending, refusal } = mine;
  const withdraw = () => send({ kind: 'unspeak', id: nanoid(), itemId: item.id });
  let text: string | null = null;
  if (sending === 'speak') text = t('phone.sendingSpeak');
  else if (sending === 'unspeak') text = t('phone.withdrawing');
  else if (entry?.status === 'waiting') text = entry.place === 1 ? t('phone.youreNext') : entry.place ? t('phone.placeInLine', { count: entry.place, ordinal: true }) : t('phone.inLine');
  else if (entry?.status === 'absent') text = t('phone.markedAbsent');
  else if (entry?.status === 'done') text = t('phone.spokeFor', { time: formatDuration(entry.usedMs ?? 0) });
  return (
    <>
      {entry?.status === 'floor' ? (
        <FloorTime speaking={speaking} speakerId={entry.speakerId} allowedMs={entry.allowedMs} />
      ) : text ? (
        <p className="my-speaking" role="status" data-speaking-state={sending ?? entry?.status}>
          {text}
        </p>
      ) : null}
      {refusal && !sending ? (
        <p role="alert" className="alert user-text">
          {reasonText(refusal)}
        </p>
      ) : null}
      {entry?.status === 'waiting' && !sending && !closed ? (
        <button type="button" className="secondary" aria-label={t('phone.withdrawSpeak', { title: item.title })} onClick={withdraw}>
          {t('phone.withdraw')}
        </button>
      ) : null}
    </>
  );
}

/** "You have the floor — 2:41 left", from the board's timer facts and the host's clock. */
function FloorTime({ speaking, speakerId, allowedMs }: { speaking: BoardSpeaking | null; speakerId: string; allowedMs: number }) {
  const offset = useHostOffset();
  const timer = speaking?.timer?.speakerId === speakerId ? speaking.timer : null;
  useTicking(timer !== null && timer.runningSince !== null);
  const left = timer ? remainingAt(timer, Date.now() + offset) : allowedMs;
  const state = timerState(left);
  return (
    <p className="my-speaking floor-time" role="status" data-speaking-state="floor" data-timer-state={state} data-remaining-ms={Math.round(left)}>
      {t('phone.youHaveFloor')} <span role="timer">{formatClock(left)}</span> {left > 0 ? t('phone.timeLeft') : t('phone.timeOver')}
    </p>
  );
}

function SpeakForm({ send, item, onDone }: { send: Send; item: BoardAgendaItem; onDone: () => void }) {
  const savedName = usePhoneUi((s) => s.speakerName);
  const setSavedName = usePhoneUi((s) => s.setSpeakerName);
  const [name, setName] = useState(savedName);
  const [subject, setSubject] = useState('');
  const [interpreter, setInterpreter] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const count = charCount(subject.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (count > LIMITS.speakerSubjectMax) return setError(t('phone.subjectTooLong', { max: LIMITS.speakerSubjectMax }));
    if (charCount(name.trim()) > LIMITS.nameMax) return setError(t('phone.nameTooLong', { max: LIMITS.nameMax }));
    const n = name.trim();
    if (n) setSavedName(n);
    send({
      kind: 'speak',
      id: nanoid(),
      itemId: item.id,
      ...(n ? { name: n } : {}),
      ...(subject.trim() ? { subject: subject.trim() } : {}),
      interpreter,
    });
    onDone();
  };
  const ids = `speak-${item.id}`;
  return (
    <form className="stack speak-form" onSubmit={submit} noValidate aria-label={t('phone.askToSpeakOn', { title: item.title })}>
      <label htmlFor={`${ids}-name`} className="field-label">
        {t('phone.nameOptional')}
      </label>
      <input id={`${ids}-name`} maxLength={LIMITS.nameMax} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('phone.speakerNoName')} autoComplete="name" />
      <label htmlFor={`${ids}-subject`} className="field-label">
        {t('phone.subject')}
      </label>
      <input id={`${ids}-subject`} maxLength={LIMITS.speakerSubjectMax} value={subject} onChange={(e) => setSubject(e.target.value)} aria-describedby={`${ids}-count`} />
      <p id={`${ids}-count`} className={count >= LIMITS.speakerSubjectMax ? 'counter over' : 'counter'}>
        {t('phone.counter', { count, max: LIMITS.speakerSubjectMax })}
      </p>
      <label className="check">
        <input type="checkbox" checked={interpreter} onChange={(e) => setInterpreter(e.target.checked)} /> {t('phone.interpreter')}
      </label>
      <FormEnd error={error} send={t('phone.sendSpeak')} onCancel={onDone} />
    </form>
  );
}
