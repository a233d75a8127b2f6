import { describe, expect, it } from 'vitest';
import type { Actor, EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { renderArchiveJson, verifyArchive } from '../src-shared/minutes/archive.js';
import { buildMinutes, chooseBucketMinutes, median } from '../src-shared/minutes/build.js';
import { exportFileName } from '../src-shared/minutes/formats.js';
import { isoDate, slugify } from '../src-shared/minutes/format.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { escapeMarkdown, unescapeMarkdown } from '../src-shared/minutes/markdown-escape.js';
import { neutralizeCell } from '../src-main/host/export/csv.js';

const T0 = Date.UTC(2025, 2, 1, 18, 0, 0); // 19:00 in Europe/Brussels
const MIN = 60_000;

/** A log written by hand: [minutes after T0, actor, body]. */
function log(entries: Array<[number, Actor, EventBody]>): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  for (const [m, actor, body] of entries) out.push(chainEvent(out.at(-1) ?? null, T0 + m * MIN, actor, body));
  return out;
}

const ask = (questionId: string, deviceId: string, text: string, name = '', approved = false): EventBody => ({
  type: 'question.asked',
  questionId,
  deviceId,
  requestId: `r-${questionId}`,
  text,
  name,
  approved,
});
const vote = (questionId: string, deviceId: string, n = 1): EventBody => ({ type: 'vote.cast', questionId, deviceId, requestId: `v-${questionId}-${deviceId}-${n}` });
const unvote = (questionId: string, deviceId: string): EventBody => ({ type: 'vote.withdrawn', questionId, deviceId, requestId: `u-${questionId}-${deviceId}` });

function sampleLog(): LoggedEvent[] {
  return log([
    [0, 'facilitator', { type: 'session.created', sessionId: 'sess-000001', title: 'Budget forum', place: 'Town hall', timeZone: 'Europe/Brussels', facilitator: 'Mia' }],
    [1, 'facilitator', { type: 'session.opened' }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-a' }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-b' }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-c' }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-d' }],
    [3, 'host', { type: 'attendance.peak', connected: 4 }],
    [5, 'device:dev-a', ask('q1', 'dev-a', 'Sunday opening?', 'Ana')],
    [6, 'device:dev-b', ask('q2', 'dev-b', 'Bus lanes?')],
    [7, 'device:dev-a', ask('q3', 'dev-a', 'Abusive text')],
    [8, 'device:dev-b', ask('q4', 'dev-b', 'Park lights?')],
    [9, 'device:dev-c', ask('q5', 'dev-c', 'Withdrawn one')],
    [9, 'device:dev-c', ask('q6', 'dev-c', 'Still pending')],
    [10, 'facilitator', { type: 'question.approved', questionId: 'q1' }],
    [10, 'facilitator', { type: 'question.approved', questionId: 'q2' }],
    [10, 'facilitator', { type: 'question.approved', questionId: 'q4' }],
    [10, 'facilitator', { type: 'question.hidden', questionId: 'q3' }],
    [11, 'device:dev-c', { type: 'question.withdrawn', questionId: 'q5', deviceId: 'dev-c', requestId: 'w-q5' }],
    [12, 'device:dev-b', vote('q1', 'dev-b')],
    [12, 'device:dev-c', vote('q1', 'dev-c')],
    [13, 'device:dev-c', vote('q4', 'dev-c')],
    [13, 'device:dev-a', vote('q4', 'dev-a')],
    [14, 'device:dev-a', unvote('q4', 'dev-a')],
    [14, 'device:dev-c', vote('q2', 'dev-c')],
    [20, 'facilitator', { type: 'floor.set', questionId: 'q1' }],
    [25, 'facilitator', { type: 'question.answered', questionId: 'q1' }],
    [26, 'facilitator', { type: 'floor.set', questionId: 'q4' }],
    [27, 'facilitator', { type: 'floor.set', questionId: null }],
    [36, 'facilitator', { type: 'question.answered', questionId: 'q2', reply: 'Planned for 2026.' }],
    [40, 'facilitator', { type: 'session.closed' }],
  ]);
}

