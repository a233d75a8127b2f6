import { carryEvents, questionsToCarry } from '../../../../src-shared/features/follow-up/carry.js';
import type { SessionManager } from '../../pipeline/session-manager.js';

/**
 * Carries every question marked "carried to a later meeting" into the live session, when there is one
 * that has not closed: called when such a question is marked, and when a new session is created. Each
 * carry is recorded in both logs at once. A failure leaves the questions waiting for the next try.
 */
export function carryWaitingQuestions(sessions: SessionManager): void {
  const target = sessions.current;
  if (!target || target.log.state.status === 'closed') return;
  for (const [sessionId, questionIds] of questionsToCarry(sessions.followUpLinks())) {
    if (sessionId === target.row.id) continue;
    const from = sessions.sessionState(sessionId);
    if (!from) continue;
    const events = carryEvents(from, target.log.state, questionIds);
    if (events.to.length === 0) continue;
    sessions.recordAcross([
      { sessionId, events: events.from },
      { sessionId: target.row.id, events: events.to },
    ]);
  }
}
