import { putEntry } from '../../../src-shared/docs/json-map.js';
import { hostParts, type MyQuestion } from '../../../src-shared/docs/room-doc.js';
import { mergeTree } from '../../../src-shared/features/moderation/fold.js';
import { myQuestionModeration } from '../../../src-shared/features/moderation/views.js';
import { type SessionState } from '../../../src-shared/state.js';
import { questionStatus, type QuestionState } from '../../../src-shared/features/questions/fold.js';
import { refreshUnitedVotes, unitedVote } from '../features/questions/united-votes.js';
import { transact } from '../../../src-shared/transaction-origins.js';
import { rewriteMyBallots, updateMyBallots } from '../features/polls/private-views.js';
import type { Room, RoomDocs } from './room-docs.js';
import type { AppliedEvents } from '../store/session-log.js';
import { rewriteMySpeaking, updateMySpeaking } from '../features/agenda/private-views.js';

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
    // A duplicate's asker sees the text of the question it was merged into: an edit there reaches it too.
    for (const id of withMergedInto(state, applied.touched)) {
      const q = state.questions.get(id);
      const owner = q && this.rooms.loadedOfDevice(q.deviceId);
      if (q && owner) transact(owner.doc, 'host:private', () => putEntry(hostParts(owner.doc).mine, q.id, myQuestion(q, state)));
    }
    for (const { body } of applied.events) {
      if (body.type !== 'vote.cast' && body.type !== 'vote.withdrawn') continue;
      const voter = this.rooms.loadedOfDevice(body.deviceId);
      const vote = body.type === 'vote.cast' ? true : null;
      if (voter) transact(voter.doc, 'host:private', () => putEntry(hostParts(voter.doc).myVotes, body.questionId, vote));
    }
    refreshUnitedVotes(this.rooms, state, applied);
    updateMyBallots(this.rooms, applied);
  }

  /** A room's whole private view (when it is opened). */
  rewrite(room: Room): void {
    const state = this.state();
    const { mine, myVotes } = hostParts(room.doc);
    rewriteMySpeaking(room, state);
    transact(room.doc, 'host:private', () => {
      for (const q of state.questions.values()) {
        if (q.deviceId === room.deviceId) putEntry(mine, q.id, myQuestion(q, state));
        putEntry(myVotes, q.id, unitedVote(q, room.deviceId));
      }
    });
    rewriteMyBallots(room, state);
  }
}

function withMergedInto(state: SessionState, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids) {
    out.add(id);
    const q = state.questions.get(id);
    if (q) for (const x of mergeTree(q)) out.add(x.id);
  }
  return out;
}

function myQuestion(q: QuestionState, state: SessionState): MyQuestion {
  return { id: q.id, requestId: q.requestId, text: q.text, status: questionStatus(q, state.floor), askedAt: q.askedAt, ...myQuestionModeration(state, q) };
}
