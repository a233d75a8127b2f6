import type { Actor, EventBody, LoggedEvent } from './events.js';
import {
  applyModerationEvent,
  askedModeration,
  emptySessionModeration,
  mergeTree,
  type Moderation,
  type QuestionModeration,
  type SessionModeration,
} from './features/moderation/fold.js';
import { applyPollEvent, emptyPolls, type PollsState } from './features/polls/fold.js';
import { applyAgendaEvent, emptyAgenda, type AgendaState } from './features/agenda/fold.js';
import { applyPaperCodeEvent, emptyPaperCodes, type PaperCodesState } from './features/paper-codes/fold.js';

export interface QuestionState extends QuestionModeration<QuestionState> {
  id: string;
  seq: number;
  text: string;
  /** Empty when the asker stayed anonymous. */
  name: string;
  deviceId: string;
  /** The phone's request that asked it (so a replayed request finds its question). */
  requestId: string;
  askedAt: number;
  moderation: Moderation;
  answeredAt: number | null;
  /** The written answer, when it was answered in writing rather than live. */
  reply: string | null;
  /** When it was last put on the floor (null if never). */
  floorAt: number | null;
  voters: Set<string>;
}

export type SessionStatus = 'draft' | 'open' | 'closed';

export interface SessionState extends SessionModeration {
  id: string;
  title: string;
  place: string;
  timeZone: string;
  facilitator: string;
  status: SessionStatus;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  premoderation: boolean;
  /** Insertion order is the order asked. */
  questions: Map<string, QuestionState>;
  floor: string | null;
  devices: Set<string>;
  peakConnected: number;
  /** Polls (issue 8), folded by src-shared/features/polls/fold.ts. */
  polls: PollsState;
  /** `${deviceId}/${requestId}` of every request that produced an event. */
  appliedRequests: Set<string>;
  /** Agenda items, speakers and the timer (src-shared/features/agenda/fold.ts). */
  agenda: AgendaState;
  /** Single-use paper codes (src-shared/features/paper-codes/fold.ts). */
  paperCodes: PaperCodesState;
  lastSeq: number;
  lastHash: string;
}

export function emptyState(): SessionState {
  return {
    id: '',
    title: '',
    place: '',
    timeZone: 'UTC',
    facilitator: '',
    status: 'draft',
    createdAt: 0,
    openedAt: null,
    closedAt: null,
    premoderation: true,
    questions: new Map(),
    floor: null,
    devices: new Set(),
    peakConnected: 0,
    polls: emptyPolls(),
    appliedRequests: new Set(),
    agenda: emptyAgenda(),
    paperCodes: emptyPaperCodes(),
    lastSeq: 0,
    lastHash: '',
    ...emptySessionModeration(),
  };
}

/**
 * Applies one event to the state, in place (a session can hold tens of thousands of events, so the
 * fold does not copy). Events in the log were validated when they were accepted; applying is total.
 */
export function applyEvent(state: SessionState, event: Pick<LoggedEvent, 'seq' | 'at' | 'body' | 'hash'> & { actor?: Actor }): SessionState {
  const { at, body } = event;
  applyBody(state, body, at, event.seq);
  applyPollEvent(state.polls, body, at, event.seq);
  applyAgendaEvent(state.agenda, body, at);
  applyPaperCodeEvent(state.paperCodes, body, at);
  if ('requestId' in body) state.appliedRequests.add(`${body.deviceId}/${body.requestId}`);
  state.lastSeq = event.seq;
  state.lastHash = event.hash;
  return state;
}

function applyBody(state: SessionState, body: EventBody, at: number, seq: number): void {
  applySessionEvent(state, body, at);
  applyQuestionEvent(state, body, at, seq);
}

