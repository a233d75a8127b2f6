import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSession } from '../src-main/host/export/export-session.js';
import { exportHref, PATHS, TOKEN_QUERY } from '../src-shared/endpoints.js';
import { MIGRATIONS, schemaVersion } from '../src-main/host/store/store-migrations.js';
import { Store } from '../src-main/host/store/store.js';
import { verifyChain } from '../src-shared/hash-chain.js';
import { verifyArchive } from '../src-shared/minutes/archive.js';
import { EXPORT_FORMAT_NAMES, type ExportFormat } from '../src-shared/minutes/formats.js';
import { newerFormatMessage, RECORD_FORMAT } from '../src-shared/record/format.js';
import { FIXTURE_DIR, FIXTURE_EXPORTED_AT, FIXTURE_LOCALES, fixtureFileName } from './fixtures/record-fixture-layout.js';
import { startTestHost } from './helpers/host-harness.js';

/**
 * A meeting recorded by the release before record formats (test/fixtures/record-format-1, made once by
 * scripts/make-record-fixture.ts) must open, export the same minutes and verify with this code. A
 * difference here is a regression in reading old records: fix the code, never the fixture.
 */
const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'open-floor.cjs');
const run = promisify(execFile);
const SESSION_ID = readFileSync(join(FIXTURE_DIR, 'session-id.txt'), 'utf8').trim();
const ARCHIVE = join(FIXTURE_DIR, 'archive.json');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'open-floor-fixture-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the committed data folder: opening a store may write beside it (WAL), never in the fixture. */
function dataCopy(name: string): string {
  const dir = join(work, name);
  cpSync(join(FIXTURE_DIR, 'data'), dir, { recursive: true });
  return dir;
}

async function pdfText(data: Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  const { text } = await parser.getText();
  await parser.destroy();
  return text;
}

const docxText = async (data: Uint8Array): Promise<string> => (await mammoth.extractRawText({ buffer: Buffer.from(data) })).value;

async function comparable(format: ExportFormat, data: Uint8Array): Promise<string | Uint8Array> {
  if (format === 'pdf') return pdfText(data);
  if (format === 'docx') return docxText(data);
  return new Uint8Array(data);
}

async function exportAll(dataDir: string): Promise<Array<{ format: ExportFormat; locale: string; golden: string; data: Uint8Array }>> {
  const store = new Store(dataDir, { readOnly: true });
  try {
    const files = [];
    for (const format of EXPORT_FORMAT_NAMES) {
      for (const locale of format === 'json' ? [FIXTURE_LOCALES[0]] : FIXTURE_LOCALES) {
        const golden = format === 'json' ? ARCHIVE : join(FIXTURE_DIR, 'minutes', fixtureFileName(format, locale));
        const { data } = await exportSession(store, SESSION_ID, format, { locale, now: FIXTURE_EXPORTED_AT });
        files.push({ format, locale, golden, data });
      }
    }
    return files;
  } finally {
    store.close();
  }
}

