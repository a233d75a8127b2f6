import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBody, LoggedEvent } from '../src-shared/events.js';
import { Store } from '../src-main/host/store/store.js';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'bin', 'open-floor.cjs');
const cli = (...args: string[]) =>
  run(process.execPath, [CLI, ...args]).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );

/**
 * `open-floor publish` and `open-floor verify --public … --against …` as a clerk runs them (the built CLI,
 * `npm run build` first): publishing twice keeps the paths and extends the record; the record is what the
 * archive derives; a forged one is refused.
 */
describe('open-floor publish', () => {
  const dir = mkdtempSync(join(tmpdir(), 'of-publish-cli-'));
  const data = join(dir, 'data');
  const site = join(dir, 'site');
  const id = 'sess-publish-cli';
  const T0 = Date.UTC(2026, 4, 1, 17);
  let last: LoggedEvent | null = null;
  const append = (at: number, bodies: EventBody[]) => {
    const store = new Store(data);
    last = store.appendEvents(id, last, at, 'facilitator', bodies).at(-1) ?? last;
    store.close();
  };

  beforeAll(() => {
    const store = new Store(data);
    store.createSession({ id, createdAt: T0, title: 'Library hours', joinCode: 'ABCDEF', secret: 's' });
    store.close();
    append(T0, [
      { type: 'session.created', sessionId: id, title: 'Library hours', place: 'Library', timeZone: 'UTC' },
      { type: 'session.opened' },
      { type: 'device.joined', deviceId: 'dev-private-1' },
      { type: 'question.asked', questionId: 'q-one', deviceId: 'dev-private-1', requestId: 'r1', text: 'Open on Sundays?', name: '', approved: true },
      { type: 'session.closed' },
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes, then publishes again after a written answer: same paths, the record extended', async () => {
    const first = await cli('publish', '--all', '--out', site, '--data', data, '--locale', 'en-GB,es-ES');
    expect(first.code, first.stderr).toBe(0);
    const recordFile = join(site, 'meetings', id, 'record.json');
    const before = JSON.parse(readFileSync(recordFile, 'utf8')) as { entries: unknown[] };
    append(T0 + 86_400_000, [{ type: 'question.answered', questionId: 'q-one', reply: 'From June, yes.' }]);
    const again = await cli('publish', '--session', id, '--out', site, '--data', data, '--locale', 'en-GB,es-ES');
    expect(again.code, again.stderr).toBe(0);
    const after = JSON.parse(readFileSync(recordFile, 'utf8')) as { entries: unknown[] };
    expect(after.entries.slice(0, before.entries.length)).toEqual(before.entries);
    expect(after.entries).toHaveLength(before.entries.length + 1);
    expect(readFileSync(join(site, 'meetings', id, 'index.es.html'), 'utf8')).toContain('From June, yes.');
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('Library hours');
  });

  it('verify --public checks the chain, and --against the archive it must derive from', async () => {
    const recordFile = join(site, 'meetings', id, 'record.json');
    const archive = join(dir, 'archive.json');
    expect((await cli('export', '--session', id, '--format', 'json', '--out', archive, '--data', data)).code).toBe(0);
    const ok = await cli('verify', '--public', recordFile, '--against', archive);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain('intact and derived from the archive');

    // Rehashed after an edit, so its own chain is intact: only the archive can tell it was changed.
    const { buildPublicRecord, renderPublicRecordJson } = await import('../src-shared/publish/public-record.js');
    const { verifyArchive } = await import('../src-shared/minutes/archive.js');
    const check = verifyArchive(JSON.parse(readFileSync(archive, 'utf8')));
    if (!check.ok) throw new Error(check.reason);
    const forgedEvents = check.events.map((e) => (e.body.type === 'question.asked' ? { ...e, body: { ...e.body, text: 'Something else?' } } : e));
    const forged = join(dir, 'forged.json');
    writeFileSync(forged, renderPublicRecordJson(buildPublicRecord(forgedEvents)));
    expect((await cli('verify', '--public', forged)).code).toBe(0);
    const refused = await cli('verify', '--public', forged, '--against', archive);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('does not match the archive at entry #4');
  });
});
