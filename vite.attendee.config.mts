import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const __dirname = dirname(fileURLToPath(import.meta.url));

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt']);

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
function precompressDir(dir: string): void {
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
  }
}

/** Vite plugin: precompress the output folder after the bundle (and `public/`) is written. */
function precompress(): Plugin {
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

// The phone app: its own minified bundle, served by the host's LAN listener to every phone. Phones on a
// crowded venue Wi-Fi download it, so React is replaced by preact/compat here (same components, ~40 KiB
// less gzipped); the console and projector, served on the laptop itself, keep React.
export default defineConfig({
  root: resolve(__dirname, 'src-renderer/attendee'),
  base: '/',
  // Every text file of the output also gets a .br and a .gz twin (precompress, above), served by
  // Accept-Encoding by the host (src-main/host/net/static-files.ts).
  plugins: [react(), precompress()],
  resolve: {
    alias: [
      { find: /^react$/, replacement: 'preact/compat' },
      { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
      { find: /^react-dom$/, replacement: 'preact/compat' },
      { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
      { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
    ],
  },
  build: {
    outDir: resolve(__dirname, 'out/attendee'),
    emptyOutDir: true,
    minify: true,
    target: ['es2020', 'safari14'],
  },
});