describe('a record of format 1 (the release before formats), read by this version', () => {
  it('the data folder, opened read-only as the CLI does, exports every format as that release did', async () => {
    const files = await exportAll(dataCopy('read-only'));
    expect(files.length).toBe((EXPORT_FORMAT_NAMES.length - 1) * FIXTURE_LOCALES.length + 1);
    for (const f of files) {
      const golden = readFileSync(f.golden);
      // Text formats byte for byte; PDF and DOCX by their text (their containers may embed dates).
      expect(await comparable(f.format, f.data), `${f.format} ${f.locale}`).toEqual(await comparable(f.format, new Uint8Array(golden)));
    }
  });

  it('the host loads it: the store is migrated, the session says format 1, the log still verifies and exports the same', async () => {
    const dir = dataCopy('host');
    const host = await startTestHost(dir);
    await host.stop(false);
    const store = new Store(dir, { readOnly: true });
    try {
      expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
      expect(store.recordFormat(SESSION_ID)).toBe(1);
      const events = store.events(SESSION_ID);
      expect(verifyChain(events)).toMatchObject({ ok: true, count: events.length });
      const md = await exportSession(store, SESSION_ID, 'md', { locale: 'en-GB', now: FIXTURE_EXPORTED_AT });
      expect(Buffer.from(md.data).equals(readFileSync(join(FIXTURE_DIR, 'minutes', fixtureFileName('md', 'en-GB'))))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('a host beside a session a newer Open Floor wrote: its export answers 409 with the message, the list leaves it out', async () => {
    const dir = dataCopy('host-newer');
    const host = await startTestHost(dir);
    try {
      await host.mustControl('createSession', { title: 'Next meeting' });
      const store = new Store(dir);
      store.db.prepare('UPDATE sessions SET record_format = ? WHERE id = ?').run(RECORD_FORMAT + 1, SESSION_ID);
      store.close();
      const res = await fetch(`${host.host.loopbackOrigin}${exportHref(SESSION_ID, 'json', host.host.token)}`);
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ ok: false, error: newerFormatMessage('data folder', RECORD_FORMAT + 1) });
      const list = (await (await fetch(`${host.host.loopbackOrigin}${PATHS.export}?${TOKEN_QUERY}=${host.host.token}`)).json()) as { sessions: Array<{ title: string }> };
      expect(list.sessions.map((s) => s.title)).toEqual(['Next meeting']);
    } finally {
      await host.stop();
    }
  });

  it('its archive verifies intact; with one byte altered, the altered event is named', () => {
    const text = readFileSync(ARCHIVE, 'utf8');
    const intact = verifyArchive(JSON.parse(text));
    expect(intact).toMatchObject({ ok: true });
    const altered = text.replace('Sunday afternoons', 'Sunday afternoonz');
    expect(altered).not.toBe(text);
    const check = verifyArchive(JSON.parse(altered));
    expect(check).toMatchObject({ ok: false, reason: 'content does not match its hash' });
    expect(check.ok === false && check.badSeq).toBeGreaterThan(1);
  });

  it('an archive of a newer format is refused with the message to update', () => {
    const archive = JSON.parse(readFileSync(ARCHIVE, 'utf8')) as { version: number };
    expect(verifyArchive({ ...archive, version: RECORD_FORMAT + 1 })).toEqual({
      ok: false,
      badSeq: null,
      reason: newerFormatMessage('archive', RECORD_FORMAT + 1),
    });
  });
});

/** The built CLI on the committed files, as a clerk would run it. Builds first when out/ is stale. */
describe('the command line on the format-1 record', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, [CLI, ...args], { cwd: work }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );

  beforeAll(async () => {
    const built = join(ROOT, 'out', 'main', 'cli.js');
    const sources = ['src-main/cli.ts', 'src-main/host/store/store.ts', 'src-shared/minutes/archive.ts', 'src-shared/record/upgrade-event.ts'];
    const stale = !existsSync(built) || sources.some((s) => statSync(join(ROOT, s)).mtimeMs > statSync(built).mtimeMs);
    if (stale) await run('npx', ['electron-vite', 'build'], { cwd: ROOT });
  }, 240_000);

  it('verify: intact, altered (exit 1), newer format (exit 2 with the message)', async () => {
    const intact = await cli('verify', ARCHIVE);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^intact: \d+ events, final hash [0-9a-f]{64}\n$/);

    const alteredFile = join(work, 'altered.json');
    writeFileSync(alteredFile, readFileSync(ARCHIVE, 'utf8').replace('Sunday afternoons', 'Sunday afternoonz'));
    const altered = await cli('verify', alteredFile);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toMatch(/^altered: event #\d+: content does not match its hash/);

    const newerFile = join(work, 'newer.json');
    const archive = JSON.parse(readFileSync(ARCHIVE, 'utf8')) as object;
    writeFileSync(newerFile, JSON.stringify({ ...archive, version: RECORD_FORMAT + 1 }));
    const newer = await cli('verify', newerFile);
    expect(newer.code).toBe(2);
    expect(newer.stderr).toContain(newerFormatMessage('archive', RECORD_FORMAT + 1));
  });

  it('export: the same Markdown from the committed data folder, but for the line of when it was made', async () => {
    const out = join(work, 'cli.md');
    const r = await cli('export', '--data', dataCopy('cli'), '--session', SESSION_ID, '--format', 'md', '--locale', 'en-GB', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const withoutMade = (s: string) => s.replace(/^- \*\*Minutes made:\*\*.*$/m, '');
    expect(withoutMade(readFileSync(out, 'utf8'))).toBe(withoutMade(readFileSync(join(FIXTURE_DIR, 'minutes', fixtureFileName('md', 'en-GB')), 'utf8')));
  });

  it('export from a data folder whose session a newer Open Floor wrote: the message to update, exit 2', async () => {
    const dir = dataCopy('newer');
    const store = new Store(dir); // migrates the copy, as a newer host would have
    store.db.prepare('UPDATE sessions SET record_format = ? WHERE id = ?').run(RECORD_FORMAT + 1, SESSION_ID);
    store.close();
    const r = await cli('export', '--data', dir, '--session', SESSION_ID, '--format', 'md');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(newerFormatMessage('data folder', RECORD_FORMAT + 1));
  });
});
