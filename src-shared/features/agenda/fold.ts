import type { AgendaEventBody } from './events.js';
import { elapsedAt, type TimerFacts } from './timer.js';

export type SpeakerStatus = 'waiting' | 'floor' | 'done' | 'absent' | 'withdrawn' | 'removed';

export interface SpeakerState {
  id: string;
  itemId: string;
  /**
   * 1-based, in the order they signed up on the item, not counting those who withdrew or were removed
   * before being called ("Speaker 3" when no name was given; see `numberSpeakers`).
   */
  number: number;
  /** The phone that signed up, or null for a walk-in added by the facilitator. */
  deviceId: string | null;
  requestId: string | null;
  name: string;
  subject: string;
  interpreter: boolean;
  status: SpeakerStatus;
  signedUpAt: number;
  calledAt: number | null;
  endedAt: number | null;
  /** The time given when called (the item's time, doubled for an interpreter). */
  allowedMs: number;
  /** Extensions (+30 s) given while they spoke. */
  extendedMs: number;
  /** Time run on their timer (null if it never ran). */
  usedMs: number | null;
}

export interface AgendaItemState {
  id: string;
  title: string;
  description: string;
  speakingMs: number;
  publicComment: boolean;
  maxSpeakers: number | null;
  signupOpen: boolean;
  /** Waiting speakers, in the order they will be called. */
  queue: string[];
  /** Every speaker of the item, in sign-up order. */
  speakers: string[];
  /** First time it became the current item, and the last time it stopped being it. */
  startedAt: number | null;
  endedAt: number | null;
}

export interface AgendaState {
  items: Map<string, AgendaItemState>;
  /** Item ids in agenda order (removed items leave it). */
  order: string[];
  current: string | null;
  speakers: Map<string, SpeakerState>;
  /** The speaker who has the floor. */
  floor: string | null;
  timer: TimerFacts | null;
  /** The item each question is filed under (the current item when it was asked, or moved since). */
  questionItems: Map<string, string>;
}

export function emptyAgenda(): AgendaState {
  return { items: new Map(), order: [], current: null, speakers: new Map(), floor: null, timer: null, questionItems: new Map() };
}

/** Is this an event of the agenda slice? (Also `question.asked`, which is filed under the current item.) */
export const isAgendaEvent = (body: { type: string }): body is AgendaEventBody =>
  /^(agenda|speaker|signup|timer)\./.test(body.type);

/** The phone's one sign-up on an item that counts (withdrawn and removed ones do not). */
export function signUpOf(agenda: AgendaState, itemId: string, deviceId: string): SpeakerState | undefined {
  const item = agenda.items.get(itemId);
  if (!item) return undefined;
  for (const id of item.speakers) {
    const s = agenda.speakers.get(id);
    if (s && s.deviceId === deviceId && s.status !== 'withdrawn' && s.status !== 'removed') return s;
  }
  return undefined;
}

/**
 * Numbers the item's speakers as the room sees them: in sign-up order, skipping those who left the line
 * before being called (they keep their old number, unseen). A speaker who was called keeps the number
 * the room saw; only those still waiting move up. Numbers stay unique: they grow along sign-up order.
 */
function numberSpeakers(agenda: AgendaState, item: AgendaItemState): void {
  let n = 0;
  for (const id of item.speakers) {
    const s = agenda.speakers.get(id);
    if (!s) continue;
    if (s.status === 'waiting') s.number = ++n;
    else if (s.calledAt !== null || (s.status !== 'withdrawn' && s.status !== 'removed')) n = Math.max(n, s.number);
  }
}

/** Speakers that count toward an item's maximum (everyone but the withdrawn and removed). */
export function countedSpeakers(agenda: AgendaState, item: AgendaItemState): number {
  let n = 0;
  for (const id of item.speakers) {
    const s = agenda.speakers.get(id);
    if (s && s.status !== 'withdrawn' && s.status !== 'removed') n++;
  }
  return n;
}

/**
 * Applies one agenda event, in place. `question.asked` is handled too (filed under the current item).
 * Events were validated by the decide functions when accepted; applying is total.
 */
