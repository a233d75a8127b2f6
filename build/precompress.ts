import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text files worth compressing; images and fonts are compressed already. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt']);

function* files(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) next to every compressible file
 * of the build output, once, at build time: the host then picks a file by Accept-Encoding and does no
 * compression work per request. A variant that is not smaller than the file is not written.
 */
export function precompressDir(dir: string): { file: string; raw: number; br: number | null; gz: number | null }[] {
  const out = [];
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const raw = readFileSync(file);
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = gzipSync(raw, { level: 9 });
    const keepBr = br.length < raw.length;
    const keepGz = gz.length < raw.length;
    if (keepBr) writeFileSync(`${file}.br`, br);
    if (keepGz) writeFileSync(`${file}.gz`, gz);
    out.push({ file, raw: statSync(file).size, br: keepBr ? br.length : null, gz: keepGz ? gz.length : null });
  }
  return out;
}

/** Vite plugin: precompress the output folder after the bundle (and `public/`) is written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'open-floor-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
