import { putEntry } from '../../../../src-shared/docs/json-map.js';
import { hostParts } from '../../../../src-shared/docs/room-doc.js';
import { mergeRoot, mergeTree, unitedVoters } from '../../../../src-shared/features/moderation/fold.js';
import type { SessionState } from '../../../../src-shared/state.js';
import type { QuestionState } from '../../../../src-shared/features/questions/fold.js';
import { transact } from '../../../../src-shared/transaction-origins.js';
import type { RoomDocs } from '../../rooms/room-docs.js';
import type { AppliedEvents } from '../../store/session-log.js';

/** A phone's entry in `myVotes` for `q`: true when its vote counts there (votes are united by phone). */
export const unitedVote = (q: QuestionState, deviceId: string): true | null => (unitedVoters(q).has(deviceId) ? true : null);

/**
 * After a merge, an unmerge, or a vote on a question with duplicates merged into it, the phones whose
 * votes moved see their `myVotes` for every question of the merge tree recomputed.
 */
export function refreshUnitedVotes(rooms: RoomDocs, state: SessionState, applied: AppliedEvents): void {
  const trees = new Map<string, QuestionState[]>();
  const devices = new Set<string>();
  for (const { body } of applied.events) {
    let ids: string[] = [];
    if (body.type === 'question.merged') ids = [body.into, body.questionId];
    else if (body.type === 'question.unmerged') ids = [body.from, body.questionId];
    else if (body.type === 'vote.cast' || body.type === 'vote.withdrawn') {
      const q = state.questions.get(body.questionId);
      if (!q || (q.merged.length === 0 && q.mergedInto === null)) continue;
      ids = [mergeRoot(state, q).id];
    } else continue;
    for (const id of ids) {
      const q = state.questions.get(id);
      if (!q) continue;
      const tree = mergeTree(q);
      trees.set(id, tree);
      for (const x of tree) for (const d of x.voters) devices.add(d);
    }
    if (body.type === 'vote.cast' || body.type === 'vote.withdrawn') devices.add(body.deviceId);
  }
  if (trees.size === 0) return;
  for (const deviceId of devices) {
    const room = rooms.loadedOfDevice(deviceId);
    if (!room) continue;
    transact(room.doc, 'host:private', () => {
      const { myVotes } = hostParts(room.doc);
      for (const tree of trees.values()) for (const q of tree) putEntry(myVotes, q.id, unitedVote(q, deviceId));
    });
  }
}
