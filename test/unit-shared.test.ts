import { describe, expect, it } from 'vitest';
import { decidePhoneRequest } from '../src-shared/decide-phone.js';
import { REFUSALS } from '../src-shared/refusals.js';
import { decideControl } from '../src-shared/decide-control.js';
import type { EventBody, LoggedEvent } from '../src-shared/events.js';
import { canonicalJson, chainEvent, verifyChain } from '../src-shared/hash-chain.js';
import { RateLimiter } from '../src-shared/rate-limit.js';
import { parsePhoneRequest } from '../src-shared/requests.js';
import { questionStatus } from '../src-shared/features/questions/fold.js';
import { fold } from '../src-shared/fold.js';
import { boardQuestions, sortQuestions } from '../src-shared/features/questions/views.js';
import { ruleContext } from './helpers/rule-context.js';

function log(bodies: EventBody[], start = 1_700_000_000_000): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  bodies.forEach((b, i) => out.push(chainEvent(out.at(-1) ?? null, start + i * 1000, 'facilitator', b)));
  return out;
}

const created: EventBody = { type: 'session.created', sessionId: 's1', title: 'Budget forum', place: 'Town hall', timeZone: 'UTC' };
const asked = (questionId: string, deviceId: string, approved = false): EventBody => ({
  type: 'question.asked', questionId, deviceId, requestId: `r-${questionId}`, text: `Question ${questionId}`, name: '', approved,
});

describe('fold', () => {
  it('rebuilds a session from its events: moderation, votes, floor and answers', () => {
    const state = fold(
      log([
        created,
        { type: 'session.opened' },
        asked('q1', 'dA'),
        asked('q2', 'dA'),
        { type: 'question.approved', questionId: 'q1' },
        { type: 'vote.cast', questionId: 'q1', deviceId: 'dB', requestId: 'v1' },
        { type: 'vote.cast', questionId: 'q1', deviceId: 'dC', requestId: 'v2' },
        { type: 'vote.withdrawn', questionId: 'q1', deviceId: 'dB', requestId: 'v3' },
        { type: 'floor.set', questionId: 'q1' },
        { type: 'question.hidden', questionId: 'q2' },
      ]),
    );
    expect(state.title).toBe('Budget forum');
    expect(state.status).toBe('open');
    const q1 = state.questions.get('q1')!;
    expect(q1.voters.size).toBe(1);
    expect(questionStatus(q1, state.floor)).toBe('on-floor');
    expect(questionStatus(state.questions.get('q2')!, state.floor)).toBe('hidden');
    expect(boardQuestions(state).map((q) => q.id)).toEqual(['q1']);
  });

  it('answering takes a question off the floor and closing clears the floor', () => {
    const state = fold(
      log([created, { type: 'session.opened' }, asked('q1', 'dA', true), { type: 'floor.set', questionId: 'q1' }, { type: 'question.answered', questionId: 'q1' }]),
    );
    expect(state.floor).toBeNull();
    expect(questionStatus(state.questions.get('q1')!, state.floor)).toBe('answered');
  });
});

describe('written replies and attendance', () => {
  it('keeps a written reply, the facilitator and the peak of phones connected', () => {
    const state = fold(
      log([
        { ...created, facilitator: 'Ana Ruiz' } as EventBody,
        { type: 'session.opened' },
        asked('q1', 'dA', true),
        { type: 'question.answered', questionId: 'q1', reply: 'The library will open on Sundays from May.' },
        { type: 'attendance.peak', connected: 12 },
        { type: 'attendance.peak', connected: 9 },
      ]),
    );
    expect(state.facilitator).toBe('Ana Ruiz');
    expect(state.questions.get('q1')!.reply).toBe('The library will open on Sundays from May.');
    expect(state.peakConnected).toBe(12);
    expect(decideControl(ruleContext(fold(log([created, { type: 'session.opened' }, asked('q2', 'dA', true)]))), 'markAnswered', { questionId: 'q2', reply: 'In writing' })).toMatchObject({
      ok: true,
      events: [{ type: 'question.answered', questionId: 'q2', reply: 'In writing' }],
    });
  });
});

