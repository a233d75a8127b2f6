import type { PollDefinition, PollEvent, PollVisibility } from './events.js';

export type PollStatus = 'draft' | 'open' | 'closed';

export interface PollState extends PollDefinition {
  id: string;
  seq: number;
  visibility: PollVisibility;
  itemId: string | null;
  duplicateOf: string | null;
  status: PollStatus;
  createdAt: number;
  openedAt: number | null;
  closedAt: number | null;
  /** Phones connected when it closed (null: closed with the session, or not closed). */
  connectedAtClose: number | null;
  /** The counted ballot of each device (its last one). */
  ballots: Map<string, number[]>;
  /** Per option, how many counted ballots pick it: kept as ballots come, never recounted. */
  counts: number[];
  /** Every ballot event, first ones and changes. */
  ballotEvents: number;
}

export interface PollsState {
  /** Insertion order is the order created. */
  byId: Map<string, PollState>;
  /** The poll on the projector, or null (the Q&A board). */
  shown: string | null;
}

export const emptyPolls = (): PollsState => ({ byId: new Map(), shown: null });

/** The subset of events a poll fold needs to see besides its own: the session closing closes open polls. */
type Other = { type: string };

/**
 * Applies one event to the polls, in place. Every event of the log passes through here (others are
 * ignored, except `session.closed`, which closes the polls still open). O(options) per ballot.
 */
export function applyPollEvent(polls: PollsState, body: PollEvent | Other, at: number, seq: number): void {
  if (body.type === 'session.closed') {
    for (const p of polls.byId.values()) {
      if (p.status === 'open') {
        p.status = 'closed';
        p.closedAt = at;
      }
    }
    return;
  }
  const e = body as PollEvent;
  switch (e.type) {
    case 'poll.created':
      polls.byId.set(e.pollId, {
        id: e.pollId,
        seq,
        kind: e.kind,
        question: e.question,
        options: [...e.options],
        maxChoices: e.maxChoices,
        visibility: e.visibility,
        itemId: e.itemId ?? null,
        duplicateOf: e.duplicateOf ?? null,
        status: 'draft',
        createdAt: at,
        openedAt: null,
        closedAt: null,
        connectedAtClose: null,
        ballots: new Map(),
        counts: e.options.map(() => 0),
        ballotEvents: 0,
      });
      return;
    case 'poll.edited':
      with_(polls, e.pollId, (p) => {
        p.kind = e.kind;
        p.question = e.question;
        p.options = [...e.options];
        p.maxChoices = e.maxChoices;
        p.counts = e.options.map(() => 0);
      });
      return;
    case 'poll.visibility':
      with_(polls, e.pollId, (p) => (p.visibility = e.visibility));
      return;
    case 'poll.opened':
      with_(polls, e.pollId, (p) => {
        p.status = 'open';
        p.openedAt = at;
      });
      return;
    case 'poll.closed':
      with_(polls, e.pollId, (p) => {
        p.status = 'closed';
        p.closedAt = at;
        p.connectedAtClose = e.connected ?? null;
      });
      return;
    case 'poll.shown':
      polls.shown = e.pollId;
      return;
    case 'poll.hidden':
      if (polls.shown === e.pollId) polls.shown = null;
      return;
    case 'ballot.cast':
    case 'ballot.changed':
      with_(polls, e.pollId, (p) => {
        const before = p.ballots.get(e.deviceId);
        if (before) for (const i of before) p.counts[i]--;
        for (const i of e.choices) p.counts[i]++;
        p.ballots.set(e.deviceId, [...e.choices]);
        p.ballotEvents++;
      });
      return;
  }
}

function with_(polls: PollsState, id: string, fn: (p: PollState) => void): void {
  const p = polls.byId.get(id);
  if (p) fn(p);
}

/** The mean of a rating poll (options are 1..5), or null without ballots or for other kinds. */
export function ratingMean(p: Pick<PollState, 'kind' | 'counts'>): number | null {
  if (p.kind !== 'rating') return null;
  let n = 0;
  let sum = 0;
  p.counts.forEach((c, i) => {
    n += c;
    sum += c * (i + 1);
  });
  return n === 0 ? null : sum / n;
}
