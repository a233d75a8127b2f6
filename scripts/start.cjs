#!/usr/bin/env node
// `npm start`: build and launch the desktop app where an Electron binary exists; otherwise say so in one
// line and point to the headless host, which is the same app in a browser.
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

function electronBinary() {
  // Read what the electron package knows without require('electron'): requiring it starts a download.
  // Same lookup as the package's own index.js: ELECTRON_OVERRIDE_DIST_PATH is a folder holding the binary.
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const exe = override ? join(override, relative || 'electron') : relative && join(pkgDir, 'dist', relative);
  return exe && existsSync(exe) ? exe : undefined;
}

if (electronBinary() === undefined) {
  process.stderr.write(
    'The Electron binary is not installed on this machine, so the desktop window cannot open. ' +
      'Run `npm run serve` instead: the same app, with the console in your browser.\n',
  );
  process.exit(1);
}
const run = (args) => spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const built = run(['electron-vite', 'build']);
if (built !== 0) process.exit(built);
process.exit(run(['electron-vite', 'preview', '--skipBuild']));
