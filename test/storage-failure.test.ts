import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REFUSALS } from '../src-shared/refusals.js';
import { verifyChain } from '../src-shared/hash-chain.js';
import { LIMITS } from '../src-shared/limits.js';
import { Store } from '../src-main/host/store/store.js';
import { startTestHost, type TestHost, type TestPhone } from './helpers/host-harness.js';

/**
 * A failed commit (a full disk, a removed USB stick, an I/O error) must never leave the host's state
 * ahead of its log: the requests wait, the facilitator is told in plain words, and everything goes
 * through by itself once writing works again.
 */
let host: TestHost | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await host?.stop();
  host = null;
  while (cleanups.length > 0) cleanups.pop()!();
});

const questionId = async (phone: TestPhone, rid: string) => ((await phone.until(() => phone.receipt(rid))) as { questionId: string }).questionId;

/** The phone's receipt for a request once it is final (not "will retry"). */
const finalReceipt = (phone: TestPhone, rid: string) => {
  const receipt = phone.receipt(rid);
  return receipt && !(receipt as { retry?: boolean }).retry ? receipt : undefined;
};

/** The events of a session as they are on disk, read by a second connection. */
function eventsOnDisk(dataDir: string, sessionId: string) {
  const store = new Store(dataDir, { readOnly: true });
  try {
    return store.events(sessionId);
  } finally {
    store.close();
  }
}

