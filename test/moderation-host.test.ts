import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { exportHref } from '../src-shared/endpoints.js';
import type { ExportFormat } from '../src-shared/minutes/formats.js';
import { startTestHost, type TestHost, type TestPhone } from './helpers/host-harness.js';

/**
 * Moderation through the real host: commands over the control API, phones over real WebSockets,
 * exports downloaded as a clerk downloads them.
 */
let host: TestHost;
afterEach(async () => host?.stop());

async function ask(phone: TestPhone, text: string): Promise<string> {
  const rid = phone.send({ kind: 'ask', text });
  const receipt = await phone.until(() => phone.receipt(rid));
  if (!receipt.ok || !receipt.questionId) throw new Error('ask refused');
  return receipt.questionId;
}
async function vote(phone: TestPhone, questionId: string): Promise<void> {
  const rid = phone.send({ kind: 'vote', questionId });
  await phone.until(() => phone.receipt(rid));
}
async function download(sessionId: string, format: ExportFormat): Promise<string> {
  const res = await fetch(`${host.host.loopbackOrigin}${exportHref(sessionId, format, host.host.token)}`);
  return Buffer.from(await res.arrayBuffer()).toString('utf8');
}

describe('moderation through the host', () => {
  it('a new session starts with the folder’s filter; a phone’s votes follow a merge in its private view', async () => {
    host = await startTestHost();
    await host.mustControl('setCustomWords', { words: ['blorf'] });
    const code = await host.openSession('Forum', false);
    const sessionId = host.host.currentSession()!.id;
    const [a, b, voter] = [await host.phone(code), await host.phone(code), await host.phone(code)];

    const held = await ask(a, 'What a blorf of a plan');
    expect(host.host.question(held)).toMatchObject({ status: 'waiting' });

    const keep = await ask(a, 'Will the library open on Sundays?');
    const dup = await ask(b, 'Library on Sunday?');
    await vote(voter, dup);
    await host.mustControl('mergeQuestion', { questionId: dup, into: keep });
    // The voter's vote counts for the kept question, and its phone knows it.
    await voter.until(() => roomParts(voter.doc).myVotes.get(keep) === true);
    expect(host.host.question(keep)!.votes).toBe(1);
    await a.until(() => roomParts(a.doc).mine.get(keep)?.mergedCount === 1);
    await b.until(() => roomParts(b.doc).mine.get(dup)?.mergedInto === 'Will the library open on Sundays?');
    // An edit of the kept question reaches the duplicate's asker.
    await host.mustControl('editQuestion', { questionId: keep, text: 'Will the library open on Sunday afternoons?' });
    await b.until(() => roomParts(b.doc).mine.get(dup)?.mergedInto === 'Will the library open on Sunday afternoons?');
    await host.mustControl('unmergeQuestion', { questionId: dup });
    await voter.until(() => roomParts(voter.doc).myVotes.get(keep) === undefined);

    // Edited: public files show the edited text only, the archive keeps the asker's.
    await host.mustControl('editQuestion', { questionId: keep, text: 'Will the library open on Sunday mornings?' });
    const events = parse(await download(sessionId, 'events-csv'), { columns: true, bom: true }) as Record<string, string>[];
    // The asked row and both edit rows show the final text: neither the asker's nor an earlier edit.
    expect(events.filter((e) => e.question_id === keep).map((e) => e.text).filter(Boolean)).toEqual(
      Array(3).fill('Will the library open on Sunday mornings?'),
    );
    expect(JSON.stringify(events)).not.toContain('blorf"');
    const md = await download(sessionId, 'md');
    expect(md).toContain('Will the library open on Sunday mornings?');
    expect(md).not.toContain('Will the library open on Sundays?');
    expect(md).not.toContain('afternoons');
    const archive = await download(sessionId, 'json');
    expect(archive).toContain('Will the library open on Sundays?');
    expect(archive).toContain('"type": "filter.changed"');
    for (const p of [a, b, voter]) p.destroy();
  });
});
