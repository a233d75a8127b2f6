import { describe, expect, it } from 'vitest';
import { controlInputs } from '../src-shared/control.js';
import { decidePhoneRequest } from '../src-shared/decide-phone.js';
import type { EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { LIMITS } from '../src-shared/limits.js';
import { decideControl } from '../src-shared/decide-control.js';
import type { ControlContext } from '../src-shared/features/rules.js';
import { decideBallot } from '../src-shared/features/polls/decide-phone.js';
import { POLL_REFUSALS } from '../src-shared/refusals.js';
import type { PollEvent } from '../src-shared/features/polls/events.js';
import type { PollCommand } from '../src-shared/features/polls/control.js';
import type { ControlParsedInput } from '../src-shared/control.js';
import { applyPollEvent, emptyPolls, ratingMean } from '../src-shared/features/polls/fold.js';
import { boardPolls, deskPolls, percentOf } from '../src-shared/features/polls/views.js';
import { parsePhoneRequest } from '../src-shared/requests.js';
import { type SessionState } from '../src-shared/state.js';
import { applyEvent, fold } from '../src-shared/fold.js';

const t0 = 1_700_000_000_000;
function log(bodies: EventBody[]): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  bodies.forEach((b, i) => out.push(chainEvent(out.at(-1) ?? null, t0 + i * 1000, 'facilitator', b)));
  return out;
}
const created: EventBody = { type: 'session.created', sessionId: 's1', title: 'Parks forum', place: '', timeZone: 'UTC' };
const parks: PollEvent = {
  type: 'poll.created', pollId: 'p1', kind: 'single', question: 'Which park design?', options: ['North', 'River', 'Hill'], maxChoices: 1, visibility: 'live',
};
const ballot = (deviceId: string, choices: number[], pollId = 'p1', requestId = `r-${deviceId}-${choices.join('')}`): PollEvent => ({
  type: 'ballot.cast', pollId, deviceId, requestId, choices,
});

let ids = 0;
const ctx = (state: SessionState, over: Partial<ControlContext> = {}): ControlContext => ({
  state,
  connected: () => 7,
  newId: () => `poll${++ids}xyz`,
  ...over,
});

/** Runs facilitator commands through the pure rules, folding each accepted decision into `state`. */
function run<K extends PollCommand>(state: SessionState, command: K, raw: unknown, c = ctx(state)) {
  const input = controlInputs[command].parse(raw) as ControlParsedInput<K>;
  const d = decideControl(c, command, input);
  if (d.ok) for (const e of d.events) applyEvent(state, { seq: state.lastSeq + 1, at: t0 + state.lastSeq * 1000, body: e, hash: 'h' });
  return d.ok ? { ok: true as const, events: d.events, pollId: (d.value as { pollId: string | null }).pollId } : d;
}

function openSession(): SessionState {
  return fold(log([created, { type: 'session.opened' }]));
}

