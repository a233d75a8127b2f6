import { describe, expect, it } from 'vitest';
import { controlInputs } from '../src-shared/control.js';
import type { ControlParsedInput } from '../src-shared/control.js';
import { decideControl, type DecidedCommand } from '../src-shared/decide-control.js';
import { ruleContext } from './helpers/rule-context.js';
import { decidePhoneRequest } from '../src-shared/decide-phone.js';
import { REFUSALS } from '../src-shared/refusals.js';
import type { EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { MODERATION_REFUSALS } from '../src-shared/features/moderation/decide-control.js';
import { createMatcher, foldWord, markHeld } from '../src-shared/features/moderation/profanity.js';
import type { PhoneRequest } from '../src-shared/requests.js';
import { type SessionState } from '../src-shared/state.js';
import { questionStatus } from '../src-shared/features/questions/fold.js';
import { applyEvent, fold } from '../src-shared/fold.js';
import { boardQuestions, deskQuestions, deskStats } from '../src-shared/features/questions/views.js';

/**
 * Moderation (issue 10) as pure rules: every transition and every refusal, decided on a folded state and
 * applied back, so each test walks the path the host takes (decide → log → fold → views).
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class Session {
  readonly events: LoggedEvent[] = [];
  state: SessionState = fold([]);
  private n = 0;
  private at = 1_700_000_000_000;

  constructor(premoderation = false) {
    this.append('facilitator', { type: 'session.created', sessionId: 's1', title: 'Budget forum', place: 'Hall', timeZone: 'UTC' });
    this.append('facilitator', { type: 'session.opened' });
    if (!premoderation) this.append('facilitator', { type: 'settings.changed', premoderation: false });
  }

  append(actor: LoggedEvent['actor'], ...bodies: EventBody[]): void {
    for (const body of bodies) {
      this.at += 1000;
      const e = chainEvent(this.events.at(-1) ?? null, this.at, actor, body);
      this.events.push(e);
      applyEvent(this.state, e);
    }
  }

  /** A phone request through the authority's rules; returns the decision (events applied when accepted). */
  phone(deviceId: string, request: DistributiveOmit<PhoneRequest, 'id'>) {
    const decision = decidePhoneRequest(this.state, deviceId, { ...request, id: `request${++this.n}` } as PhoneRequest, () => `question${this.n}`);
    if (decision.ok) this.append(`device:${deviceId}`, ...decision.events);
    return decision;
  }

  ask(deviceId: string, text: string, name?: string): string {
    const d = this.phone(deviceId, { kind: 'ask', text, ...(name ? { name } : {}) } as DistributiveOmit<PhoneRequest, 'id'>);
    if (!d.ok || !d.questionId) throw new Error('ask refused');
    return d.questionId;
  }

  vote(deviceId: string, questionId: string, kind: 'vote' | 'unvote' = 'vote') {
    return this.phone(deviceId, { kind, questionId });
  }

  /** A facilitator command, its input parsed by the contract's schema as the host does. */
  command<K extends DecidedCommand>(command: K, raw: unknown) {
    const input = controlInputs[command].parse(raw) as ControlParsedInput<K>;
    const decision = decideControl(ruleContext(this.state), command, input);
    if (!decision.ok) return decision;
    this.append('facilitator', ...decision.events);
    return { ok: true, events: decision.events };
  }

  q(id: string) {
    return this.state.questions.get(id)!;
  }
  status(id: string) {
    return questionStatus(this.q(id), this.state.floor);
  }
  board() {
    return boardQuestions(this.state);
  }
  desk(id: string) {
    return deskQuestions(this.state, () => 'Phone').find((q) => q.id === id)!;
  }
}

