import type { EventBody } from '../../events.js';
import type { FollowUpAuthor, FollowUpEvent, FollowUpOutcome } from './events.js';

/** One written follow-up as it stands in the log. */
export interface WrittenFollowUp {
  outcome: FollowUpOutcome;
  text: string;
  by: FollowUpAuthor;
  at: number;
  /** The later session it was written in, when not this one. */
  writtenIn: string | null;
}

/** A question's follow-up: the current one and every earlier version (the record keeps them all). */
export interface QuestionFollowUp {
  current: WrittenFollowUp;
  earlier: WrittenFollowUp[];
}

/** A question carried into this session from an earlier meeting. */
export type CarriedQuestion = Omit<Extract<FollowUpEvent, { type: 'followup.carried-in' }>, 'type'> & { carriedAt: number };

export interface FollowUpState {
  /** Question id → its written follow-up (this session's questions and the ones carried in). */
  followUps: Map<string, QuestionFollowUp>;
  /** Question id → the later session it was carried into. */
  carriedTo: Map<string, { sessionId: string; title: string; at: number }>;
  /** Questions carried in from earlier meetings, in the order they arrived. */
  carriedIn: Map<string, CarriedQuestion>;
  /** Where and when the record will be published (null until the clerk says). */
  publication: { url: string; when: string } | null;
}

export const emptyFollowUp = (): FollowUpState => ({ followUps: new Map(), carriedTo: new Map(), carriedIn: new Map(), publication: null });

export function applyFollowUpEvent(state: FollowUpState, body: EventBody, at: number): void {
  switch (body.type) {
    case 'followup.written': {
      const written: WrittenFollowUp = { outcome: body.outcome, text: body.text, by: body.by, at, writtenIn: body.writtenIn ?? null };
      const before = state.followUps.get(body.questionId);
      state.followUps.set(body.questionId, before ? { current: written, earlier: [...before.earlier, before.current] } : { current: written, earlier: [] });
      return;
    }
    case 'followup.carried':
      state.carriedTo.set(body.questionId, { sessionId: body.toSessionId, title: body.toTitle, at });
      return;
    case 'followup.carried-in': {
      const { type: _type, ...carried } = body;
      state.carriedIn.set(body.questionId, { ...carried, carriedAt: at });
      return;
    }
    case 'publication.set':
      state.publication = body.url || body.when ? { url: body.url, when: body.when } : null;
      return;
  }
}
