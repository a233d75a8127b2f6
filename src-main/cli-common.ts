import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from './host/store/store.js';

/** What the command-line commands (cli.ts, cli-publish.ts) share: the data folder, refusals, files read. */

export const defaultDataDir = (): string => join(homedir(), '.open-floor');

/** A wrong use of a command: the message, its usage, exit 2. */
export function refuse(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

/** The data folder's store, read-only (a running host is not disturbed); one line and exit 2 when it cannot be read. */
export function openStore(data: string | undefined): Store {
  const dataDir = resolve(data ?? defaultDataDir());
  try {
    return new Store(dataDir, { readOnly: true });
  } catch (err) {
    process.stderr.write(`open-floor: cannot read ${dataDir}: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

/** A JSON file (an archive, a published record); one line and exit 2 when it cannot be read or parsed. */
export function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? 'it is not valid JSON' : (err as Error).message;
    process.stderr.write(`open-floor: cannot read ${path}: ${why}\n`);
    process.exit(2);
  }
}

/** A refusal the command expects (`known`: an unknown session, a newer record format) in one line, exit 2; anything else is a bug and thrown. */
export function exitIfKnown(err: unknown, known: ReadonlyArray<abstract new (...args: never[]) => Error>): never {
  if (known.some((k) => err instanceof k)) {
    process.stderr.write(`open-floor: ${(err as Error).message}\n`);
    process.exit(2);
  }
  throw err;
}
