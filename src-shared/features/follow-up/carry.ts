import type { EventBody } from '../../events.js';
import type { SessionState } from '../../state.js';
import { followUpView } from './views.js';

/**
 * The questions marked "carried to a later meeting" that no later meeting holds yet, by session, from
 * every session's follow-up events in log order (the latest follow-up of a question is the one that counts).
 */
export function questionsToCarry(links: Iterable<{ sessionId: string; body: EventBody }>): Map<string, string[]> {
  const latest = new Map<string, { sessionId: string; carry: boolean; carried: boolean }>();
  for (const { sessionId, body } of links) {
    if (body.type !== 'followup.written' && body.type !== 'followup.carried') continue;
    const key = `${sessionId}/${body.questionId}`;
    const q = latest.get(key) ?? { sessionId, carry: false, carried: false };
    // The earlier meeting's log is the one that carries: a copy written in the later one does not.
    if (body.type === 'followup.written' && body.writtenIn === undefined) q.carry = body.outcome === 'carried';
    if (body.type === 'followup.carried') q.carried = true;
    latest.set(key, q);
  }
  const bySession = new Map<string, string[]>();
  for (const [key, q] of latest) {
    if (!q.carry || q.carried) continue;
    const list = bySession.get(q.sessionId) ?? [];
    list.push(key.slice(q.sessionId.length + 1));
    bySession.set(q.sessionId, list);
  }
  return bySession;
}

/** The events that carry `questionIds` of the session `from` into the session `to`: one per log. */
export function carryEvents(from: SessionState, to: Pick<SessionState, 'id' | 'title'>, questionIds: readonly string[]): { from: EventBody[]; to: EventBody[] } {
  const view = followUpView(from);
  const wanted = new Set(questionIds);
  const fromEvents: EventBody[] = [];
  const toEvents: EventBody[] = [];
  for (const q of view.questions) {
    if (!wanted.has(q.questionId) || q.carriedTo) continue;
    fromEvents.push({ type: 'followup.carried', questionId: q.questionId, toSessionId: to.id, toTitle: to.title });
    toEvents.push({
      type: 'followup.carried-in',
      questionId: q.questionId,
      fromSessionId: from.id,
      fromTitle: from.title,
      fromDate: from.openedAt ?? from.createdAt,
      number: q.number,
      text: q.text,
      name: q.name,
      votes: q.votes,
      askedAt: q.askedAt,
      itemTitle: q.itemTitle,
    });
  }
  return { from: fromEvents, to: toEvents };
}
