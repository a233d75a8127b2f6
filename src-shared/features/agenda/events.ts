/**
 * Agenda, speaker queue and timer events (issue 7). They join the log's `EventBody` union; the fold of
 * them is `applyAgendaEvent` (state.ts of this folder). Times are the event's `at` (host clock), so the
 * timer is a set of facts in the log, never a ticking value.
 */
export interface AgendaItemFields {
  title: string;
  /** Empty when not given. */
  description: string;
  /** Speaking time per person on this item (an interpreter's speakers get twice this). */
  speakingMs: number;
  /** Whether residents may ask to speak on this item. */
  publicComment: boolean;
  /** At most this many speakers on the item; null for the host-wide limit only. */
  maxSpeakers: number | null;
}

export type AgendaEventBody =
  | ({ type: 'agenda.itemAdded'; itemId: string } & AgendaItemFields)
  | ({ type: 'agenda.itemEdited'; itemId: string } & AgendaItemFields)
  /** Moves the item to `index` in the agenda (0-based, after removing it from where it was). */
  | { type: 'agenda.itemMoved'; itemId: string; index: number }
  | { type: 'agenda.itemRemoved'; itemId: string }
  | { type: 'agenda.currentSet'; itemId: string | null }
  /** The facilitator filed a question under another item (null: under none). */
  | { type: 'agenda.questionMoved'; questionId: string; itemId: string | null }
  | {
      type: 'speaker.signedUp';
      speakerId: string;
      itemId: string;
      deviceId: string;
      requestId: string;
      /** Empty when the resident gave no name: nobody has to give a name to speak. */
      name: string;
      subject: string;
      interpreter: boolean;
    }
  | { type: 'speaker.withdrew'; speakerId: string; deviceId: string; requestId: string }
  /** A walk-in speaker without a phone, added by the facilitator. */
  | { type: 'speaker.added'; speakerId: string; itemId: string; name: string; subject: string; interpreter: boolean }
  /** Moves a waiting speaker to `index` among the waiting speakers of the item. */
  | { type: 'speaker.moved'; speakerId: string; index: number }
  | { type: 'speaker.called'; speakerId: string }
  | { type: 'speaker.absent'; speakerId: string }
  | { type: 'speaker.done'; speakerId: string }
  | { type: 'speaker.removed'; speakerId: string }
  | { type: 'signup.closed'; itemId: string }
  | { type: 'signup.reopened'; itemId: string }
  /** A timer starts running: the speaker's on the floor, or a general timer (speakerId null). */
  | { type: 'timer.started'; speakerId: string | null; allowedMs: number }
  | { type: 'timer.paused' }
  | { type: 'timer.resumed' }
  | { type: 'timer.extended'; ms: number }
  /** The timing ends; a speaker's time used is fixed. */
  | { type: 'timer.stopped' }
  /** Back to the full time, paused; time run so far is not counted. */
  | { type: 'timer.reset' };

export type AgendaEventType = AgendaEventBody['type'];

/** Every agenda event type (the archive check admits these; a new type is a compile error here). */
export const AGENDA_EVENT_TYPES: Record<AgendaEventType, true> = {
  'agenda.itemAdded': true,
  'agenda.itemEdited': true,
  'agenda.itemMoved': true,
  'agenda.itemRemoved': true,
  'agenda.currentSet': true,
  'agenda.questionMoved': true,
  'speaker.signedUp': true,
  'speaker.withdrew': true,
  'speaker.added': true,
  'speaker.moved': true,
  'speaker.called': true,
  'speaker.absent': true,
  'speaker.done': true,
  'speaker.removed': true,
  'signup.closed': true,
  'signup.reopened': true,
  'timer.started': true,
  'timer.paused': true,
  'timer.resumed': true,
  'timer.extended': true,
  'timer.stopped': true,
  'timer.reset': true,
};