describe('buildMinutes', () => {
  const events = sampleLog();
  const m = buildMinutes(events, { locale: 'en-GB', generatedAt: T0 + 50 * MIN });

  it('lists approved questions in the order asked, with outcome, votes and names only when given', () => {
    expect(m.questions.map((q) => [q.number, q.id, q.outcome, q.votes, q.name])).toEqual([
      [1, 'q1', 'answered-live', 2, 'Ana'],
      [2, 'q2', 'answered-in-writing', 1, ''],
      [3, 'q4', 'open', 1, ''],
    ]);
    expect(m.questions[1]).toMatchObject({ reply: 'Planned for 2026.', answeredAt: T0 + 36 * MIN });
    expect(m.questions[2]).toMatchObject({ floorAt: T0 + 26 * MIN, answeredAt: null });
    expect(JSON.stringify(m.questions)).not.toContain('Abusive text');
  });

  it('counts moderation, participation and the log', () => {
    expect(m.moderation).toEqual({ hidden: 1, withdrawn: 1, pending: 1 });
    const p = m.participation;
    expect(p).toMatchObject({
      devicesJoined: 4,
      peakConnected: 4,
      shareAsked: 3 / 4,
      shareVoted: 3 / 4, // dev-a voted then withdrew: still took part
      questionsAsked: 6,
      questionsApproved: 3,
      answeredLive: 1,
      answeredInWriting: 1,
      questionsOpen: 1,
      votesCast: 4, // 5 cast, 1 withdrawn
    });
    // q1: 5 → 25 (20 min), q2: 6 → 36 (30 min) → median 25
    expect(p.medianMinutesToAnswer).toBe(25);
    expect(m.log).toEqual({ events: events.length, finalHash: events.at(-1)!.hash });
    expect(m.session).toMatchObject({ title: 'Budget forum', facilitator: 'Mia', status: 'closed', timeZone: 'Europe/Brussels' });
  });

  it('ranks the follow-up list by votes', () => {
    const more = log([
      [0, 'facilitator', { type: 'session.created', sessionId: 'sess-000002', title: 'X', place: '', timeZone: 'UTC' }],
      [1, 'facilitator', { type: 'session.opened' }],
      [2, 'device:d1', ask('a', 'd1', 'A', '', true)],
      [3, 'device:d1', ask('b', 'd1', 'B', '', true)],
      [4, 'device:d1', ask('c', 'd1', 'C', '', true)],
      [5, 'device:d2', vote('c', 'd2')],
      [5, 'device:d3', vote('c', 'd3')],
      [6, 'device:d2', vote('b', 'd2')],
    ]);
    const mm = buildMinutes(more, { locale: 'en', generatedAt: T0 });
    expect(mm.followUp.map((q) => q.id)).toEqual(['c', 'b', 'a']);
    expect(mm.participation.shareAsked).toBe(0); // nobody joined through the host: no share, no division by 0
  });

  it('buckets questions and standing votes over time; totals match the counts', () => {
    const p = m.participation;
    expect(p.bucketMinutes).toBe(2); // 39 minutes of session → at most 24 bars
    expect(p.timeline[0]!.start).toBe(T0 + 1 * MIN - ((T0 + MIN) % (2 * MIN)));
    expect(p.timeline.reduce((s, b) => s + b.questions, 0)).toBe(p.questionsAsked);
    expect(p.timeline.reduce((s, b) => s + b.votes, 0)).toBe(p.votesCast);
    const custom = buildMinutes(events, { locale: 'en', generatedAt: 0, bucketMinutes: 10 }).participation.timeline;
    expect(custom.map((b) => [b.questions, b.votes])).toEqual([
      [6, 0], // 19:00–19:10: every question
      [0, 4], // 19:10–19:20: the standing votes
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('median and bucket choice', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(chooseBucketMinutes(10 * MIN)).toBe(1);
    expect(chooseBucketMinutes(3 * 60 * MIN)).toBe(10);
  });
});

describe('names and dates', () => {
  it('file names carry the date in the session time zone and a slug of the title', () => {
    // 23:30 UTC on 1 March is already 2 March in Brussels
    const late = Date.UTC(2025, 2, 1, 23, 30);
    expect(isoDate(late, 'Europe/Brussels')).toBe('2025-03-02');
    expect(exportFileName({ title: 'Budget Forum: 2025/26!', timeZone: 'Europe/Brussels', createdAt: late, openedAt: null }, 'pdf')).toBe(
      '2025-03-02 budget-forum-2025-26.pdf',
    );
    expect(slugify('مجلس المدينة')).toBe('مجلس-المدينة');
    expect(slugify('***')).toBe('session');
  });
});

describe('Markdown escaping', () => {
  const nasty = '<script>alert(1)</script> [link](http://x) =HYPERLINK("http://x") # not a heading ![img](x) | a | `code` *b* _i_ www.example.com';
  it('escapes what Markdown would interpret and round-trips', () => {
    const md = escapeMarkdown(nasty);
    expect(md).not.toMatch(/(^|[^\\])[<[\]|`*_]/);
    expect(unescapeMarkdown(md)).toBe(nasty);
    expect(escapeMarkdown('שלום 👋 مرحبا')).toBe('שלום 👋 مرحبا');
  });
  it('keeps a multi-line text inside its block', () => {
    const md = escapeMarkdown('first\n# second\n- third', '   ');
    expect(md).toBe('first\\\n   \\# second\\\n   \\- third');
  });
  it('renders the minutes without the hidden text, and with the hash', () => {
    const md = renderMinutesMarkdown(buildMinutes(sampleLog(), { locale: 'en-GB', generatedAt: T0 }));
    expect(md).not.toContain('Abusive');
    expect(md).toContain('1 question was hidden');
    expect(md).toContain(sampleLog().at(-1)!.hash);
    expect(md).toContain('asked by Ana');
    expect(md).toContain('**Written reply:** Planned for 2026.');
  });
});

describe('CSV cells', () => {
  it('neutralises formulas', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(neutralizeCell(s)).toBe(`'${s}`);
    expect(neutralizeCell('plain = text')).toBe('plain = text');
  });
});

describe('verifyArchive', () => {
  const json = renderArchiveJson(sampleLog(), T0);
  it('accepts a fresh archive', () => {
    const r = verifyArchive(JSON.parse(json));
    expect(r).toMatchObject({ ok: true, finalHash: sampleLog().at(-1)!.hash });
  });
  it('names the first altered event', () => {
    const r = verifyArchive(JSON.parse(json.replace('Bus lanes?', 'Bus lanes!')));
    expect(r).toEqual({ ok: false, badSeq: 9, reason: 'content does not match its hash' });
  });
  it('checks the header against the log and the final hash', () => {
    expect(verifyArchive(JSON.parse(json.replace('"title": "Budget forum"', '"title": "Budget Forum"')))).toMatchObject({ ok: false, badSeq: 1 });
    const a = JSON.parse(json);
    a.finalHash = 'a'.repeat(64);
    expect(verifyArchive(a)).toMatchObject({ ok: false, badSeq: a.events.length });
    a.events.pop();
    a.finalHash = a.events.at(-1).hash;
    expect(verifyArchive(a)).toMatchObject({ ok: false, badSeq: 1, reason: expect.stringContaining('status') });
  });
  it('explains a malformed file instead of crashing', () => {
    for (const bad of [null, 42, 'x', {}, { format: 'open-floor-archive', version: 1 }, { ...JSON.parse(json), events: [{ seq: 'one' }] }]) {
      const r = verifyArchive(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.badSeq).toBeNull();
        expect(r.reason).toMatch(/^not an Open Floor archive/);
      }
    }
    const unknownType = JSON.parse(json);
    unknownType.events[3].body.type = 'x.y';
    expect(verifyArchive(unknownType)).toMatchObject({ ok: false, badSeq: null, reason: expect.stringContaining('events.3.body.type') });
  });
});