describe('edit with the original kept', () => {
  it('the public sees the edited text with a mark; the log and the desk keep the asker’s', () => {
    const s = new Session();
    const id = s.ask('dA', 'When does the pool reopen? Call me on 0612345678', 'Ana');
    expect(s.command('editQuestion', { questionId: id, text: 'When does the pool reopen?', name: 'Ana' })).toMatchObject({ ok: true });
    expect(s.board()).toEqual([expect.objectContaining({ id, text: 'When does the pool reopen?', edited: true })]);
    expect(s.desk(id)).toMatchObject({ text: 'When does the pool reopen?', original: { text: 'When does the pool reopen? Call me on 0612345678', name: 'Ana' } });
    const asked = s.events.find((e) => e.body.type === 'question.asked')!.body as { text: string };
    expect(asked.text).toContain('0612345678');
    // A second edit keeps the very first original.
    s.command('editQuestion', { questionId: id, text: 'When will the pool reopen?', name: '' });
    expect(s.q(id).original).toEqual({ text: 'When does the pool reopen? Call me on 0612345678', name: 'Ana' });
    expect(s.q(id).name).toBe('');
  });

  it('editing to the same text is a no-op; a missing name keeps the name', () => {
    const s = new Session();
    const id = s.ask('dA', 'Same', 'Bo');
    expect(s.command('editQuestion', { questionId: id, text: 'Same' })).toEqual({ ok: true, events: [] });
    s.command('editQuestion', { questionId: id, text: 'Other' });
    expect(s.q(id).name).toBe('Bo');
  });

  it('refuses an unknown, withdrawn or merged question, and an empty text (schema)', () => {
    const s = new Session();
    const a = s.ask('dA', 'A');
    const b = s.ask('dB', 'B');
    expect(s.command('editQuestion', { questionId: 'nosuchqq', text: 'x' })).toEqual({ ok: false, error: MODERATION_REFUSALS.noQuestion });
    s.phone('dA', { kind: 'withdraw', questionId: a });
    expect(s.command('editQuestion', { questionId: a, text: 'x' })).toEqual({ ok: false, error: MODERATION_REFUSALS.withdrawn });
    const c = s.ask('dC', 'C');
    s.command('mergeQuestion', { questionId: c, into: b });
    expect(s.command('editQuestion', { questionId: c, text: 'x' })).toEqual({ ok: false, error: MODERATION_REFUSALS.isMerged });
    expect(controlInputs.editQuestion.safeParse({ questionId: b, text: '   ' }).success).toBe(false);
    expect(controlInputs.editQuestion.safeParse({ questionId: b, text: 'x'.repeat(501) }).success).toBe(false);
  });

  it('the minutes show the edited text only and say it was edited', () => {
    const s = new Session();
    const id = s.ask('dA', 'Private: my address is 5 Elm St. Will the road be fixed?');
    s.command('editQuestion', { questionId: id, text: 'Will the road be fixed?' });
    const minutes = buildMinutes(s.events, { locale: 'en-GB', generatedAt: Date.now() });
    expect(minutes.questions[0]).toMatchObject({ text: 'Will the road be fixed?', edited: true });
    expect(minutes.moderation.edited).toBe(1);
    const md = renderMinutesMarkdown(minutes);
    expect(md).not.toContain('Elm');
    expect(md).toContain('edited by the moderator');
  });
});

