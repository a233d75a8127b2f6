import type { z } from 'zod';
import type { EventBody } from '../../events.js';
import { LIMITS } from '../../limits.js';
import type { SessionState } from '../../state.js';
import type { AgendaCommand, AgendaControlOutputs, agendaControlInputs } from './control.js';
import type { ControlContext, ControlDecision, ControlRules } from '../rules.js';
import type { AgendaItemFields } from './events.js';
import { countedSpeakers, type AgendaItemState, type AgendaState, type SpeakerState } from './fold.js';

/** What a facilitator command decided: events to record (none: nothing to change), and the id it concerns. */
export type AgendaDecision = { ok: true; events: EventBody[]; id: string | null } | { ok: false; error: string };

export const AGENDA_ERRORS = {
  noItem: 'No such agenda item.',
  tooManyItems: `An agenda has at most ${LIMITS.agendaItemsPerSession} items.`,
  itemSpoken: 'Speakers have already been called on this item, so it stays in the record. Close its sign-up instead.',
  itemCurrent: 'This is the current item. Move on to another item (or none) before removing it.',
  noQuestion: 'No such question.',
  noSpeaker: 'No such speaker.',
  full: 'The list of speakers for this item is full.',
  notWaiting: 'This speaker is not waiting in line.',
  nobodyWaiting: 'Nobody is waiting to speak on the current item.',
  noCurrent: 'Set the current item first.',
  onFloorRemove: 'This speaker has the floor: mark them done or absent instead.',
  alreadyEnded: 'This speaker has already finished.',
  noTimer: 'No timer is running. Start one first.',
  nothingToTime: 'Nobody has the floor: call a speaker, or give a number of seconds for a general timer.',
  notRunning: 'The timer is not running.',
  notPaused: 'The timer is not paused.',
} as const;

const DEFAULT_SPEAKING_MS = LIMITS.speakingSecondsDefault * 1000;

const fail = (error: string): AgendaDecision => ({ ok: false, error });
const emit = (id: string | null, ...events: EventBody[]): AgendaDecision => ({ ok: true, events, id });

/** A command's input as its schema parsed it. */
type AgendaInput<K extends AgendaCommand> = z.output<(typeof agendaControlInputs)[K]>;

/** What every rule reads: the session, its agenda, and where new ids come from. */
interface RuleContext {
  state: SessionState;
  agenda: AgendaState;
  newId: () => string;
  item(id: string | null | undefined): AgendaItemState | undefined;
  speaker(id: string | null | undefined): SpeakerState | undefined;
}

type Rule<K extends AgendaCommand> = (ctx: RuleContext, input: AgendaInput<K>) => AgendaDecision;

function agendaContext({ state, newId }: ControlContext): RuleContext {
  const agenda = state.agenda;
  return {
    state,
    agenda,
    newId,
    item: (id) => (id ? agenda.items.get(id) : undefined),
    speaker: (id) => (id ? agenda.speakers.get(id) : undefined),
  };
}

/** A decision answered with the id it concerns, named as the command's output names it. */
const answer =
  <V>(name: (id: string | null) => V) =>
  (d: AgendaDecision): ControlDecision<V> =>
    d.ok ? { ok: true, events: d.events, value: name(d.id) } : d;
const asItem = answer((id) => ({ itemId: id ?? '' }));
const asSpeaker = answer((id) => ({ speakerId: id ?? '' }));

/** The facilitator's agenda, speaker and timer commands as pure rules over the state. */
export const AGENDA_RULES: ControlRules<typeof agendaControlInputs, AgendaControlOutputs> = {
  addItem: (c, i) => asItem(DECIDE.addItem(agendaContext(c), i)),
  editItem: (c, i) => asItem(DECIDE.editItem(agendaContext(c), i)),
  moveItem: (c, i) => asItem(DECIDE.moveItem(agendaContext(c), i)),
  removeItem: (c, i) => asItem(DECIDE.removeItem(agendaContext(c), i)),
  setCurrentItem: (c, i) => answer((itemId) => ({ itemId }))(DECIDE.setCurrentItem(agendaContext(c), i)),
  moveQuestion: (c, i) => answer(() => ({ questionId: i.questionId }))(DECIDE.moveQuestion(agendaContext(c), i)),
  addSpeaker: (c, i) => asSpeaker(DECIDE.addSpeaker(agendaContext(c), i)),
  moveSpeaker: (c, i) => asSpeaker(DECIDE.moveSpeaker(agendaContext(c), i)),
  callSpeaker: (c, i) => asSpeaker(DECIDE.callSpeaker(agendaContext(c), i)),
  endSpeaker: (c, i) => asSpeaker(DECIDE.endSpeaker(agendaContext(c), i)),
  setSignup: (c, i) => asItem(DECIDE.setSignup(agendaContext(c), i)),
  timer: (c, i) => answer(() => ({ action: i.action }))(DECIDE.timer(agendaContext(c), i)),
};