describe('hash chain', () => {
  it('verifies an untouched log and gives its final hash', () => {
    const events = log([created, { type: 'session.opened' }, asked('q1', 'dA')]);
    const check = verifyChain(events);
    expect(check).toEqual({ ok: true, count: 3, finalHash: events[2]!.hash });
  });

  it('names the first event whose content was altered', () => {
    const events = log([created, { type: 'session.opened' }, asked('q1', 'dA'), asked('q2', 'dB')]);
    const tampered = structuredClone(events);
    (tampered[2]!.body as { text: string }).text = 'Something else';
    const check = verifyChain(tampered);
    expect(check.ok).toBe(false);
    expect(check.ok === false && check.badSeq).toBe(3);
  });

  it('detects a removed event', () => {
    const events = log([created, { type: 'session.opened' }, asked('q1', 'dA')]);
    const check = verifyChain([events[0]!, events[2]!]);
    expect(check.ok === false && check.badSeq).toBe(3);
  });

  it('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 2, f: 1 }], d: 2 }, b: 1 }));
  });
});

describe('request validation', () => {
  const ask = (text: string, name?: string) => parsePhoneRequest({ kind: 'ask', id: 'req-000001', text, ...(name === undefined ? {} : { name }) });

  it('accepts 1 to 500 characters after trimming, counting emoji as one', () => {
    expect(ask('  Why?  ')).toMatchObject({ ok: true, request: { text: 'Why?' } });
    expect(ask('é'.repeat(500)).ok).toBe(true);
    expect(ask('😀'.repeat(500)).ok).toBe(true);
    expect(ask('x'.repeat(501))).toMatchObject({ ok: false, reason: 'A question can be at most 500 characters.' });
    expect(ask('   \n  ')).toMatchObject({ ok: false, reason: 'The question is empty.' });
  });

  it('limits names to 40 characters and keeps markup as plain text', () => {
    expect(ask('Hi', 'n'.repeat(41))).toMatchObject({ ok: false, reason: 'A name can be at most 40 characters.' });
    expect(ask('<script>alert(1)</script>', ' Ana ')).toMatchObject({ ok: true, request: { text: '<script>alert(1)</script>', name: 'Ana' } });
  });

  it('rejects unknown kinds and bad ids, keeping the id when it can answer', () => {
    expect(parsePhoneRequest({ kind: 'delete-all', id: 'req-000001' })).toMatchObject({ ok: false, requestId: 'req-000001' });
    expect(parsePhoneRequest({ kind: 'vote', id: 'x', questionId: 'q1' })).toMatchObject({ ok: false, requestId: null });
    expect(parsePhoneRequest('hello')).toMatchObject({ ok: false, requestId: null });
  });
});