describe('merge duplicates, votes united by phone', () => {
  function withVotes() {
    const s = new Session();
    const keep = s.ask('dA', 'Will the library open on Sundays?');
    const dup = s.ask('dB', 'Library on Sunday?');
    s.vote('v1', keep);
    s.vote('v2', keep);
    s.vote('v2', dup); // voted for both: counts once after the merge
    s.vote('v3', dup);
    return { s, keep, dup };
  }

  it('the duplicate leaves the board, its votes count for the kept one once per phone', () => {
    const { s, keep, dup } = withVotes();
    expect(s.command('mergeQuestion', { questionId: dup, into: keep })).toEqual({
      ok: true,
      events: [{ type: 'question.merged', questionId: dup, into: keep }],
    });
    expect(s.board().map((q) => [q.id, q.votes])).toEqual([[keep, 3]]);
    expect(s.status(dup)).toBe('merged');
    expect(s.desk(keep)).toMatchObject({ mergedCount: 1, votes: 3 });
    expect(s.desk(dup)).toMatchObject({ mergedInto: keep });
    expect(deskStats(s.state, 0).votes).toBe(3);
    const minutes = buildMinutes(s.events, { locale: 'en-GB', generatedAt: Date.now() });
    expect(minutes.questions.map((q) => [q.id, q.votes, q.merged])).toEqual([[keep, 3, 1]]);
    expect(minutes.participation.votesCast).toBe(3);
    expect(minutes.moderation.merged).toBe(1);
  });

  it('a phone whose vote is already counted through the duplicate votes as a no-op; unvoting removes it everywhere', () => {
    const { s, keep, dup } = withVotes();
    s.command('mergeQuestion', { questionId: dup, into: keep });
    expect(s.vote('v3', keep)).toEqual({ ok: true, events: [] });
    expect(s.vote('v3', dup)).toEqual({ ok: false, reason: REFUSALS.notVotable });
    expect(s.vote('v2', keep, 'unvote')).toMatchObject({ ok: true });
    expect(s.board()[0]!.votes).toBe(2);
    expect(s.q(dup).voters.has('v2')).toBe(false);
  });

  it('unmerge restores both questions with their own votes', () => {
    const { s, keep, dup } = withVotes();
    s.command('mergeQuestion', { questionId: dup, into: keep });
    s.vote('v4', keep); // cast while merged: belongs to the kept question
    expect(s.command('unmergeQuestion', { questionId: dup })).toEqual({
      ok: true,
      events: [{ type: 'question.unmerged', questionId: dup, from: keep }],
    });
    const votes = Object.fromEntries(s.board().map((q) => [q.id, q.votes]));
    expect(votes).toEqual({ [keep]: 3, [dup]: 2 });
    expect(s.status(dup)).toBe('on-screen');
    expect(s.desk(keep).mergedCount).toBe(0);
  });

  it('merging into a question with its own duplicates unites the whole tree', () => {
    const { s, keep, dup } = withVotes();
    const third = s.ask('dC', 'Sunday opening for the library');
    s.vote('v5', third);
    s.command('mergeQuestion', { questionId: dup, into: keep });
    s.command('mergeQuestion', { questionId: keep, into: third });
    expect(s.board().map((q) => [q.id, q.votes])).toEqual([[third, 4]]);
  });

  it('refuses what cannot be merged, in plain words', () => {
    const s = new Session();
    const a = s.ask('dA', 'A');
    const b = s.ask('dB', 'B');
    const c = s.ask('dC', 'C');
    const fail = (error: string) => ({ ok: false, error });
    expect(s.command('mergeQuestion', { questionId: a, into: a })).toEqual(fail(MODERATION_REFUSALS.sameQuestion));
    expect(s.command('mergeQuestion', { questionId: a, into: 'nosuchqq' })).toEqual(fail(MODERATION_REFUSALS.noQuestion));
    expect(s.command('mergeQuestion', { questionId: 'nosuchqq', into: a })).toEqual(fail(MODERATION_REFUSALS.noQuestion));
    s.command('setFloor', { questionId: a });
    expect(s.command('mergeQuestion', { questionId: a, into: b })).toEqual(fail(MODERATION_REFUSALS.dupOnFloor));
    s.command('markAnswered', { questionId: a });
    expect(s.command('mergeQuestion', { questionId: a, into: b })).toEqual(fail(MODERATION_REFUSALS.dupAnswered));
    s.command('hide', { questionId: c });
    expect(s.command('mergeQuestion', { questionId: b, into: c })).toEqual(fail(MODERATION_REFUSALS.keepNotOnBoard));
    const d = s.ask('dD', 'D');
    s.command('mergeQuestion', { questionId: d, into: b });
    expect(s.command('mergeQuestion', { questionId: d, into: b })).toEqual({ ok: true, events: [] });
    expect(s.command('mergeQuestion', { questionId: d, into: a })).toEqual(fail(MODERATION_REFUSALS.isMerged));
    const e = s.ask('dE', 'E');
    expect(s.command('mergeQuestion', { questionId: e, into: d })).toEqual(fail(MODERATION_REFUSALS.keepMerged));
    s.phone('dE', { kind: 'withdraw', questionId: e });
    expect(s.command('mergeQuestion', { questionId: e, into: b })).toEqual(fail(MODERATION_REFUSALS.withdrawn));
    expect(s.command('unmergeQuestion', { questionId: b })).toEqual(fail(MODERATION_REFUSALS.notMerged));
    expect(s.command('unmergeQuestion', { questionId: 'nosuchqq' })).toEqual(fail(MODERATION_REFUSALS.noQuestion));
  });

  it('a hidden duplicate can be merged (it stays off the board) and the floor is never left on a merged question', () => {
    const s = new Session();
    const a = s.ask('dA', 'A');
    const b = s.ask('dB', 'B');
    s.command('hide', { questionId: b });
    expect(s.command('mergeQuestion', { questionId: b, into: a })).toMatchObject({ ok: true });
    s.command('unmergeQuestion', { questionId: b });
    expect(s.status(b)).toBe('hidden');
  });
});

