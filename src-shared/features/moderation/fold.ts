import type { EventBody } from '../../events.js';
import type { AskModeration } from './events.js';

/**
 * Moderation's part of the fold. It names the session's question and state only by the fields it uses
 * (structural types), so `state.ts` can import it without an import cycle.
 */
export type Moderation = 'pending' | 'approved' | 'hidden' | 'withdrawn';

/** What moderation adds to each question of the folded state (`Q`: the question type itself). */
export interface QuestionModeration<Q = unknown> {
  /** The asker's text and name, once a moderator edited them (null if never edited). */
  original: { text: string; name: string } | null;
  editedAt: number | null;
  /** The question this one was merged into (it is off the board meanwhile). */
  mergedInto: string | null;
  /** Questions merged into this one, in the order merged. */
  merged: Q[];
  /** Words the profanity filter matched when it was asked. */
  held: string[];
  /** Hidden because its phone was muted (unmuting puts it back in the queue). */
  hiddenByMute: boolean;
  /** Its phone is muted now. */
  askerMuted: boolean;
}

/** What moderation adds to the session state. */
export interface SessionModeration {
  /** Devices muted now. */
  muted: Set<string>;
  filter: { on: boolean; words: string[] };
}

export const emptySessionModeration = (): SessionModeration => ({ muted: new Set(), filter: { on: true, words: [] } });

/** The moderation fields of a question just asked. */
export function askedModeration(ask: AskModeration, state: SessionModeration, deviceId: string): QuestionModeration<never> {
  return {
    original: null,
    editedAt: null,
    mergedInto: null,
    merged: [],
    held: ask.held ?? [],
    hiddenByMute: ask.muted === true,
    askerMuted: state.muted.has(deviceId),
  };
}

/** The fields of a question that moderation reads and writes. */
interface ModeratedQuestion<Q> extends QuestionModeration<Q> {
  id: string;
  text: string;
  name: string;
  moderation: Moderation;
}

/** The fields of a session that moderation reads and writes. */
interface ModeratedSession<Q> extends SessionModeration {
  questions: Map<string, Q>;
  floor: string | null;
}

/** Applies one moderation event to the state, in place (part of `applyEvent`). */
export function applyModerationEvent<Q extends ModeratedQuestion<Q>>(state: ModeratedSession<Q>, body: EventBody, at: number): void {
  switch (body.type) {
    case 'question.edited': {
      const q = state.questions.get(body.questionId);
      if (!q) return;
      q.original ??= { text: q.text, name: q.name };
      q.text = body.text;
      q.name = body.name;
      q.editedAt = at;
      return;
    }
    case 'question.merged': {
      const dup = state.questions.get(body.questionId);
      const keep = state.questions.get(body.into);
      if (!dup || !keep) return;
      dup.mergedInto = keep.id;
      keep.merged.push(dup);
      if (state.floor === dup.id) state.floor = null;
      return;
    }
    case 'question.unmerged': {
      const dup = state.questions.get(body.questionId);
      const keep = state.questions.get(body.from);
      if (!dup || !keep) return;
      dup.mergedInto = null;
      keep.merged = keep.merged.filter((m) => m !== dup);
      return;
    }
    case 'device.muted':
      state.muted.add(body.deviceId);
      for (const id of body.questionIds) {
        const q = state.questions.get(id);
        if (!q) continue;
        q.askerMuted = true;
        if (q.moderation === 'pending') {
          q.moderation = 'hidden';
          q.hiddenByMute = true;
        }
      }
      return;
    case 'device.unmuted':
      state.muted.delete(body.deviceId);
      for (const id of body.questionIds) {
        const q = state.questions.get(id);
        if (!q) continue;
        q.askerMuted = false;
        if (q.hiddenByMute && q.moderation === 'hidden') q.moderation = 'pending';
        q.hiddenByMute = false;
      }
      return;
    case 'filter.changed':
      state.filter = { on: body.on, words: [...body.words] };
      return;
  }
}

/** The question and every question merged into it (and into those), depth first. */
export function mergeTree<Q extends { merged: readonly Q[] }>(q: Q): Q[] {
  const out: Q[] = [q];
  for (const m of q.merged) out.push(...mergeTree(m));
  return out;
}

/** The phones whose vote counts for `q`: its own voters and those of every question merged into it. */
export function unitedVoters<Q extends { merged: readonly Q[]; voters: Set<string> }>(q: Q): Set<string> {
  if (q.merged.length === 0) return q.voters;
  const all = new Set<string>();
  for (const x of mergeTree(q)) for (const d of x.voters) all.add(d);
  return all;
}

/** The question on the board that `q`'s votes count for now (itself unless merged). */
export function mergeRoot<Q extends { mergedInto: string | null }>(state: { questions: ReadonlyMap<string, Q> }, q: Q): Q {
  let at = q;
  for (let i = 0; at.mergedInto !== null && i < 1000; i++) {
    const next = state.questions.get(at.mergedInto);
    if (!next) break;
    at = next;
  }
  return at;
}