describe('poll fold', () => {
  it('counts the last ballot per phone, keeps every change, and closes open polls with the session', () => {
    const state = fold(
      log([
        created,
        { type: 'session.opened' },
        parks,
        { type: 'poll.opened', pollId: 'p1' },
        ballot('dA', [0]),
        ballot('dB', [1]),
        { type: 'ballot.changed', pollId: 'p1', deviceId: 'dA', requestId: 'x2', choices: [1] },
        ballot('dC', [2]),
        { type: 'poll.shown', pollId: 'p1' },
        { type: 'session.closed' },
      ]),
    );
    const p = state.polls.byId.get('p1')!;
    expect(p.counts).toEqual([0, 2, 1]);
    expect(p.ballots.size).toBe(3);
    expect(p.ballotEvents).toBe(4);
    expect(p.status).toBe('closed');
    expect(p.closedAt).not.toBeNull();
    expect(state.polls.shown).toBe('p1');
  });

  it('keeps counts incrementally: 1000 phones changing their answers cost O(n), and counts match a recount', () => {
    const polls = emptyPolls();
    applyPollEvent(polls, { ...parks, kind: 'multiple', options: ['a', 'b', 'c', 'd'], maxChoices: 2 }, t0, 1);
    applyPollEvent(polls, { type: 'poll.opened', pollId: 'p1' }, t0, 2);
    const started = performance.now();
    for (let round = 0; round < 5; round++) {
      for (let d = 0; d < 1000; d++) {
        const choices = [(d + round) % 4, (d + round + 1) % 4].sort();
        applyPollEvent(polls, { type: round === 0 ? 'ballot.cast' : 'ballot.changed', pollId: 'p1', deviceId: `d${d}`, requestId: `r${round}`, choices }, t0, 3);
      }
    }
    const elapsed = performance.now() - started;
    const p = polls.byId.get('p1')!;
    const recount = [0, 0, 0, 0];
    for (const choices of p.ballots.values()) for (const c of choices) recount[c]!++;
    expect(p.counts).toEqual(recount);
    expect(p.ballots.size).toBe(1000);
    expect(p.ballotEvents).toBe(5000);
    // Not a benchmark: a generous bound that a quadratic recount per ballot (25 M steps) would not meet reliably.
    expect(elapsed).toBeLessThan(2000);
  });

  it('gives a rating its distribution and mean', () => {
    const polls = emptyPolls();
    applyPollEvent(polls, { ...parks, kind: 'rating', options: ['1', '2', '3', '4', '5'] }, t0, 1);
    applyPollEvent(polls, { type: 'poll.opened', pollId: 'p1' }, t0, 2);
    [4, 4, 2, 0].forEach((c, i) => applyPollEvent(polls, ballot(`d${i}`, [c]), t0, 3));
    const p = polls.byId.get('p1')!;
    expect(p.counts).toEqual([1, 0, 1, 0, 2]);
    expect(ratingMean(p)).toBeCloseTo((1 + 3 + 5 + 5) / 4);
    expect(percentOf(2, 4)).toBe(50);
  });

  it('shows results to the room only as the visibility allows; the console always has them', () => {
    const state = fold(log([created, { type: 'session.opened' }, { ...parks, visibility: 'after-close' }, { type: 'poll.opened', pollId: 'p1' }, ballot('dA', [0])]));
    expect(boardPolls(state.polls)[0]!.results).toBeNull();
    expect(deskPolls(state.polls)[0]!.results.counts).toEqual([1, 0, 0]);
    applyEvent(state, { seq: 9, at: t0 + 9000, body: { type: 'poll.closed', pollId: 'p1', connected: 3 }, hash: 'h' });
    expect(boardPolls(state.polls)[0]!.results).toEqual({ counts: [1, 0, 0], ballots: 1, mean: null });
    applyEvent(state, { seq: 10, at: t0 + 10000, body: { type: 'poll.visibility', pollId: 'p1', visibility: 'console' }, hash: 'h' });
    expect(boardPolls(state.polls)[0]!.results).toBeNull();
  });
});

describe('ballots (the phone request)', () => {
  const openPoll = (over: Partial<Extract<PollEvent, { type: 'poll.created' }>> = {}) =>
    fold(log([created, { type: 'session.opened' }, { ...parks, ...over }, { type: 'poll.opened', pollId: 'p1' }]));

  it('casts, changes, and treats the same ballot again as done', () => {
    const state = openPoll();
    const first = decidePhoneRequest(state, 'dA', { kind: 'ballot', id: 'r1', pollId: 'p1', choices: [0] }, () => 'x');
    expect(first).toEqual({ ok: true, events: [{ type: 'ballot.cast', pollId: 'p1', deviceId: 'dA', requestId: 'r1', choices: [0] }] });
    if (first.ok) first.events.forEach((e, i) => applyEvent(state, { seq: 10 + i, at: t0, body: e, hash: 'h' }));
    expect(decideBallot(state.polls, 'dA', { id: 'r2', pollId: 'p1', choices: [2] })).toMatchObject({ ok: true, events: [{ type: 'ballot.changed', choices: [2] }] });
    expect(decideBallot(state.polls, 'dA', { id: 'r3', pollId: 'p1', choices: [0] })).toEqual({ ok: true, events: [] });
  });

  it('refuses, with the reason the phone shows: unknown, draft and closed polls', () => {
    const draft = fold(log([created, { type: 'session.opened' }, parks]));
    expect(decideBallot(draft.polls, 'dA', { id: 'r', pollId: 'nope12', choices: [0] })).toEqual({ ok: false, reason: POLL_REFUSALS.unknownPoll });
    expect(decideBallot(draft.polls, 'dA', { id: 'r', pollId: 'p1', choices: [0] })).toEqual({ ok: false, reason: POLL_REFUSALS.notOpenYet });
    const closed = fold(log([created, { type: 'session.opened' }, parks, { type: 'poll.opened', pollId: 'p1' }, { type: 'poll.closed', pollId: 'p1' }]));
    expect(decideBallot(closed.polls, 'dA', { id: 'r', pollId: 'p1', choices: [0] })).toEqual({ ok: false, reason: POLL_REFUSALS.closedPoll });
  });

  it('refuses an option that does not exist, an empty ballot, the same option twice and more than k choices', () => {
    const single = openPoll();
    const b = (choices: number[], s = single) => decideBallot(s.polls, 'dA', { id: 'r', pollId: 'p1', choices });
    expect(b([3])).toEqual({ ok: false, reason: POLL_REFUSALS.noSuchOption });
    expect(b([])).toEqual({ ok: false, reason: POLL_REFUSALS.emptyBallot });
    expect(b([1, 1])).toEqual({ ok: false, reason: POLL_REFUSALS.sameOptionTwice });
    expect(b([0, 1])).toEqual({ ok: false, reason: POLL_REFUSALS.onlyOne });
    const multi = openPoll({ kind: 'multiple', options: ['a', 'b', 'c', 'd'], maxChoices: 2 });
    expect(b([0, 1, 2], multi)).toEqual({ ok: false, reason: POLL_REFUSALS.tooManyChoices(2) });
    expect(b([3, 1], multi)).toMatchObject({ ok: true, events: [{ choices: [1, 3] }] });
  });

  it('parses a ballot request and refuses a malformed one', () => {
    expect(parsePhoneRequest({ kind: 'ballot', id: 'req-123', pollId: 'poll-123', choices: [0, 2] }).ok).toBe(true);
    expect(parsePhoneRequest({ kind: 'ballot', id: 'req-123', pollId: 'poll-123', choices: [-1] }).ok).toBe(false);
    expect(parsePhoneRequest({ kind: 'ballot', id: 'req-123', pollId: 'poll-123', choices: 'all' }).ok).toBe(false);
  });

  it('is refused when the session is not open', () => {
    const state = fold(log([created, parks]));
    expect(decidePhoneRequest(state, 'dA', { kind: 'ballot', id: 'r1', pollId: 'p1', choices: [0] }, () => 'x').ok).toBe(false);
  });
});