export function applyAgendaEvent(agenda: AgendaState, body: { type: string }, at: number): void {
  if (body.type === 'question.asked') {
    const q = body as unknown as { questionId: string };
    if (agenda.current) agenda.questionItems.set(q.questionId, agenda.current);
    return;
  }
  if (body.type === 'session.closed') {
    // The meeting ended: a running timer stops (its time counts), the speaker on the floor is done and
    // the current item ends.
    finishTimer(agenda, at);
    if (agenda.floor) withSpeaker(agenda, agenda.floor, (s) => ((s.status = 'done'), (s.endedAt = at)));
    agenda.floor = null;
    if (agenda.current) withItem(agenda, agenda.current, (item) => (item.endedAt = at));
    return;
  }
  if (!isAgendaEvent(body)) return;
  applyItemEvent(agenda, body, at);
  applySpeakerEvent(agenda, body, at);
  applyTimerEvent(agenda, body, at);
}

/** Items: added, edited, moved, removed, made current; questions filed under them. */
function applyItemEvent(agenda: AgendaState, body: AgendaEventBody, at: number): void {
  switch (body.type) {
    case 'agenda.itemAdded':
      agenda.items.set(body.itemId, {
        id: body.itemId,
        title: body.title,
        description: body.description,
        speakingMs: body.speakingMs,
        publicComment: body.publicComment,
        maxSpeakers: body.maxSpeakers,
        signupOpen: true,
        queue: [],
        speakers: [],
        startedAt: null,
        endedAt: null,
      });
      agenda.order.push(body.itemId);
      return;
    case 'agenda.itemEdited':
      withItem(agenda, body.itemId, (item) => {
        item.title = body.title;
        item.description = body.description;
        item.speakingMs = body.speakingMs;
        item.publicComment = body.publicComment;
        item.maxSpeakers = body.maxSpeakers;
      });
      return;
    case 'agenda.itemMoved': {
      const from = agenda.order.indexOf(body.itemId);
      if (from < 0) return;
      agenda.order.splice(from, 1);
      agenda.order.splice(clampIndex(body.index, agenda.order.length), 0, body.itemId);
      return;
    }
    case 'agenda.itemRemoved': {
      agenda.order = agenda.order.filter((id) => id !== body.itemId);
      withItem(agenda, body.itemId, (item) => {
        for (const id of item.queue) withSpeaker(agenda, id, (s) => ((s.status = 'removed'), (s.endedAt = at)));
        item.queue = [];
      });
      agenda.items.delete(body.itemId);
      if (agenda.current === body.itemId) agenda.current = null;
      for (const [q, item] of agenda.questionItems) if (item === body.itemId) agenda.questionItems.delete(q);
      return;
    }
    case 'agenda.currentSet': {
      if (agenda.current === body.itemId) return;
      if (agenda.current) withItem(agenda, agenda.current, (item) => (item.endedAt = at));
      agenda.current = body.itemId;
      if (body.itemId)
        withItem(agenda, body.itemId, (item) => {
          item.startedAt ??= at;
          item.endedAt = null;
        });
      return;
    }
    case 'agenda.questionMoved':
      if (body.itemId) agenda.questionItems.set(body.questionId, body.itemId);
      else agenda.questionItems.delete(body.questionId);
      return;
  }
}

/** Speakers: signed up or added, moved, called, ended; sign-up closed or reopened. */
function applySpeakerEvent(agenda: AgendaState, body: AgendaEventBody, at: number): void {
  switch (body.type) {
    case 'speaker.signedUp':
    case 'speaker.added':
      withItem(agenda, body.itemId, (item) => {
        agenda.speakers.set(body.speakerId, {
          id: body.speakerId,
          itemId: item.id,
          number: 0,
          deviceId: body.type === 'speaker.signedUp' ? body.deviceId : null,
          requestId: body.type === 'speaker.signedUp' ? body.requestId : null,
          name: body.name,
          subject: body.subject,
          interpreter: body.interpreter,
          status: 'waiting',
          signedUpAt: at,
          calledAt: null,
          endedAt: null,
          allowedMs: item.speakingMs * (body.interpreter ? 2 : 1),
          extendedMs: 0,
          usedMs: null,
        });
        item.speakers.push(body.speakerId);
        item.queue.push(body.speakerId);
        numberSpeakers(agenda, item);
      });
      return;
    case 'speaker.moved':
      withSpeaker(agenda, body.speakerId, (s) => {
        const item = agenda.items.get(s.itemId);
        if (!item) return;
        const from = item.queue.indexOf(s.id);
        if (from < 0) return;
        item.queue.splice(from, 1);
        item.queue.splice(clampIndex(body.index, item.queue.length), 0, s.id);
      });
      return;
    case 'speaker.called':
      withSpeaker(agenda, body.speakerId, (s) => {
        leaveQueue(agenda, s);
        s.status = 'floor';
        s.calledAt = at;
        const item = agenda.items.get(s.itemId);
        if (item) s.allowedMs = item.speakingMs * (s.interpreter ? 2 : 1);
        agenda.floor = s.id;
      });
      return;
    case 'speaker.withdrew':
    case 'speaker.removed':
    case 'speaker.absent':
    case 'speaker.done':
      withSpeaker(agenda, body.speakerId, (s) => {
        leaveQueue(agenda, s);
        if (agenda.floor === s.id) {
          finishTimer(agenda, at);
          agenda.floor = null;
        }
        s.status = STATUS_AFTER[body.type];
        s.endedAt = at;
        const item = agenda.items.get(s.itemId);
        if (item && s.calledAt === null) numberSpeakers(agenda, item);
      });
      return;
    case 'signup.closed':
    case 'signup.reopened':
      withItem(agenda, body.itemId, (item) => (item.signupOpen = body.type === 'signup.reopened'));
      return;
  }
}

