import type { SessionState } from '../../state.js';
import { countedSpeakers, speakerLabel, type AgendaItemState, type AgendaState, type SpeakerState, type SpeakerStatus } from './fold.js';
import type { TimerFacts } from './timer.js';

/** An agenda item as every screen sees it. */
export interface BoardAgendaItem {
  id: string;
  title: string;
  description: string;
  speakingMs: number;
  publicComment: boolean;
  /** Public comment on, sign-up open and room left: a phone may ask to speak. */
  signupOpen: boolean;
  /** Sign-up is open but the item's maximum of speakers is reached (phones say "list full", not "closed"). */
  listFull?: boolean;
}

/** A speaker as the room sees them: the name only if they gave one, never a device. */
export interface BoardSpeaker {
  id: string;
  itemId: string;
  number: number;
  /** The name they gave, or empty (screens then say "Speaker N" in their own language). */
  name: string;
  /** Their name, or "Speaker N" in English (the record's label). */
  label: string;
  subject: string;
  interpreter: boolean;
  /** Their time (doubled for an interpreter). */
  allowedMs: number;
}

/**
 * The board's agenda; null when the session has no agenda (the board then reads as before). It changes
 * rarely (items edited, the current item), so it is its own board key, apart from `BoardSpeaking`.
 */
export interface BoardAgenda {
  items: BoardAgendaItem[];
  current: string | null;
}

/**
 * Who has the floor, the next three in line on the current item, and the timer's facts; null when there
 * is nothing to show. A sign-up changes the board only when it enters the next three.
 */
export interface BoardSpeaking {
  floor: BoardSpeaker | null;
  next: BoardSpeaker[];
  timer: TimerFacts | null;
}

export interface DeskSpeaker extends BoardSpeaker {
  status: SpeakerStatus;
  /** "Phone 3", or "Walk-in" for a speaker the facilitator added. */
  device: string;
  usedMs: number | null;
  extendedMs: number;
}

export interface DeskAgendaItem extends BoardAgendaItem {
  waiting: number;
  maxSpeakers: number | null;
  /** Set by the facilitator: sign-up open (whether or not comment is on). */
  signupSwitch: boolean;
  /** Waiting, in the order they will be called. */
  queue: DeskSpeaker[];
  /** Called already (on the floor, done, absent), in the order called. */
  spoken: DeskSpeaker[];
  startedAt: number | null;
  endedAt: number | null;
}

export interface DeskAgenda extends BoardSpeaking {
  items: DeskAgendaItem[];
  current: string | null;
  floor: DeskSpeaker | null;
  /** The item each question is filed under. */
  questionItems: Record<string, string>;
}

/** One phone's own sign-up on an item (its room only). */
export interface MySpeaking {
  itemId: string;
  speakerId: string;
  requestId: string;
  status: SpeakerStatus;
  /** 1-based place among those waiting, while waiting. */
  place: number | null;
  allowedMs: number;
  usedMs: number | null;
}

const NEXT_SHOWN = 3;

function boardItem(agenda: AgendaState, item: AgendaItemState): BoardAgendaItem {
  const room = countedSpeakers(agenda, item) < (item.maxSpeakers ?? Infinity);
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    speakingMs: item.speakingMs,
    publicComment: item.publicComment,
    signupOpen: item.publicComment && item.signupOpen && room,
    ...(item.publicComment && item.signupOpen && !room ? { listFull: true } : {}),
  };
}

export function boardSpeaker(s: SpeakerState): BoardSpeaker {
  return {
    id: s.id,
    itemId: s.itemId,
    number: s.number,
    name: s.name,
    label: speakerLabel(s),
    subject: s.subject,
    interpreter: s.interpreter,
    allowedMs: s.allowedMs,
  };
}

const items = (agenda: AgendaState): AgendaItemState[] =>
  agenda.order.map((id) => agenda.items.get(id)).filter((i): i is AgendaItemState => i !== undefined);