const DECIDE: { [K in AgendaCommand]: Rule<K> } = {
  addItem: ({ agenda, newId }, i) => {
    if (agenda.order.length >= LIMITS.agendaItemsPerSession) return fail(AGENDA_ERRORS.tooManyItems);
    const itemId = newId();
    return emit(itemId, {
      type: 'agenda.itemAdded',
      itemId,
      title: i.title,
      description: i.description ?? '',
      speakingMs: i.speakingSeconds !== undefined ? i.speakingSeconds * 1000 : DEFAULT_SPEAKING_MS,
      publicComment: i.publicComment ?? true,
      maxSpeakers: i.maxSpeakers ?? null,
    });
  },
  editItem: ({ item }, i) => {
    const it = item(i.itemId);
    if (!it) return fail(AGENDA_ERRORS.noItem);
    const fields: AgendaItemFields = {
      title: i.title ?? it.title,
      description: i.description ?? it.description,
      speakingMs: i.speakingSeconds !== undefined ? i.speakingSeconds * 1000 : it.speakingMs,
      publicComment: i.publicComment ?? it.publicComment,
      maxSpeakers: i.maxSpeakers !== undefined ? i.maxSpeakers : it.maxSpeakers,
    };
    const same = (Object.keys(fields) as Array<keyof AgendaItemFields>).every((k) => fields[k] === it[k]);
    return same ? emit(it.id) : emit(it.id, { type: 'agenda.itemEdited', itemId: it.id, ...fields });
  },
  moveItem: ({ agenda }, i) => {
    const from = agenda.order.indexOf(i.itemId);
    if (from < 0) return fail(AGENDA_ERRORS.noItem);
    const to = Math.min(i.index, agenda.order.length - 1);
    return to === from ? emit(i.itemId) : emit(i.itemId, { type: 'agenda.itemMoved', itemId: i.itemId, index: to });
  },
  removeItem: ({ agenda, item, speaker }, i) => {
    const it = item(i.itemId);
    if (!it) return fail(AGENDA_ERRORS.noItem);
    if (agenda.current === it.id) return fail(AGENDA_ERRORS.itemCurrent);
    if (it.speakers.some((id) => speaker(id)?.calledAt != null)) return fail(AGENDA_ERRORS.itemSpoken);
    return emit(it.id, { type: 'agenda.itemRemoved', itemId: it.id });
  },
  setCurrentItem: ({ agenda, item }, { itemId }) => {
    if (itemId !== null && !item(itemId)) return fail(AGENDA_ERRORS.noItem);
    return agenda.current === itemId ? emit(itemId) : emit(itemId, { type: 'agenda.currentSet', itemId });
  },
  moveQuestion: ({ state, agenda, item }, i) => {
    if (!state.questions.has(i.questionId)) return fail(AGENDA_ERRORS.noQuestion);
    if (i.itemId !== null && !item(i.itemId)) return fail(AGENDA_ERRORS.noItem);
    const now = agenda.questionItems.get(i.questionId) ?? null;
    return now === i.itemId ? emit(i.questionId) : emit(i.questionId, { type: 'agenda.questionMoved', questionId: i.questionId, itemId: i.itemId });
  },
  addSpeaker: ({ agenda, item, newId }, i) => {
    const it = item(i.itemId);
    if (!it) return fail(AGENDA_ERRORS.noItem);
    // The facilitator may add walk-ins after sign-up closed or beyond the item's maximum; never beyond the host's.
    if (countedSpeakers(agenda, it) >= LIMITS.speakersPerItem) return fail(AGENDA_ERRORS.full);
    const speakerId = newId();
    return emit(speakerId, { type: 'speaker.added', speakerId, itemId: it.id, name: i.name ?? '', subject: i.subject ?? '', interpreter: i.interpreter ?? false });
  },
  moveSpeaker: ({ agenda, speaker }, i) => {
    const s = speaker(i.speakerId);
    if (!s) return fail(AGENDA_ERRORS.noSpeaker);
    const queue = agenda.items.get(s.itemId)?.queue ?? [];
    const from = queue.indexOf(s.id);
    if (from < 0) return fail(AGENDA_ERRORS.notWaiting);
    const to = Math.min(i.index, queue.length - 1);
    return to === from ? emit(s.id) : emit(s.id, { type: 'speaker.moved', speakerId: s.id, index: to });
  },
  callSpeaker: (ctx, i) => {
    const picked = i.speakerId !== undefined ? namedSpeaker(ctx, i.speakerId) : firstInLine(ctx);
    if (typeof picked === 'string') return fail(picked);
    const events: EventBody[] = [];
    // Calling the next speaker ends the one who had the floor (their time used is kept).
    if (ctx.agenda.floor) events.push({ type: 'speaker.done', speakerId: ctx.agenda.floor });
    if (ctx.agenda.current !== picked.itemId) events.push({ type: 'agenda.currentSet', itemId: picked.itemId });
    events.push({ type: 'speaker.called', speakerId: picked.id });
    return emit(picked.id, ...events);
  },
  endSpeaker: ({ speaker }, i) => {
    const s = speaker(i.speakerId);
    if (!s) return fail(AGENDA_ERRORS.noSpeaker);
    if (s.status !== 'waiting' && s.status !== 'floor') return fail(AGENDA_ERRORS.alreadyEnded);
    if (i.as === 'removed' && s.status === 'floor') return fail(AGENDA_ERRORS.onFloorRemove);
    if (i.as === 'done' && s.status === 'waiting') return fail(AGENDA_ERRORS.notWaiting.replace('not waiting in line', 'not on the floor'));
    const type = i.as === 'done' ? 'speaker.done' : i.as === 'absent' ? 'speaker.absent' : 'speaker.removed';
    return emit(s.id, { type, speakerId: s.id });
  },
  setSignup: ({ item }, i) => {
    const it = item(i.itemId);
    if (!it) return fail(AGENDA_ERRORS.noItem);
    if (it.signupOpen === i.open) return emit(it.id);
    return emit(it.id, { type: i.open ? 'signup.reopened' : 'signup.closed', itemId: it.id });
  },
  timer: ({ state }, i) => decideTimer(state, i),
};

