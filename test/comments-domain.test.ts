import { beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_PHONE_RULES } from '../src-shared/features/comments/decide-phone.js';
import { deskComments } from '../src-shared/features/comments/views.js';
import { boardAgenda } from '../src-shared/features/agenda/views.js';
import type { Decision } from '../src-shared/decide-phone.js';
import { fold } from '../src-shared/fold.js';
import { LIMITS } from '../src-shared/limits.js';
import { COMMENT_REFUSALS, REFUSALS, SPEAK_REFUSALS } from '../src-shared/refusals.js';
import { parsePhoneRequest } from '../src-shared/requests.js';
import { Meeting } from './helpers/agenda-meeting.js';

let m: Meeting;
let budget: string;
let minutes: string;
beforeEach(() => {
  m = new Meeting();
  budget = m.do('addItem', { title: 'Budget' });
  minutes = m.do('addItem', { title: 'Minutes of last meeting', publicComment: false });
});

const refusal = (d: Decision): string => (d.ok ? 'accepted' : d.reason);
let n = 0;
const comment = (deviceId: string, itemId: string, text = 'Please keep the library open.', name?: string): Decision =>
  m.phone(deviceId, { kind: 'comment', id: `comm${String(++n).padStart(4, '0')}`, itemId, text, ...(name === undefined ? {} : { name }) });

describe('written comments: the rule as a pure function', () => {
  it('a comment on an item with public comment is written, with the phone, the request and the name (or none)', () => {
    expect(comment('phoneA', budget, '  Keep the library open.  ', ' Ana ')).toMatchObject({
      ok: true,
      events: [{ type: 'comment.written', itemId: budget, deviceId: 'phoneA', text: 'Keep the library open.', name: 'Ana' }],
    });
    expect(comment('phoneB', budget, 'Fix the roads.')).toMatchObject({ ok: true, events: [{ name: '' }] });
    expect(m.state.comments.byItem.get(budget)!.map((c) => [c.text, c.name, c.deviceId])).toEqual([
      ['Keep the library open.', 'Ana', 'phoneA'],
      ['Fix the roads.', '', 'phoneB'],
    ]);
    expect(deskComments(m.state).map((c) => [c.n, c.itemId, c.text, c.name])).toEqual([
      [1, budget, 'Keep the library open.', 'Ana'],
      [2, budget, 'Fix the roads.', ''],
    ]);
    // The fold of the log gives the same comments; the board carries none.
    expect(deskComments(fold(m.events))).toEqual(deskComments(m.state));
    expect(JSON.stringify(boardAgenda(m.state))).not.toContain('library');
  });

  it('refused in plain words: an unknown item, an item without public comment, more than the limit per phone and item', () => {
    expect(refusal(comment('phoneA', 'nosuchitem0001'))).toBe(SPEAK_REFUSALS.unknownItem);
    expect(refusal(comment('phoneA', minutes))).toBe(COMMENT_REFUSALS.noPublicComment);
    for (let i = 0; i < LIMITS.commentsPerItemPerPhone; i++) expect(refusal(comment('phoneA', budget))).toBe('accepted');
    expect(refusal(comment('phoneA', budget))).toBe(COMMENT_REFUSALS.tooMany);
    // Another phone, or the same phone on another item, is not limited by it.
    expect(refusal(comment('phoneB', budget))).toBe('accepted');
    const parks = m.do('addItem', { title: 'Parks' });
    expect(refusal(comment('phoneA', parks))).toBe('accepted');
    expect(m.state.comments.count).toBe(LIMITS.commentsPerItemPerPhone + 2);
  });

  it('the rule is what the registry runs, and only while the session is open', () => {
    const ctx = { state: m.state, deviceId: 'phoneA', newId: () => 'commentid00001' };
    const d = COMMENT_PHONE_RULES.comment(ctx, { kind: 'comment', id: 'req00000001', itemId: budget, text: 'x' });
    expect(d).toMatchObject({ ok: true, events: [{ commentId: 'commentid00001' }] });
    m.append('facilitator', [{ type: 'session.closed' }]);
    expect(refusal(comment('phoneA', budget))).toBe(REFUSALS.closed);
  });

  it('the text is trimmed, never empty and at most the limit; a name is at most a question name', () => {
    const parse = (text: string, name?: string) => parsePhoneRequest({ kind: 'comment', id: 'req00000001', itemId: budget, text, name });
    expect(parse('   ')).toMatchObject({ ok: false, reason: 'The comment is empty.' });
    expect(parse('é'.repeat(LIMITS.commentTextMax))).toMatchObject({ ok: true });
    expect(parse('x'.repeat(LIMITS.commentTextMax + 1))).toMatchObject({ ok: false, reason: `A written comment can be at most ${LIMITS.commentTextMax} characters.` });
    expect(parse('ok', 'n'.repeat(LIMITS.nameMax + 1))).toMatchObject({ ok: false, reason: `A name can be at most ${LIMITS.nameMax} characters.` });
  });
});