describe('rules for phone requests', () => {
  const open = fold(log([created, { type: 'session.opened' }, asked('q1', 'dA'), asked('q2', 'dA', true)]));
  let n = 0;
  const ids = () => `qid-${++n}`;

  it('votes only on approved questions, and a second vote does not count', () => {
    expect(decidePhoneRequest(open, 'dB', { kind: 'vote', id: 'v1', questionId: 'q1' }, ids)).toEqual({ ok: false, reason: REFUSALS.notVotable });
    const first = decidePhoneRequest(open, 'dB', { kind: 'vote', id: 'v2', questionId: 'q2' }, ids);
    expect(first.ok && first.events).toHaveLength(1);
    open.questions.get('q2')!.voters.add('dB');
    const again = decidePhoneRequest(open, 'dB', { kind: 'vote', id: 'v3', questionId: 'q2' }, ids);
    expect(again).toEqual({ ok: true, events: [] });
  });

  it('pre-moderation decides whether a question goes straight to the board', () => {
    const d = decidePhoneRequest(open, 'dB', { kind: 'ask', id: 'a1', text: 'Q' }, ids);
    expect(d.ok && d.events[0]).toMatchObject({ type: 'question.asked', approved: false });
    const noPremod = fold(log([created, { type: 'session.opened' }, { type: 'settings.changed', premoderation: false }]));
    const d2 = decidePhoneRequest(noPremod, 'dB', { kind: 'ask', id: 'a2', text: 'Q' }, ids);
    expect(d2.ok && d2.events[0]).toMatchObject({ approved: true });
  });

  it('refuses requests before the session opens and after it closes', () => {
    const draft = fold(log([created]));
    expect(decidePhoneRequest(draft, 'dB', { kind: 'ask', id: 'a1', text: 'Q' }, ids)).toEqual({ ok: false, reason: REFUSALS.notOpen });
    const closed = fold(log([created, { type: 'session.opened' }, { type: 'session.closed' }]));
    expect(decidePhoneRequest(closed, 'dB', { kind: 'ask', id: 'a1', text: 'Q' }, ids)).toEqual({ ok: false, reason: REFUSALS.closed });
  });

  it('only the asker can withdraw a question', () => {
    expect(decidePhoneRequest(open, 'dB', { kind: 'withdraw', id: 'w1', questionId: 'q1' }, ids)).toEqual({ ok: false, reason: REFUSALS.notYours });
  });
});

describe('rules for facilitator commands', () => {
  const state = fold(log([created, { type: 'session.opened' }, asked('q1', 'dA')]));
  it('a question must be approved before it goes on the floor', () => {
    expect(decideControl(ruleContext(state), 'setFloor', { questionId: 'q1' })).toMatchObject({ ok: false, error: 'Approve the question before putting it on the floor.' });
    expect(decideControl(ruleContext(state), 'approve', { questionId: 'q1' })).toMatchObject({ ok: true, events: [{ type: 'question.approved', questionId: 'q1' }] });
    expect(decideControl(ruleContext(state), 'hide', { questionId: 'nope' })).toMatchObject({ ok: false, error: 'No such question.' });
  });
});

describe('rate limiter', () => {
  it('allows the limit per window, then refuses, then recovers as the window slides', () => {
    const rl = new RateLimiter(5, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++) expect(rl.take('d', t0 + i)).toBe(true);
    expect(rl.take('d', t0 + 10)).toBe(false);
    expect(rl.take('other', t0 + 10)).toBe(true);
    expect(rl.take('d', t0 + 60_001)).toBe(true);
    rl.prune(t0 + 500_000);
    expect(rl.take('d', t0 + 500_000)).toBe(true);
  });
});

describe('sorting', () => {
  it('puts the floor first, answered last, and orders by votes or by newest', () => {
    const qs = [
      { id: 'a', votes: 1, askedAt: 1, status: 'on-screen' },
      { id: 'b', votes: 5, askedAt: 2, status: 'answered' },
      { id: 'c', votes: 3, askedAt: 3, status: 'on-screen' },
      { id: 'd', votes: 0, askedAt: 4, status: 'on-floor' },
      { id: 'e', votes: 10, askedAt: 0, status: 'on-screen' },
    ];
    expect(sortQuestions(qs, 'votes').map((q) => q.id)).toEqual(['d', 'e', 'c', 'a', 'b']);
    expect(sortQuestions(qs, 'newest').map((q) => q.id)).toEqual(['d', 'c', 'a', 'e', 'b']);
  });
});

describe('host ids', () => {
  it('are letters and digits only, so no id reads as a command-line option or a spreadsheet formula', async () => {
    const { newId } = await import('../src-shared/ids.js');
    const ids = Array.from({ length: 2000 }, newId);
    expect(ids.every((id) => /^[A-Za-z0-9]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
