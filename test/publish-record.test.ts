import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Actor, EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { verifyPublicRecord } from '../src-shared/publish/public-chain.js';
import { buildPublicRecord, matchesLog, renderPublicRecordJson } from '../src-shared/publish/public-record.js';
import { publishSessions } from '../src-main/host/publish/publish.js';

const T0 = Date.UTC(2026, 2, 1, 18, 0, 0);
const MIN = 60_000;
const ATTACK = `<script>alert("x")</script> & 'quoted' "text"`;

function log(entries: Array<[number, Actor, EventBody]>, before: LoggedEvent[] = []): LoggedEvent[] {
  const out = [...before];
  for (const [m, actor, body] of entries) out.push(chainEvent(out.at(-1) ?? null, T0 + m * MIN, actor, body));
  return out;
}
const ask = (questionId: string, deviceId: string, text: string, name = ''): EventBody => ({
  type: 'question.asked', questionId, deviceId, requestId: `r-${questionId}`, text, name, approved: true,
});
const vote = (questionId: string, deviceId: string): EventBody => ({ type: 'vote.cast', questionId, deviceId, requestId: `v-${questionId}-${deviceId}` });

/** A meeting with every kind of thing the public must not see. */
function meeting(): LoggedEvent[] {
  return log([
    [0, 'facilitator', { type: 'session.created', sessionId: 'sess-000042', title: 'Budget <forum>', place: 'Town hall', timeZone: 'Europe/Madrid', facilitator: 'Mia' }],
    [0, 'facilitator', { type: 'paperCodes.issued', count: 20 }],
    [1, 'facilitator', { type: 'session.opened' }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-secret-a', paperCode: 7 }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-secret-b' }],
    [3, 'device:dev-secret-a', ask('q1', 'dev-secret-a', ATTACK, 'Ana')],
    [4, 'device:dev-secret-b', ask('q2', 'dev-secret-b', 'Hidden insult text')],
    [5, 'device:dev-secret-b', ask('q3', 'dev-secret-b', 'Withdrawn words')],
    [5, 'device:dev-secret-a', ask('q4', 'dev-secret-a', 'Original wording with a phone number 555-1234')],
    [6, 'facilitator', { type: 'question.hidden', questionId: 'q2' }],
    [6, 'device:dev-secret-b', { type: 'question.withdrawn', questionId: 'q3', deviceId: 'dev-secret-b', requestId: 'w3' }],
    [6, 'facilitator', { type: 'question.edited', questionId: 'q4', text: 'Edited wording', name: '' }],
    [7, 'facilitator', { type: 'filter.changed', on: true, words: ['secretword'] }],
    [7, 'device:dev-secret-b', vote('q1', 'dev-secret-b')],
    [8, 'facilitator', { type: 'floor.set', questionId: 'q1' }],
    [9, 'facilitator', { type: 'question.answered', questionId: 'q1' }],
    [9, 'facilitator', { type: 'question.answered', questionId: 'q2', reply: 'Reply to a hidden question' }],
    [9, 'facilitator', { type: 'agenda.itemAdded', itemId: 'item-1', title: 'Parks', description: '', speakingMs: 120_000, publicComment: true, maxSpeakers: null }],
    [9, 'device:dev-secret-a', { type: 'speaker.signedUp', speakerId: 's1', itemId: 'item-1', deviceId: 'dev-secret-a', requestId: 'sp1', name: 'Rosa', subject: 'Trees', interpreter: false }],
    [9, 'device:dev-secret-b', { type: 'speaker.signedUp', speakerId: 's2', itemId: 'item-1', deviceId: 'dev-secret-b', requestId: 'sp2', name: 'Sam Unseen', subject: 'Private matter', interpreter: false }],
    [9, 'device:dev-secret-b', { type: 'speaker.withdrew', speakerId: 's2', deviceId: 'dev-secret-b', requestId: 'sp3' }],
    [9, 'facilitator', { type: 'speaker.called', speakerId: 's1' }],
    [9, 'facilitator', { type: 'poll.created', pollId: 'p1', visibility: 'live', kind: 'yesno', question: 'Plant more trees?', options: ['yes', 'no', 'abstain'], maxChoices: 1 }],
    [9, 'facilitator', { type: 'poll.created', pollId: 'p2', visibility: 'live', kind: 'single', question: 'Draft never run', options: ['a', 'b'], maxChoices: 1 }],
    [9, 'facilitator', { type: 'poll.opened', pollId: 'p1' }],
    [9, 'device:dev-secret-a', { type: 'ballot.cast', pollId: 'p1', deviceId: 'dev-secret-a', requestId: 'b1', choices: [0] }],
    [9, 'facilitator', { type: 'poll.closed', pollId: 'p1', connected: 2 }],
    [10, 'facilitator', { type: 'session.closed' }],
  ]);
}

