import type { LoggedEvent } from '../events.js';
import { voteCount } from '../features/moderation/views.js';
import { fold } from '../fold.js';
import { archiveSession, type ArchiveSession } from './archive.js';
import { isoDate } from './format.js';

/** One past (or current) session as the archive view and `open-floor sessions` list it. */
export interface SessionListing extends ArchiveSession {
  /** The session's date in its own time zone (YYYY-MM-DD). */
  date: string;
  counts: {
    events: number;
    devices: number;
    questions: number;
    approved: number;
    answered: number;
    open: number;
    hidden: number;
    votes: number;
  };
}

export function sessionListing(events: readonly LoggedEvent[]): SessionListing {
  const state = fold(events);
  const counts = { events: events.length, devices: state.devices.size, questions: state.questions.size, approved: 0, answered: 0, open: 0, hidden: 0, votes: 0 };
  for (const q of state.questions.values()) {
    if (q.mergedInto !== null) continue;
    counts.votes += voteCount(q);
    if (q.moderation === 'hidden') counts.hidden++;
    if (q.moderation !== 'approved') continue;
    counts.approved++;
    if (q.answeredAt === null) counts.open++;
    else counts.answered++;
  }
  const session = archiveSession(state);
  return { ...session, date: isoDate(session.openedAt ?? session.createdAt, session.timeZone), counts };
}
