import { putEntry } from '../../src-shared/docs/json-map.js';
import { roomParts, type MyQuestion } from '../../src-shared/docs/room-doc.js';
import { questionStatus, type QuestionState, type SessionState } from '../../src-shared/state.js';
import { transact } from '../../src-shared/transaction-origins.js';
import type { Room, RoomDocs } from './room-docs.js';
import type { AppliedEvents } from './session-log.js';
import { rewriteMySpeaking, updateMySpeaking } from './agenda-private-views.js';

/**
 * What only one phone sees, written into its own room: the status of its questions (`mine`) and the
 * questions it has a counted vote on (`myVotes`).
 */
export class PrivateViews {
  constructor(
    private readonly rooms: RoomDocs,
    private readonly state: () => SessionState,
  ) {}

  /** The private views a commit changed: the askers of touched questions, the voters of its votes. */
  update(applied: AppliedEvents): void {
    const state = this.state();
    updateMySpeaking(this.rooms, state, applied.events);
    for (const id of applied.touched) {
      const q = state.questions.get(id);
      const owner = q && this.rooms.ofDevice(q.deviceId);
      if (q && owner) transact(owner.doc, 'host:private', () => putEntry(roomParts(owner.doc).mine, q.id, myQuestion(q, state.floor)));
    }
    for (const { body } of applied.events) {
      if (body.type !== 'vote.cast' && body.type !== 'vote.withdrawn') continue;
      const voter = this.rooms.ofDevice(body.deviceId);
      const vote = body.type === 'vote.cast' ? true : null;
      if (voter) transact(voter.doc, 'host:private', () => putEntry(roomParts(voter.doc).myVotes, body.questionId, vote));
    }
  }

  /** A room's whole private view (when it is opened). */
  rewrite(room: Room): void {
    const state = this.state();
    const { mine, myVotes } = roomParts(room.doc);
    rewriteMySpeaking(room, state);
    transact(room.doc, 'host:private', () => {
      for (const q of state.questions.values()) {
        if (q.deviceId === room.deviceId) putEntry(mine, q.id, myQuestion(q, state.floor));
        putEntry(myVotes, q.id, q.voters.has(room.deviceId) ? true : null);
      }
    });
  }
}

function myQuestion(q: QuestionState, floor: string | null): MyQuestion {
  return { id: q.id, requestId: q.requestId, text: q.text, status: questionStatus(q, floor), askedAt: q.askedAt };
}
