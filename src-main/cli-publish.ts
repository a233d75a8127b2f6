import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyArchive } from '../src-shared/minutes/archive.js';
import { isLocaleTag } from '../src-shared/i18n/format.js';
import { verifyPublicRecord } from '../src-shared/publish/public-chain.js';
import { matchesLog } from '../src-shared/publish/public-record.js';
import { RecordFormatError } from '../src-shared/record/format.js';
import { defaultLocale } from './host/export/export-session.js';
import { publishableSessions, publishSessions, PublishError, writeSiteFiles, type PublishOptions } from './host/publish/publish.js';
import { defaultDataDir, exitIfKnown, openStore, readJson, refuse } from './cli-common.js';

/** `open-floor publish` and `open-floor verify --public` (the CLI's other commands are in cli.ts). */

export async function publishCommand(argv: string[], usage: string): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      session: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      out: { type: 'string' },
      locale: { type: 'string' },
    },
    strict: true,
  });
  if (!values.out) refuse('Name the folder to write with --out DIR.', usage);
  if (!values.session === !values.all) refuse('Name the sessions with --session ID (once or more), or publish every one with --all.', usage);
  const locales = (values.locale ?? defaultLocale()).split(',').map((l) => l.trim());
  if (!locales.every(isLocaleTag) || locales.length > 2) refuse('--locale must be one or two language tags such as en-GB or en-GB,es-ES.', usage);
  const dataDir = resolve(values.data ?? defaultDataDir());
  const store = openStore(values.data);
  try {
    const ids = values.all ? publishableSessions(store) : (values.session ?? []);
    const outDir = resolve(values.out);
    const opts: PublishOptions = { outDir, locales, assetsDir: resolve(__dirname, '..', 'published') };
    await publishInParallel(ids, opts, dataDir, (mine) => publishSessions(store, mine, opts));
    process.stdout.write(`Published ${ids.length} meeting${ids.length === 1 ? '' : 's'} to ${outDir} (open ${join(outDir, 'index.html')})\n`);
  } catch (err) {
    exitIfKnown(err, [PublishError, RecordFormatError]);
  } finally {
    store.close();
  }
}

/**
 * Many meetings use every core: meetings are shared out between this process and `cores - 1` children
 * (the same CLI with `--session` for each of theirs, at most 3); the index is written last, once all are done.
 */
async function publishInParallel(ids: readonly string[], opts: PublishOptions, dataDir: string, publishHere: (ids: string[]) => void): Promise<void> {
  const children = Math.min(3, availableParallelism() - 1, Math.floor(ids.length / 4));
  const share = (k: number) => ids.filter((_, i) => i % (children + 1) === k);
  const running = Array.from({ length: Math.max(0, children) }, (_, c) => {
    const args = [process.argv[1]!, 'publish', ...share(c + 1).flatMap((id) => ['--session', id]), '--out', opts.outDir, '--data', dataDir, '--locale', opts.locales.join(',')];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    return new Promise<number>((done) => child.on('exit', (code) => done(code ?? 1)));
  });
  publishHere(share(0));
  const codes = await Promise.all(running);
  if (codes.some((c) => c !== 0)) throw new PublishError('Some meetings could not be published (see above).');
  writeSiteFiles(opts);
}

/** `verify --public RECORD.json [--against ARCHIVE.json]`: exit 0 intact (and matching), 1 altered, 2 unreadable. */
export function verifyPublic(recordPath: string, archivePath: string | undefined, usage: string): void {
  const record = readJson(recordPath);
  const check = verifyPublicRecord(record);
  if (!check.ok) {
    if (check.badSeq === null) refuse(`open-floor: ${recordPath} is not an Open Floor public record.`, usage);
    process.stdout.write(`altered: entry #${check.badSeq}: ${check.reason}\n`);
    process.exit(1);
  }
  if (archivePath === undefined) {
    process.stdout.write(`intact: ${check.entries} entries, final hash ${check.finalHash}, original log's final hash ${check.sourceFinalHash}\n`);
    return;
  }
  const archive = verifyArchive(readJson(archivePath));
  if (!archive.ok) {
    process.stdout.write(`the archive is not intact: ${archive.reason}\n`);
    process.exit(archive.badSeq === null ? 2 : 1);
  }
  const match = matchesLog(record, archive.events);
  if (!match.ok) {
    process.stdout.write(`does not match the archive${match.badSeq !== null ? ` at entry #${match.badSeq}` : ''}: ${match.reason}\n`);
    process.exit(1);
  }
  process.stdout.write(`intact and derived from the archive: ${check.entries} entries, final hash ${check.finalHash}\n`);
}