const speakersOf = (agenda: AgendaState, ids: readonly string[]): SpeakerState[] =>
  ids.map((id) => agenda.speakers.get(id)).filter((s): s is SpeakerState => s !== undefined);

export function boardAgenda(state: SessionState | null): BoardAgenda | null {
  const agenda = state?.agenda;
  if (!agenda || agenda.order.length === 0) return null;
  return { items: items(agenda).map((i) => boardItem(agenda, i)), current: agenda.current };
}

export function boardSpeaking(state: SessionState | null): BoardSpeaking | null {
  const agenda = state?.agenda;
  if (!agenda) return null;
  const floor = agenda.floor ? agenda.speakers.get(agenda.floor) : undefined;
  const current = agenda.current ? agenda.items.get(agenda.current) : undefined;
  const next = current ? speakersOf(agenda, current.queue.slice(0, NEXT_SHOWN)).map(boardSpeaker) : [];
  if (!floor && !agenda.timer && next.length === 0) return null;
  return { floor: floor ? boardSpeaker(floor) : null, next, timer: agenda.timer ? { ...agenda.timer } : null };
}

export function deskAgenda(state: SessionState | null, deviceLabel: (deviceId: string) => string): DeskAgenda | null {
  if (!state || (state.agenda.order.length === 0 && !state.agenda.timer)) return null;
  const agenda = state.agenda;
  const speaking = boardSpeaking(state);
  const desk = (s: SpeakerState): DeskSpeaker => ({
    ...boardSpeaker(s),
    name: s.name,
    status: s.status,
    device: s.deviceId ? deviceLabel(s.deviceId) : 'Walk-in',
    usedMs: s.usedMs,
    extendedMs: s.extendedMs,
  });
  const floor = agenda.floor ? agenda.speakers.get(agenda.floor) : undefined;
  return {
    current: agenda.current,
    next: speaking?.next ?? [],
    timer: speaking?.timer ?? null,
    floor: floor ? desk(floor) : null,
    items: items(agenda).map((item) => ({
      ...boardItem(agenda, item),
      waiting: item.queue.length,
      maxSpeakers: item.maxSpeakers,
      signupSwitch: item.signupOpen,
      queue: speakersOf(agenda, item.queue).map(desk),
      spoken: speakersOf(agenda, item.speakers)
        .filter((s) => s.calledAt !== null)
        .sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0))
        .map(desk),
      startedAt: item.startedAt,
      endedAt: item.endedAt,
    })),
    questionItems: Object.fromEntries(agenda.questionItems),
  };
}

/** A phone's sign-ups (withdrawn ones included, so the phone can tell them apart from pending ones). */
export function mySpeaking(agenda: AgendaState, deviceId: string): MySpeaking[] {
  return mySpeakingOf(agenda, new Set([deviceId])).get(deviceId) ?? [];
}

/** The sign-ups of several phones in one pass over the speakers (a queue change moves everybody behind). */
export function mySpeakingOf(agenda: AgendaState, devices: ReadonlySet<string>): Map<string, MySpeaking[]> {
  const out = new Map<string, MySpeaking[]>();
  const places = new Map<string, number>();
  const indexed = new Set<string>();
  for (const s of agenda.speakers.values()) {
    if (s.deviceId === null || s.requestId === null || !devices.has(s.deviceId)) continue;
    let place: number | null = null;
    if (s.status === 'waiting') {
      if (!indexed.has(s.itemId)) {
        indexed.add(s.itemId);
        agenda.items.get(s.itemId)?.queue.forEach((id, i) => places.set(id, i + 1));
      }
      place = places.get(s.id) ?? null;
    }
    const list = out.get(s.deviceId) ?? [];
    list.push({ itemId: s.itemId, speakerId: s.id, requestId: s.requestId, status: s.status, place, allowedMs: s.allowedMs, usedMs: s.usedMs });
    out.set(s.deviceId, list);
  }
  return out;
}
