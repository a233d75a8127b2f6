import type { PollKind, PollVisibility } from './events.js';
import { ratingMean, type PollState, type PollsState, type PollStatus } from './fold.js';

/** Aggregates only: how many ballots, how many per option, and (rating) the mean. Never who answered what. */
export interface PollResults {
  counts: number[];
  ballots: number;
  mean: number | null;
}

/** A poll as the room sees it (projector and phones): results only when its visibility allows. */
export interface BoardPoll {
  id: string;
  kind: PollKind;
  question: string;
  options: string[];
  maxChoices: number;
  status: Exclude<PollStatus, 'draft'>;
  visibility: PollVisibility;
  openedAt: number;
  /** Null while the results are not for the room (hidden until closed, or console only). */
  results: PollResults | null;
}

/** Everything the console needs about a poll. */
export interface DeskPoll {
  id: string;
  kind: PollKind;
  question: string;
  options: string[];
  maxChoices: number;
  status: PollStatus;
  visibility: PollVisibility;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  duplicateOf: string | null;
  results: PollResults;
  /** Ballot events including changes. */
  changes: number;
}

export function pollResults(p: PollState): PollResults {
  return { counts: [...p.counts], ballots: p.ballots.size, mean: ratingMean(p) };
}

export function resultsVisible(p: Pick<PollState, 'visibility' | 'status'>): boolean {
  return p.visibility === 'live' || (p.visibility === 'after-close' && p.status === 'closed');
}

/** What every view of a poll says about it: what it asks and where it stands. */
const pollFacts = (p: PollState) => ({
  id: p.id,
  kind: p.kind,
  question: p.question,
  options: p.options,
  maxChoices: p.maxChoices,
  status: p.status,
  visibility: p.visibility,
});

export function toBoardPoll(p: PollState): BoardPoll | null {
  if (p.status === 'draft' || p.openedAt === null) return null;
  return {
    ...pollFacts(p),
    status: p.status,
    openedAt: p.openedAt,
    results: resultsVisible(p) ? pollResults(p) : null,
  };
}

export function boardPolls(polls: PollsState): BoardPoll[] {
  const out: BoardPoll[] = [];
  for (const p of polls.byId.values()) {
    const b = toBoardPoll(p);
    if (b) out.push(b);
  }
  return out;
}

export function deskPolls(polls: PollsState): DeskPoll[] {
  return [...polls.byId.values()].map((p) => ({
    ...pollFacts(p),
    createdAt: p.createdAt,
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    duplicateOf: p.duplicateOf,
    results: pollResults(p),
    changes: p.ballotEvents,
  }));
}

/** Percent of ballots that picked an option, rounded to a whole number (multiple choice can sum over 100). */
export function percentOf(count: number, ballots: number): number {
  return ballots === 0 ? 0 : Math.round((count / ballots) * 100);
}

/** "3.4" — a rating mean as people read it. */
export const formatMean = (mean: number | null): string => (mean === null ? '–' : mean.toFixed(1));
