#!/usr/bin/env node
// Entry point for `open-floor`: runs the built CLI (out/main/cli.js) with plain Node, no Electron.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('open-floor is not built yet. Run `npm run build` (or `npm run serve`) first.\n');
  process.exit(1);
}
require(cli);