describe('when the data folder cannot be written', () => {
  it('holds requests, tells the console, and catches up by itself when writing works again (SQLite refusing writes on demand)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-full-'));
    const store = new Store(dataDir);
    cleanups.push(() => store.close());
    host = await startTestHost(dataDir, { store, storageRetryMs: 100 });
    const code = await host.openSession('Disk trouble', false);
    const phone = await host.phone(code);
    const desk = await host.desk();
    const first = await questionId(phone, phone.send({ kind: 'ask', text: 'Asked while the disk is fine' }));
    const before = host.host.currentSession()!;

    // SQLite refuses every write from now on (as with a data folder that turned read-only).
    store.db.pragma('query_only = 1');
    const held = phone.send({ kind: 'ask', text: 'Asked while the disk is full' });
    const vote = phone.send({ kind: 'vote', questionId: first });

    const problem = await desk.until(() => desk.view().storageProblem);
    expect(problem).toContain('The data folder cannot be written (the folder is read-only)');
    expect(host.host.storageProblem()).toBe(problem);
    await expect.poll(() => host!.host.receipt(phone.roomId, held)).toMatchObject({ ok: false, retry: true });
    // Nothing reached the phone that is not stored: it still shows the question as waiting to send.
    expect(phone.receipt(held)).toBeUndefined();
    // The state did not run ahead of the log.
    expect(host.host.currentSession()).toMatchObject({ events: before.events, questions: 1, finalHash: before.finalHash });
    expect(host.host.question(first)!.votes).toBe(0);
    expect(await host.control('hide', { questionId: first })).toMatchObject({
      ok: false,
      error: expect.stringContaining('The data folder cannot be written'),
    });

    store.db.pragma('query_only = 0');
    const receipt = await phone.until(() => phone.receipt(held)?.ok && phone.receipt(held), 10_000);
    expect(receipt).toMatchObject({ ok: true });
    expect(await phone.until(() => phone.receipt(vote)?.ok)).toBe(true);
    await desk.until(() => desk.view().storageProblem === null);
    expect(host.host.storageProblem()).toBeNull();
    expect(host.host.question(first)).toMatchObject({ moderation: 'approved', votes: 1 });

    // The log goes on from where it was: one question each, one vote, the chain intact.
    await host.mustControl('markAnswered', { questionId: first });
    const events = eventsOnDisk(dataDir, before.id);
    expect(verifyChain(events).ok).toBe(true);
    expect(events.filter((e) => e.body.type === 'question.asked').map((e) => (e.body as { text: string }).text)).toEqual([
      'Asked while the disk is fine',
      'Asked while the disk is full',
    ]);
    expect(events.filter((e) => e.body.type === 'vote.cast')).toHaveLength(1);
    expect(events.filter((e) => e.body.type === 'question.hidden')).toHaveLength(0);
  });

  it('does not spend a phone\'s rate limit on requests the host retried because it could not write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-full-'));
    const store = new Store(dataDir);
    cleanups.push(() => store.close());
    host = await startTestHost(dataDir, { store, storageRetryMs: 50 });
    const code = await host.openSession('Outage and limits', false);
    const phone = await host.phone(code);

    // As many questions as a minute allows, all typed while the store refuses writes.
    store.db.pragma('query_only = 1');
    const asked = Array.from({ length: LIMITS.questionsPerMinute }, (_, i) => phone.send({ kind: 'ask', text: `Asked during the outage ${i + 1}` }));
    for (const rid of asked) await expect.poll(() => host!.host.receipt(phone.roomId, rid)).toMatchObject({ ok: false, retry: true });
    // The host decides them again every 50 ms: let it retry several times.
    await new Promise((resolve) => setTimeout(resolve, 600));

    store.db.pragma('query_only = 0');
    for (const rid of asked) expect(await phone.until(() => finalReceipt(phone, rid), 10_000)).toMatchObject({ ok: true });
    expect(host.host.currentSession()!.questions).toBe(LIMITS.questionsPerMinute);

    // The limit still holds: one more question in the same minute is refused.
    const extra = phone.send({ kind: 'ask', text: 'One too many' });
    expect(await phone.until(() => phone.receipt(extra))).toMatchObject({ ok: false, reason: REFUSALS.tooManyQuestions });
  });

  it('does not spend an address\'s join budget on joins the host could not record', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-full-'));
    const store = new Store(dataDir);
    cleanups.push(() => store.close());
    host = await startTestHost(dataDir, { store, storageRetryMs: 50 });
    const code = await host.openSession('Outage and joins', false);

    store.db.pragma('query_only = 1');
    for (let i = 0; i < LIMITS.joinsPerMinutePerAddress; i++) {
      expect(await host.join(code)).toMatchObject({ ok: false, error: expect.stringContaining('cannot save') });
    }
    store.db.pragma('query_only = 0');
    expect(await host.join(code)).toMatchObject({ ok: true });
  });

  it('survives a real full filesystem (a small tmpfs) and recovers when space is freed', async (ctx) => {
    const mountPoint = mkdtempSync(join(tmpdir(), 'open-floor-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      rmSync(mountPoint, { recursive: true, force: true });
      ctx.skip('mounting a tmpfs needs root; this machine does not allow it');
      return;
    }
    cleanups.push(() => {
      execFileSync('umount', [mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    });
    const dataDir = join(mountPoint, 'data');
    mkdirSync(dataDir);
    host = await startTestHost(dataDir, { storageRetryMs: 100 });
    const code = await host.openSession('Full USB stick', false);
    const phone = await host.phone(code);
    const desk = await host.desk();
    await questionId(phone, phone.send({ kind: 'ask', text: 'Before the disk filled up' }));

    // Fill the filesystem to the last byte.
    const filler = join(mountPoint, 'filler');
    const fd = openSync(filler, 'w');
    const chunk = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, chunk);
    } catch {
      // ENOSPC: full
    }
    try {
      for (;;) writeSync(fd, chunk.subarray(0, 512));
    } catch {
      // the last bytes
    }
    closeSync(fd);

    const held = phone.send({ kind: 'ask', text: 'While the disk is full' });
    expect(await desk.until(() => desk.view().storageProblem)).toContain('The data folder cannot be written');
    expect(phone.receipt(held)).toBeUndefined();

    rmSync(filler);
    expect(await phone.until(() => phone.receipt(held)?.ok === true, 10_000)).toBe(true);
    await desk.until(() => desk.view().storageProblem === null);
    const session = host.host.currentSession()!;
    expect(session.questions).toBe(2);
    await host.stop(false);
    host = null;
    const events = eventsOnDisk(dataDir, session.id);
    expect(verifyChain(events).ok).toBe(true);
    expect(events.filter((e) => e.body.type === 'question.asked')).toHaveLength(2);
  });
});
