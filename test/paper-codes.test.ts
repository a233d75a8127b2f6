/**
 * Issue 9, item 5, the strict mode: single-use paper codes (one code = one device). A real host, real
 * HTTP joins from distinct loopback addresses, codes read back from the printed PDF.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exportHref } from '../src-shared/endpoints';
import { LIMITS } from '../src-shared/limits';
import { decidePaperJoin } from '../src-shared/features/paper-codes/join';
import { normalisePaperCode } from '../src-shared/features/paper-codes/format';
import { emptyPaperCodes } from '../src-shared/features/paper-codes/fold';
import { paperCode, PaperCodeBook } from '../src-main/host/features/paper-codes/code-book';
import { PAPER_CODE_REFUSALS } from '../src-main/host/pipeline/join-policy';
import { startTestHost, TestPhone, type TestHost } from './helpers/host-harness';
import { printed } from './helpers/paper-slips';
import { joinFrom, voteFromEach } from './helpers/join-from';

let host: TestHost | undefined;
const phones: TestPhone[] = [];
afterEach(async () => {
  for (const p of phones.splice(0)) p.destroy();
  await host?.stop();
  host = undefined;
});

describe('paper codes, pure rules', () => {
  it('a printed code gives a new device once, then the same device; required codes refuse the rest', () => {
    const codes = { ...emptyPaperCodes(), issued: 3 };
    expect(decidePaperJoin(codes, 2)).toEqual({ kind: 'new-device', paperCode: 2 });
    codes.devices.set(2, 'dev-a');
    expect(decidePaperJoin(codes, 2)).toEqual({ kind: 'same-device', deviceId: 'dev-a' });
    expect(decidePaperJoin(codes, 4)).toEqual({ kind: 'ordinary' }); // not printed: as if none was typed
    expect(decidePaperJoin(codes, undefined)).toEqual({ kind: 'ordinary' });
    codes.required = true;
    expect(decidePaperJoin(codes, undefined)).toEqual({ kind: 'refused', reason: 'needed' });
    expect(decidePaperJoin(codes, null)).toEqual({ kind: 'refused', reason: 'unknown' });
    expect(decidePaperJoin(codes, 4)).toEqual({ kind: 'refused', reason: 'unknown' });
  });

  it('codes are the session’s own: another secret makes other codes; typing is forgiving', () => {
    const book = new PaperCodeBook('secret-one');
    const code = paperCode('secret-one', 7);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(book.numberOf(code, 10)).toBe(7);
    expect(book.numberOf(` ${code.slice(0, 4).toLowerCase()} - ${code.slice(4)} `, 10)).toBe(7);
    expect(book.numberOf(code, 6)).toBeNull(); // No. 7 is not printed yet
    expect(new PaperCodeBook('secret-two').numberOf(code, 10)).toBeNull();
    const many = new Set(Array.from({ length: 2000 }, (_, i) => paperCode('secret-one', i + 1)));
    expect(many.size).toBe(2000);
  });
});

describe('paper codes on a real host', () => {
  it('prints slips whose codes each let in one phone; the same code again is the same phone', async () => {
    host = await startTestHost();
    const code = await host.openSession('Binding vote on the budget', false);
    expect(await host.control('requirePaperCodes', { on: true })).toEqual({
      ok: false,
      error: 'Print paper codes first: with none printed, no new phone could join.',
    });
    expect((await printed(host)).status).toBe(404);
    expect(await host.control('issuePaperCodes', { count: 10 })).toEqual({ ok: true, value: { first: 1, last: 10 } });
    expect(await host.control('requirePaperCodes', { on: true })).toEqual({ ok: true, value: { on: true } });

    const sheet = await printed(host);
    expect(sheet.pages).toBe(2); // eight slips a page
    expect(sheet.codes).toHaveLength(10);
    expect(new Set(sheet.codes).size).toBe(10);
    expect(sheet.text).toContain('Binding vote on the budget');
    expect(sheet.text).toContain(code);
    expect(sheet.text).toContain('This code lets one phone in, once.');

    // Without a code, or with a wrong one: refused, with the reason the phone shows.
    const none = await joinFrom(host, code, '127.0.1.1');
    expect(none).toMatchObject({ status: 403, body: { ok: false, paperCode: 'needed', error: PAPER_CODE_REFUSALS.needed } });
    const wrong = await joinFrom(host, code, '127.0.1.1', undefined, 'AAAA-BBBB');
    expect(wrong).toMatchObject({ status: 403, body: { paperCode: 'unknown' } });

    // Each printed code: one new phone, from one address (the per-address cap is not in the way).
    const joined = [];
    for (const c of sheet.codes.slice(0, 6)) joined.push(await joinFrom(host, code, '127.0.1.2', undefined, c));
    expect(joined.every((j) => j.status === 200)).toBe(true);
    expect(new Set(joined.map((j) => j.body.deviceId)).size).toBe(6);

    // The same code from another browser (no cookie) is the same device: one code, one vote.
    const again = await joinFrom(host, code, '127.0.1.3', undefined, normalisePaperCode(sheet.codes[0]!));
    expect(again.body.deviceId).toBe(joined[0]!.body.deviceId);
    expect(again.body.roomId).toBe(joined[0]!.body.roomId);
    // A browser that is already in needs no code to come back.
    expect((await joinFrom(host, code, '127.0.1.2', joined[1]!.cookie)).body.deviceId).toBe(joined[1]!.body.deviceId);

    const desk = await host.desk();
    await desk.until(() => desk.view().session?.paperCodes.used === 6);
    expect(desk.view().session?.paperCodes).toEqual({ required: true, issued: 10, used: 6, joinedWithout: 0 });

    // Votes through both "copies" of code 1 count once.
    const asker = new TestPhone(host.lanOrigin, joined[2]!.body.roomId!);
    phones.push(asker);
    await asker.synced();
    const asked = asker.send({ kind: 'ask', text: 'Should the library open on Sundays?' });
    const qid = ((await asker.until(() => asker.receipt(asked))) as { questionId: string }).questionId;
    await voteFromEach(host, [joined[0]!.body.roomId!, again.body.roomId!], qid, phones);
    await asker.until(() => asker.board().questions.find((q) => q.id === qid)?.votes === 1);
  });

  it('a range of slips prints only those codes; a bad range is a clear 400', async () => {
    host = await startTestHost();
    await host.openSession('Ranges', false);
    await host.mustControl('issuePaperCodes', { count: 12 });
    const all = await printed(host);
    const some = await printed(host, '&first=9&last=12');
    expect(some.codes).toEqual(all.codes.slice(8));
    expect(some.text).toContain('No. 9');
    const bad = await printed(host, '&first=0');
    expect(bad).toMatchObject({ status: 400 });
    expect(bad.text).toContain('Codes are numbered 1 to 12.');
    expect(await host.control('issuePaperCodes', { count: LIMITS.paperCodesPerPrint + 1 })).toEqual({
      ok: false,
      error: `At most ${LIMITS.paperCodesPerPrint} codes at a time.`,
    });
  });

  it('the bindings survive a restart (they are in the log), and the record says who came in how', async () => {
    host = await startTestHost();
    const code = await host.openSession('Restart', false);
    const early = await joinFrom(host, code, '127.0.2.1'); // before codes were required
    await host.mustControl('issuePaperCodes', { count: 3 });
    await host.mustControl('requirePaperCodes', { on: true });
    const [c1] = (await printed(host)).codes;
    const first = await joinFrom(host, code, '127.0.2.2', undefined, c1);
    const dataDir = host.dataDir;
    await host.stop(false);
    host = await startTestHost(dataDir);
    expect(host.host.currentSession()?.joinCode).toBe(code);
    const after = await joinFrom(host, code, '127.0.2.3', undefined, c1);
    expect(after.body.deviceId).toBe(first.body.deviceId);
    expect((await joinFrom(host, code, '127.0.2.3')).body.paperCode).toBe('needed');
    expect((await joinFrom(host, code, '127.0.2.1', early.cookie)).body.deviceId).toBe(early.body.deviceId);
    const desk = await host.desk();
    expect(desk.view().session?.paperCodes).toEqual({ required: true, issued: 3, used: 1, joinedWithout: 1 });
    // The minutes say how phones came in. The archive (the clerk's full record) names the slip's number,
    // never its code; the public events CSV does not say which phone used which slip.
    const id = host.host.currentSession()!.id;
    const md = await (await fetch(`${host.host.loopbackOrigin}${exportHref(id, 'md', host.host.token)}`)).text();
    expect(md).toMatch(/- \*\*Paper codes:\*\* Required from [\d:]+( [AP]M)?\. Printed: 3 · used to join: 1 · devices that joined without a code: 1/);
    const archive = await (await fetch(`${host.host.loopbackOrigin}${exportHref(id, 'json', host.host.token)}`)).text();
    expect(archive).not.toContain(c1!);
    expect(archive).toContain('"paperCode": 1');
    const events = await (await fetch(`${host.host.loopbackOrigin}${exportHref(id, 'events-csv', host.host.token)}`)).text();
    expect(events).toContain('paperCodes.required');
    expect(events).not.toContain('paperCode"');
  });

  it(`an address that types ${LIMITS.paperCodeTriesPerMinutePerAddress} wrong codes may not try, even a right one, for a minute`, async () => {
    host = await startTestHost();
    const code = await host.openSession('Guessing', false);
    await host.mustControl('issuePaperCodes', { count: 2 });
    await host.mustControl('requirePaperCodes', { on: true });
    const [right] = (await printed(host)).codes;
    for (let i = 0; i < LIMITS.paperCodeTriesPerMinutePerAddress; i++) {
      expect((await joinFrom(host, code, '127.0.3.1', undefined, `ZZZZ${String(1000 + i).replace(/[01]/g, '2')}`)).body.paperCode).toBe('unknown');
    }
    const blocked = await joinFrom(host, code, '127.0.3.1', undefined, right);
    expect(blocked).toMatchObject({ status: 429, body: { paperCode: 'tooManyTries' } });
    expect((await joinFrom(host, code, '127.0.3.2', undefined, right)).status).toBe(200);
  });
});