/** The speaker the facilitator picked, if they are waiting; else why not. */
function namedSpeaker(ctx: RuleContext, speakerId: string): SpeakerState | string {
  const s = ctx.speaker(speakerId);
  if (!s) return AGENDA_ERRORS.noSpeaker;
  return s.status === 'waiting' ? s : AGENDA_ERRORS.notWaiting;
}

/** The first in line on the current item; else why there is none. */
function firstInLine(ctx: RuleContext): SpeakerState | string {
  const current = ctx.item(ctx.agenda.current);
  if (!current) return AGENDA_ERRORS.noCurrent;
  return ctx.speaker(current.queue[0]) ?? AGENDA_ERRORS.nobodyWaiting;
}

function decideTimer(state: SessionState, input: AgendaInput<'timer'>): AgendaDecision {
  const { timer, floor, speakers } = state.agenda;
  let action = input.action;
  if (action === 'toggle') action = !timer ? 'start' : timer.runningSince === null ? 'resume' : 'pause';
  const done = (...events: EventBody[]) => emit(null, ...events);
  switch (action) {
    case 'start': {
      if (input.seconds !== undefined) return done({ type: 'timer.started', speakerId: null, allowedMs: input.seconds * 1000 });
      const s = floor ? speakers.get(floor) : undefined;
      if (!s) return fail(AGENDA_ERRORS.nothingToTime);
      return done({ type: 'timer.started', speakerId: s.id, allowedMs: s.allowedMs });
    }
    case 'pause':
      if (!timer) return fail(AGENDA_ERRORS.noTimer);
      return timer.runningSince === null ? done() : done({ type: 'timer.paused' });
    case 'resume':
      if (!timer) return fail(AGENDA_ERRORS.noTimer);
      return timer.runningSince !== null ? done() : done({ type: 'timer.resumed' });
    case 'extend':
      if (!timer) return fail(AGENDA_ERRORS.noTimer);
      return done({ type: 'timer.extended', ms: LIMITS.timerExtendMs });
    case 'stop':
      return timer ? done({ type: 'timer.stopped' }) : done();
    case 'reset':
      if (!timer) return fail(AGENDA_ERRORS.noTimer);
      return done({ type: 'timer.reset' });
  }
}