describe('profanity filter', () => {
  it('holds a question with an English or Spanish word even when pre-moderation is off, and marks the words', () => {
    const s = new Session();
    const en = s.ask('dA', 'Why is the council so full of SHIT?');
    const es = s.ask('dB', '¿Por qué esta mierda de autobús llega tarde?');
    const clean = s.ask('dC', 'What is the class schedule at Scunthorpe?');
    expect(s.status(en)).toBe('waiting');
    expect(s.status(es)).toBe('waiting');
    expect(s.status(clean)).toBe('on-screen');
    expect(s.q(en).held).toEqual(['SHIT']);
    expect(s.desk(es).held).toEqual(['mierda']);
    expect(markHeld('¿Por qué esta mierda de autobús?', ['mierda'])).toEqual([
      { text: '¿Por qué esta ', held: false },
      { text: 'mierda', held: true },
      { text: ' de autobús?', held: false },
    ]);
    // Nothing is dropped: it is in the log and in the console's queue.
    expect(s.events.filter((e) => e.body.type === 'question.asked')).toHaveLength(3);
  });

  it('holds a name too', () => {
    const s = new Session();
    const id = s.ask('dA', 'A fair question', 'Dickhead');
    expect(s.status(id)).toBe('waiting');
    expect(s.q(id).held).toEqual(['Dickhead']);
  });

  it('the facilitator’s own words count; switching the filter off lets matches through', () => {
    const s = new Session();
    expect(s.command('setCustomWords', { words: ['Blorf', 'grr*'] })).toEqual({
      ok: true,
      events: [{ type: 'filter.changed', on: true, words: ['Blorf', 'grr*'] }],
    });
    expect(s.status(s.ask('dA', 'You blorf!'))).toBe('waiting');
    expect(s.status(s.ask('dB', 'Grrrrr at the budget'))).toBe('waiting');
    expect(s.command('setProfanityFilter', { on: false })).toMatchObject({ ok: true, events: [{ type: 'filter.changed', on: false, words: ['Blorf', 'grr*'] }] });
    expect(s.command('setProfanityFilter', { on: false })).toEqual({ ok: true, events: [] });
    expect(s.status(s.ask('dC', 'You blorf!'))).toBe('on-screen');
    expect(controlInputs.setCustomWords.safeParse({ words: ['x'.repeat(41)] }).success).toBe(false);
    expect(controlInputs.setCustomWords.safeParse({ words: Array.from({ length: 201 }, (_, i) => `w${i}`) }).success).toBe(false);
  });

  it('matches whole words after folding case, accents and digit swaps', () => {
    const m = createMatcher(['café'], [['fuck*', 'ass']]);
    expect(m.matches('F4CKING no, fuckers yes, class and assess pass, CAFE')).toEqual(['fuckers', 'CAFE']);
    expect(m.matches('sh1t 4ss')).toEqual(['4ss']);
    expect(foldWord('PÚÑETA')).toBe('puneta');
  });
});

describe('mute a phone', () => {
  it('hides its pending and future questions, keeps what is on the board, and unmute restores the queue', () => {
    const s = new Session(true);
    const pending = s.ask('dA', 'Spam 1');
    const approved = s.ask('dA', 'A real question');
    s.command('approve', { questionId: approved });
    const other = s.ask('dB', 'Someone else');
    const muted = s.command('muteAsker', { questionId: pending });
    expect(muted).toEqual({ ok: true, events: [{ type: 'device.muted', deviceId: 'dA', questionIds: [pending, approved] }] });
    expect(s.status(pending)).toBe('hidden');
    expect(s.status(approved)).toBe('on-screen');
    expect(s.status(other)).toBe('waiting');
    expect(s.desk(approved).askerMuted).toBe(true);
    const later = s.ask('dA', 'Spam 2');
    expect(s.status(later)).toBe('hidden');
    expect(s.desk(later).askerMuted).toBe(true);
    // Its votes still count (documented in ARCHITECTURE.md): muting silences questions, not votes.
    expect(s.vote('dA', approved)).toMatchObject({ ok: true, events: [{ type: 'vote.cast' }] });
    expect(s.command('muteAsker', { questionId: later })).toEqual({ ok: true, events: [] });

    expect(s.command('unmuteAsker', { questionId: later })).toMatchObject({ ok: true, events: [{ type: 'device.unmuted', deviceId: 'dA' }] });
    expect(s.status(pending)).toBe('waiting');
    expect(s.status(later)).toBe('waiting');
    expect(s.status(approved)).toBe('on-screen');
    expect(s.command('unmuteAsker', { questionId: later })).toEqual({ ok: true, events: [] });
  });

  it('a question the moderator hid stays hidden after unmute', () => {
    const s = new Session(true);
    const a = s.ask('dA', 'A');
    s.command('hide', { questionId: a });
    s.command('muteAsker', { questionId: a });
    s.command('unmuteAsker', { questionId: a });
    expect(s.status(a)).toBe('hidden');
    expect(s.command('muteAsker', { questionId: 'nosuchqq' })).toEqual({ ok: false, error: MODERATION_REFUSALS.noQuestion });
  });
});

describe('a closed session', () => {
  it('refuses every moderation command', () => {
    const s = new Session();
    const a = s.ask('dA', 'A');
    const b = s.ask('dB', 'B');
    s.append('facilitator', { type: 'session.closed' });
    for (const [command, input] of [
      ['editQuestion', { questionId: a, text: 'x' }],
      ['mergeQuestion', { questionId: a, into: b }],
      ['muteAsker', { questionId: a }],
      ['setProfanityFilter', { on: false }],
    ] as const) {
      expect(s.command(command, input)).toMatchObject({ ok: false, error: expect.stringContaining('closed') });
    }
  });
});