/** The timer, as facts: started, paused, resumed, extended, stopped, reset. */
function applyTimerEvent(agenda: AgendaState, body: AgendaEventBody, at: number): void {
  switch (body.type) {
    case 'timer.started':
      finishTimer(agenda, at);
      agenda.timer = { speakerId: body.speakerId, baseMs: body.allowedMs, allowedMs: body.allowedMs, remainingMs: body.allowedMs, runningSince: at };
      return;
    case 'timer.paused': {
      const t = agenda.timer;
      if (t && t.runningSince !== null) {
        t.remainingMs -= Math.max(0, at - t.runningSince);
        t.runningSince = null;
      }
      return;
    }
    case 'timer.resumed':
      if (agenda.timer && agenda.timer.runningSince === null) agenda.timer.runningSince = at;
      return;
    case 'timer.extended': {
      const t = agenda.timer;
      if (!t) return;
      t.allowedMs += body.ms;
      t.remainingMs += body.ms;
      if (t.speakerId) withSpeaker(agenda, t.speakerId, (s) => (s.extendedMs += body.ms));
      return;
    }
    case 'timer.stopped':
      finishTimer(agenda, at);
      return;
    case 'timer.reset': {
      const t = agenda.timer;
      if (!t) return;
      if (t.speakerId) withSpeaker(agenda, t.speakerId, (s) => (s.extendedMs -= t.allowedMs - t.baseMs));
      agenda.timer = { ...t, allowedMs: t.baseMs, remainingMs: t.baseMs, runningSince: null };
      return;
    }
  }
}

const STATUS_AFTER = {
  'speaker.withdrew': 'withdrawn',
  'speaker.removed': 'removed',
  'speaker.absent': 'absent',
  'speaker.done': 'done',
} as const satisfies Record<string, SpeakerStatus>;

/** Ends the running timer: the time it ran is added to its speaker's time used. */
function finishTimer(agenda: AgendaState, at: number): void {
  const t = agenda.timer;
  if (!t) return;
  if (t.speakerId) {
    const ran = elapsedAt(t, at);
    withSpeaker(agenda, t.speakerId, (s) => (s.usedMs = (s.usedMs ?? 0) + Math.max(0, ran)));
  }
  agenda.timer = null;
}

function leaveQueue(agenda: AgendaState, s: SpeakerState): void {
  const item = agenda.items.get(s.itemId);
  if (item) item.queue = item.queue.filter((id) => id !== s.id);
}

function clampIndex(index: number, length: number): number {
  return Math.max(0, Math.min(length, Math.trunc(index)));
}

function withItem(agenda: AgendaState, id: string, fn: (item: AgendaItemState) => void): void {
  const item = agenda.items.get(id);
  if (item) fn(item);
}

function withSpeaker(agenda: AgendaState, id: string, fn: (s: SpeakerState) => void): void {
  const s = agenda.speakers.get(id);
  if (s) fn(s);
}

/** "Speaker 3" when no name was given: the minutes and screens never invent a name. */
export const speakerLabel = (s: Pick<SpeakerState, 'name' | 'number'>): string => s.name || `Speaker ${s.number}`;
