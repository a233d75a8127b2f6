import { buildSync } from 'esbuild';
import { join } from 'node:path';

let source: string | null = null;

/** The in-page query engine (query.ts) as one classic script, built once per test process. */
export function queryScript(): string {
  if (source === null) {
    const out = buildSync({
      entryPoints: [join(__dirname, 'query.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    });
    source = out.outputFiles[0]!.text;
  }
  return source;
}