/** The session's own events: created, opened, closed, settings, devices, attendance. */
function applySessionEvent(state: SessionState, body: EventBody, at: number): void {
  switch (body.type) {
    case 'session.created':
      state.id = body.sessionId;
      state.title = body.title;
      state.place = body.place;
      state.timeZone = body.timeZone;
      state.facilitator = body.facilitator ?? '';
      state.createdAt = at;
      return;
    case 'session.opened':
      state.status = 'open';
      state.openedAt ??= at;
      return;
    case 'session.closed':
      state.status = 'closed';
      state.closedAt = at;
      state.floor = null;
      return;
    case 'settings.changed':
      state.premoderation = body.premoderation;
      return;
    case 'device.joined':
      state.devices.add(body.deviceId);
      return;
    case 'attendance.peak':
      state.peakConnected = Math.max(state.peakConnected, body.connected);
      return;
  }
}

/** Questions: asked, moderated, put on the floor, answered, voted on. */
function applyQuestionEvent(state: SessionState, body: EventBody, at: number, seq: number): void {
  switch (body.type) {
    case 'question.asked':
      state.questions.set(body.questionId, {
        id: body.questionId,
        seq,
        text: body.text,
        name: body.name,
        deviceId: body.deviceId,
        requestId: body.requestId,
        askedAt: at,
        moderation: body.muted ? 'hidden' : body.approved ? 'approved' : 'pending',
        answeredAt: null,
        reply: null,
        floorAt: null,
        voters: new Set(),
        ...askedModeration(body, state, body.deviceId),
      });
      return;
    case 'question.approved':
      withQuestion(state, body.questionId, (q) => (q.moderation = 'approved'));
      return;
    case 'question.hidden':
    case 'question.withdrawn':
      withQuestion(state, body.questionId, (q) => {
        q.moderation = body.type === 'question.hidden' ? 'hidden' : 'withdrawn';
        if (state.floor === q.id) state.floor = null;
      });
      return;
    case 'floor.set':
      state.floor = body.questionId;
      if (body.questionId) withQuestion(state, body.questionId, (q) => (q.floorAt = at));
      return;
    case 'question.answered':
      withQuestion(state, body.questionId, (q) => {
        q.answeredAt = at;
        q.reply = body.reply ?? null;
        if (state.floor === q.id) state.floor = null;
      });
      return;
    case 'vote.cast':
      withQuestion(state, body.questionId, (q) => q.voters.add(body.deviceId));
      return;
    case 'vote.withdrawn':
      // A withdrawn vote leaves the question and every question merged into it (votes are united by phone).
      withQuestion(state, body.questionId, (q) => mergeTree(q).forEach((x) => x.voters.delete(body.deviceId)));
      return;
    case 'question.edited':
    case 'question.merged':
    case 'question.unmerged':
    case 'device.muted':
    case 'device.unmuted':
    case 'filter.changed':
      applyModerationEvent(state, body, at);
      return;
  }
}

function withQuestion(state: SessionState, id: string, fn: (q: QuestionState) => void): void {
  const q = state.questions.get(id);
  if (q) fn(q);
}

export function fold(events: Iterable<Pick<LoggedEvent, 'seq' | 'at' | 'body' | 'hash'>>): SessionState {
  const state = emptyState();
  for (const e of events) applyEvent(state, e);
  return state;
}

/** What a phone calls the state of its own question. */
export type QuestionStatus = 'waiting' | 'on-screen' | 'on-floor' | 'answered' | 'hidden' | 'withdrawn' | 'merged';

export function questionStatus(q: QuestionState, floor: string | null): QuestionStatus {
  if (q.moderation === 'hidden') return 'hidden';
  if (q.moderation === 'withdrawn') return 'withdrawn';
  if (q.mergedInto !== null) return 'merged';
  if (q.answeredAt !== null) return 'answered';
  if (q.moderation === 'pending') return 'waiting';
  return floor === q.id ? 'on-floor' : 'on-screen';
}

export const isPublic = (q: QuestionState): boolean => q.moderation === 'approved' && q.mergedInto === null;
