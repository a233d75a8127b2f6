import type { SessionState } from '../../state.js';
import { speakerLabel, type SpeakerState } from './fold.js';
import { elapsedAt, type TimerFacts } from './timer.js';

/**
 * The agenda part of the minutes (an optional section of the model: a session without an agenda has
 * none, and its minutes read as before). A pure function of the folded log.
 *
 * Definitions:
 * - A speaker is listed under their item when they were called: in the order called, with what
 *   happened (spoke, absent, still speaking when the minutes were made). Sign-ups that were withdrawn,
 *   removed or never called are counted, not listed.
 * - Time used is the time their timer ran (null when it never ran; for a speaker still speaking, up to
 *   when the minutes are made); time allowed is their time when
 *   called (the item's time, doubled with an interpreter) plus extensions.
 * - `speakers` counts speakers who spoke (not absent); `devicesSpoke` the phones among them, and
 *   `shareSpoke` that over devices joined. Walk-ins have no phone and are counted apart.
 * - Used vs allowed sums over speakers who spoke and whose timer ran.
 * - Written comments (issue 19) are listed under their item in the order written, with the name given
 *   (empty: anonymous) and when the host received them. Never a device.
 */
export type SpeakerOutcome = 'spoke' | 'absent' | 'speaking';

export interface MinutesSpeaker {
  /** 1-based, in the order called on the item. */
  order: number;
  /** Name, or "Speaker N" when no name was given (nobody has to give one). */
  label: string;
  name: string;
  /** "Speaker N" when no name was given: N is this. */
  number: number;
  subject: string;
  interpreter: boolean;
  walkIn: boolean;
  outcome: SpeakerOutcome;
  calledAt: number;
  usedMs: number | null;
  allowedMs: number;
  extendedMs: number;
}

export interface MinutesAgendaItem {
  number: number;
  id: string;
  title: string;
  description: string;
  publicComment: boolean;
  speakingMs: number;
  startedAt: number | null;
  endedAt: number | null;
  /** Numbers (in the minutes' question list) of the questions filed under this item. */
  questionNumbers: number[];
  speakers: MinutesSpeaker[];
  /** Sign-ups that counted (not withdrawn or removed), phones and walk-ins. */
  signedUp: number;
  withdrawn: number;
  notCalled: number;
  /** Distinct phones whose speaker spoke on the item. */
  devicesSpoke: number;
  usedMs: number;
  allowedMs: number;
  /** Written comments on the item, in the order written (empty when none). */
  comments: MinutesComment[];
}

export interface MinutesComment {
  text: string;
  /** Empty when the resident gave no name. */
  name: string;
  at: number;
}

export interface MinutesAgenda {
  items: MinutesAgendaItem[];
  /** Listed questions filed under no item (asked before any item was current). */
  unfiledQuestionNumbers: number[];
  speakers: number;
  walkIns: number;
  interpreter: number;
  devicesSpoke: number;
  /** Devices that spoke over devices joined, 0..1. */
  shareSpoke: number;
  usedMs: number;
  allowedMs: number;
}

function toSpeaker(s: SpeakerState, order: number, usedMs: number | null): MinutesSpeaker {
  return {
    order,
    label: speakerLabel(s),
    name: s.name,
    number: s.number,
    subject: s.subject,
    interpreter: s.interpreter,
    walkIn: s.deviceId === null,
    outcome: s.status === 'absent' ? 'absent' : s.status === 'floor' ? 'speaking' : 'spoke',
    calledAt: s.calledAt ?? 0,
    usedMs,
    allowedMs: s.allowedMs + s.extendedMs,
    extendedMs: s.extendedMs,
  };
}

/** The agenda section, or undefined when the session has no agenda. `numberOf` maps listed question ids. */
export function buildAgendaMinutes(state: SessionState, numberOf: ReadonlyMap<string, number>, now: number): MinutesAgenda | undefined {
  const agenda = state.agenda;
  const used = (s: SpeakerState): number | null => usedSoFar(s, agenda.timer, now);
  if (agenda.order.length === 0) return undefined;
  const filed = new Map<string, number[]>();
  const unfiled: number[] = [];
  for (const [qid, n] of numberOf) {
    const item = agenda.questionItems.get(qid);
    if (item && agenda.items.has(item)) filed.set(item, [...(filed.get(item) ?? []), n]);
    else unfiled.push(n);
  }
  const allDevices = new Set<string>();
  const totals = { speakers: 0, walkIns: 0, interpreter: 0, usedMs: 0, allowedMs: 0 };
  const items = agenda.order.map((id, i): MinutesAgendaItem => {
    const item = agenda.items.get(id)!;
    const all = item.speakers.map((sid) => agenda.speakers.get(sid)).filter((s): s is SpeakerState => s !== undefined);
    const called = all.filter((s) => s.calledAt !== null).sort((a, b) => (a.calledAt as number) - (b.calledAt as number));
    const speakers = called.map((s, k) => toSpeaker(s, k + 1, used(s)));
    const devices = new Set<string>();
    let usedMs = 0;
    let allowedMs = 0;
    for (const s of called) {
      if (s.status === 'absent') continue;
      totals.speakers++;
      if (s.deviceId) {
        devices.add(s.deviceId);
        allDevices.add(s.deviceId);
      } else totals.walkIns++;
      if (s.interpreter) totals.interpreter++;
      const u = used(s);
      if (u !== null) {
        usedMs += u;
        allowedMs += s.allowedMs + s.extendedMs;
      }
    }
    totals.usedMs += usedMs;
    totals.allowedMs += allowedMs;
    const counted = all.filter((s) => s.status !== 'withdrawn' && s.status !== 'removed');
    return {
      number: i + 1,
      id,
      title: item.title,
      description: item.description,
      publicComment: item.publicComment,
      speakingMs: item.speakingMs,
      startedAt: item.startedAt,
      endedAt: item.endedAt,
      questionNumbers: (filed.get(id) ?? []).sort((a, b) => a - b),
      speakers,
      signedUp: counted.length,
      withdrawn: all.filter((s) => s.status === 'withdrawn').length,
      notCalled: counted.filter((s) => s.calledAt === null).length,
      devicesSpoke: devices.size,
      usedMs,
      allowedMs,
      comments: commentsOn(state, id),
    };
  });
  const joined = state.devices.size;
  return {
    items,
    unfiledQuestionNumbers: unfiled.sort((a, b) => a - b),
    ...totals,
    devicesSpoke: allDevices.size,
    shareSpoke: joined === 0 ? 0 : Math.min(1, allDevices.size / joined),
  };
}

const commentsOn = (state: SessionState, itemId: string): MinutesComment[] =>
  (state.comments.byItem.get(itemId) ?? []).filter((c) => !c.muted).map((c) => ({ text: c.text, name: c.name, at: c.at }));

/** Time run on a speaker's timer, counting a timer still running up to `now`. */
function usedSoFar(s: SpeakerState, timer: TimerFacts | null, now: number): number | null {
  if (!timer || timer.speakerId !== s.id) return s.usedMs;
  return (s.usedMs ?? 0) + Math.max(0, elapsedAt(timer, Math.max(now, timer.runningSince ?? now)));
}