describe('public record', () => {
  const events = meeting();
  const record = buildPublicRecord(events);
  const json = renderPublicRecordJson(record);

  it('has one entry per event, each with the original hash, and verifies intact', () => {
    expect(record.entries.map((e) => e.sourceHash)).toEqual(events.map((e) => e.hash));
    expect(record.sourceFinalHash).toBe(events.at(-1)!.hash);
    expect(verifyPublicRecord(JSON.parse(json))).toMatchObject({ ok: true, entries: events.length });
  });

  it('keeps nothing private: no device ids, no hidden, withdrawn or pre-edit text, no paper-code number, no filter words', () => {
    for (const secret of ['dev-secret', 'Hidden insult', 'Withdrawn words', '555-1234', 'secretword', 'Reply to a hidden', 'r-q1', '"paperCode"', 'Sam Unseen', 'Private matter', 'Draft never run']) {
      expect(json).not.toContain(secret);
    }
    expect(json).toContain('Edited wording');
    expect(json).toContain('Rosa');
    expect(json).toContain('Plant more trees?');
    expect(json).toContain('phone 1');
    const hidden = record.entries.find((e) => e.type === 'question.asked' && e.fields.questionId === 'q2');
    expect(hidden?.fields).toEqual({ questionId: 'q2', withheld: 'hidden' });
    const joined = record.entries.find((e) => e.type === 'device.joined');
    expect(joined?.fields).toEqual({ phone: 'phone 1', withPaperCode: true });
    expect(record.entries.every((e) => e.by !== ('device' as never))).toBe(true);
  });

  it('says altered, naming the first bad entry, when one byte changes', () => {
    const altered = json.replace('"Ana"', '"Ann"');
    expect(altered).not.toBe(json);
    const check = verifyPublicRecord(JSON.parse(altered));
    expect(check).toMatchObject({ ok: false, reason: 'content' });
    const seq = record.entries.find((e) => e.fields.name === 'Ana')!.seq;
    expect(check.ok ? 0 : check.badSeq).toBe(seq);
    const dropped = JSON.parse(json) as { entries: unknown[] };
    dropped.entries.splice(3, 1);
    expect(verifyPublicRecord(dropped)).toMatchObject({ ok: false, badSeq: 5, reason: 'sequence' });
    expect(verifyPublicRecord({ hello: 1 })).toMatchObject({ ok: false, badSeq: null });
  });

  it('publishing again after written answers extends it: same prefix, same hashes', () => {
    const later = log([[60 * 24, 'facilitator', { type: 'question.answered', questionId: 'q4', reply: 'Answered in writing.' }]], events);
    const again = buildPublicRecord(later);
    expect(again.entries.slice(0, record.entries.length)).toEqual(record.entries);
    expect(again.entries).toHaveLength(record.entries.length + 1);
    expect(again.entries.at(-1)?.fields).toEqual({ questionId: 'q4', reply: 'Answered in writing.' });
  });

  it('matches what the full log derives, and not a record with an entry left out', () => {
    expect(matchesLog(JSON.parse(json), events)).toEqual({ ok: true });
    const forged = JSON.parse(json) as { entries: Array<{ fields: Record<string, unknown> }> };
    forged.entries[5]!.fields = { questionId: 'q1', withheld: 'hidden' };
    expect(matchesLog(forged, events)).toMatchObject({ ok: false, badSeq: 6 });
  });
});

describe('published pages', () => {
  const out = mkdtempSync(join(tmpdir(), 'of-publish-'));
  const assets = mkdtempSync(join(tmpdir(), 'of-assets-'));
  writeFileSync(join(assets, 'mine.js'), '');
  writeFileSync(join(assets, 'verify.js'), '');
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(assets, { recursive: true, force: true });
  });

  it('escapes residents’ text and leaves out what is private, in both languages', () => {
    const events = meeting();
    publishSessions({ events: () => events }, ['sess-000042'], { outDir: out, locales: ['en-GB', 'es-ES'], assetsDir: assets, now: T0 + 20 * MIN });
    const dir = join(out, 'meetings', 'sess-000042');
    for (const file of ['index.html', 'index.es.html', 'verify.html', 'verify.es.html']) {
      const html = readFileSync(join(dir, file), 'utf8');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toMatch(/dev-secret|Hidden insult|Withdrawn words|555-1234|secretword|Sam Unseen/);
    }
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    expect(page).toContain('id="q-q1"');
    // Speakers as they chose to be named, polls with their labels and a chart with its numbers in words.
    expect(page).toContain('Rosa');
    expect(page).toMatch(/<img src="poll-1\.png" [^>]*alt="Bar chart of the answers\. 1\. Yes 1 \(100 %\)/);
    expect(page).toMatch(/<img src="chart-questions\.png" [^>]*alt="Bar chart\. Questions asked: /);
    expect(existsSync(join(dir, 'poll-1.png'))).toBe(true);
    expect(readFileSync(join(dir, 'index.es.html'), 'utf8')).toContain('Sí');
    expect(page).toContain('<html lang="en">');
    expect(readFileSync(join(dir, 'index.es.html'), 'utf8')).toContain('<html lang="es">');
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('Budget &lt;forum&gt;');
    expect(index).toContain('href="meetings/sess-000042/index.html"');
  });
});

describe('public chain hashing', () => {
  it('hashes the canonical JSON of the entry (the hand-written payload is byte for byte canonicalJson)', async () => {
    const { canonicalJson } = await import('../src-shared/hash-chain.js');
    const { publicEntryHash } = await import('../src-shared/publish/public-chain.js');
    const e = { seq: 3, at: 17, type: 'question.asked', by: 'phone' as const, fields: { text: 'a "b" \u2028 ü', questionId: 'q1' }, sourceHash: 'ab' };
    const seen: string[] = [];
    publicEntryHash('p', e, (text) => (seen.push(text), 'x'));
    expect(seen[0]).toBe(`p\n${canonicalJson(e)}`);
  });
});