describe('poll commands (the facilitator)', () => {
  it('prepares, edits while a draft, opens, closes for good, and duplicates to run again', () => {
    const state = openSession();
    const c = run(state, 'createPoll', { kind: 'single', question: '  Which design? ', options: ['North', '', 'River'] });
    expect(c.ok).toBe(true);
    const id = (c as { pollId: string }).pollId;
    expect(state.polls.byId.get(id)).toMatchObject({ question: 'Which design?', options: ['North', 'River'], status: 'draft', itemId: null });
    expect(run(state, 'editPoll', { pollId: id, kind: 'multiple', question: 'Which designs?', options: ['N', 'R', 'H'], maxChoices: 2 }).ok).toBe(true);
    expect(state.polls.byId.get(id)).toMatchObject({ kind: 'multiple', maxChoices: 2, options: ['N', 'R', 'H'] });
    expect(run(state, 'openPoll', { pollId: id }).ok).toBe(true);
    expect(run(state, 'editPoll', { pollId: id, kind: 'yesno', question: 'x' })).toEqual({ ok: false, error: expect.stringMatching(/Only a draft/) });
    expect(run(state, 'closePoll', { pollId: id })).toMatchObject({ ok: true, events: [{ type: 'poll.closed', connected: 7 }] });
    expect(run(state, 'openPoll', { pollId: id })).toEqual({ ok: false, error: expect.stringMatching(/closed poll is final/) });
    const dup = run(state, 'duplicatePoll', { pollId: id });
    expect(dup.ok).toBe(true);
    expect(state.polls.byId.get((dup as { pollId: string }).pollId)).toMatchObject({ status: 'draft', duplicateOf: id, question: 'Which designs?' });
  });

  it('attaches a poll to an agenda item (kept by a duplicate), or refuses an item not on the agenda', () => {
    const state = openSession();
    const item: EventBody = { type: 'agenda.itemAdded', itemId: 'item00budget', title: 'Budget', description: '', speakingMs: 120_000, publicComment: true, maxSpeakers: null };
    applyEvent(state, { seq: state.lastSeq + 1, at: t0, body: item, hash: 'h' });
    const c = run(state, 'createPoll', { kind: 'yesno', question: 'Adopt the budget?', itemId: 'item00budget' });
    expect(c.ok).toBe(true);
    const id = (c as { pollId: string }).pollId;
    expect(state.polls.byId.get(id)).toMatchObject({ itemId: 'item00budget' });
    const dup = run(state, 'duplicatePoll', { pollId: id });
    expect(state.polls.byId.get((dup as { pollId: string }).pollId)).toMatchObject({ itemId: 'item00budget' });
    expect(run(state, 'createPoll', { kind: 'yesno', question: 'Q?', itemId: 'item00gone00' })).toEqual({ ok: false, error: 'That agenda item is not on the agenda.' });
  });

  it('fixes the options of yes/no/abstain and rating, and checks options of the others', () => {
    const state = openSession();
    const yn = run(state, 'createPoll', { kind: 'yesno', question: 'Keep the market on Sundays?', options: ['ignored'] });
    expect(state.polls.byId.get((yn as { pollId: string }).pollId)!.options).toEqual(['yes', 'no', 'abstain']);
    const r = run(state, 'createPoll', { kind: 'rating', question: 'How clear was the budget?' });
    expect(state.polls.byId.get((r as { pollId: string }).pollId)!.options).toEqual(['1', '2', '3', '4', '5']);
    expect(run(state, 'createPoll', { kind: 'single', question: 'Q', options: ['only'] })).toEqual({ ok: false, error: 'Give at least 2 options.' });
    expect(run(state, 'createPoll', { kind: 'single', question: 'Q', options: Array.from({ length: 11 }, (_, i) => `o${i}`) })).toEqual({
      ok: false,
      error: 'A poll can have at most 10 options.',
    });
    expect(run(state, 'createPoll', { kind: 'single', question: 'Q', options: ['Park', 'park'] })).toEqual({ ok: false, error: 'Two options are the same.' });
    expect(run(state, 'createPoll', { kind: 'multiple', question: 'Q', options: ['a', 'b'], maxChoices: 3 }).ok).toBe(false);
  });

  it('limits the question to 200 characters, an option to 80, and polls per session', () => {
    expect(controlInputs.createPoll.safeParse({ kind: 'single', question: 'x'.repeat(201), options: ['a', 'b'] }).error?.issues[0]?.message).toBe(
      'A poll question can be at most 200 characters.',
    );
    expect(controlInputs.createPoll.safeParse({ kind: 'single', question: 'Q', options: ['a', 'b'.repeat(81)] }).error?.issues[0]?.message).toBe(
      'An option can be at most 80 characters.',
    );
    expect(controlInputs.createPoll.safeParse({ kind: 'single', question: '   ', options: ['a', 'b'] }).success).toBe(false);
    const state = openSession();
    for (let i = 0; i < LIMITS.pollsPerSession; i++) expect(run(state, 'createPoll', { kind: 'yesno', question: `Q${i}` }).ok).toBe(true);
    expect(run(state, 'createPoll', { kind: 'yesno', question: 'one more' })).toEqual({ ok: false, error: `A session can have at most ${LIMITS.pollsPerSession} polls.` });
  });

  it('shows one poll at a time on the projector, never a draft, and takes it down', () => {
    const state = openSession();
    const a = (run(state, 'createPoll', { kind: 'yesno', question: 'A?' }) as { pollId: string }).pollId;
    const b = (run(state, 'createPoll', { kind: 'yesno', question: 'B?' }) as { pollId: string }).pollId;
    expect(run(state, 'showPoll', { pollId: a })).toEqual({ ok: false, error: 'Open the poll before showing it on the projector.' });
    run(state, 'openPoll', { pollId: a });
    run(state, 'openPoll', { pollId: b });
    run(state, 'showPoll', { pollId: a });
    expect(state.polls.shown).toBe(a);
    run(state, 'showPoll', { pollId: b });
    expect(state.polls.shown).toBe(b);
    expect(run(state, 'showPoll', { pollId: null })).toMatchObject({ ok: true, events: [{ type: 'poll.hidden', pollId: b }] });
    expect(state.polls.shown).toBeNull();
  });

  it('opens a poll only in an open session, changes visibility, and refuses everything once the session closed', () => {
    const draft = fold(log([created]));
    const id = (run(draft, 'createPoll', { kind: 'yesno', question: 'Early?' }) as { pollId: string }).pollId;
    expect(run(draft, 'openPoll', { pollId: id })).toEqual({ ok: false, error: 'Open the session before opening a poll.' });
    expect(run(draft, 'closePoll', { pollId: id })).toEqual({ ok: false, error: 'This poll has not been opened.' });
    expect(run(draft, 'setPollVisibility', { pollId: id, visibility: 'console' })).toMatchObject({ ok: true, events: [{ type: 'poll.visibility' }] });
    expect(run(draft, 'openPoll', { pollId: 'unknown1' })).toEqual({ ok: false, error: 'No such poll.' });
    const closed = fold(log([created, { type: 'session.opened' }, { type: 'session.closed' }]));
    expect(run(closed, 'createPoll', { kind: 'yesno', question: 'Late?' }).ok).toBe(false);
  });
});
