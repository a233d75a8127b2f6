// Bundles the published site's two small scripts (src-renderer/published) into out/published, where
// `open-floor publish` copies them from: verify.js (the hash chain check, with @noble/hashes) and mine.js.
// Plain browser scripts (IIFE, minified, ES2020): they run from file:// and from any web server.
const { buildSync } = require('esbuild');
const { join } = require('node:path');

const root = join(__dirname, '..');
buildSync({
  entryPoints: { verify: join(root, 'src-renderer/published/verify.ts'), mine: join(root, 'src-renderer/published/mine.ts') },
  outdir: join(root, 'out/published'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  logLevel: 'warning',
});
