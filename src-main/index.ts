import { app, dialog } from 'electron';
import { join } from 'node:path';
import { APP_NAME, launchOptions } from './shell-logic/launch-options.js';
import { DesktopShell } from './shell.js';

/**
 * The Electron app's lifecycle, nothing else: the shell (src-main/shell.ts) owns the host, the windows,
 * the menu and IPC. Phones' WebRTC goes through the hidden gateway window; Chromium must offer the
 * laptop's real LAN address there, not an mDNS name (docs/DESIGN.md, WebRTC).
 */
app.commandLine.appendSwitch('disable-features', 'WebRtcHideLocalIpsWithMdns');
app.enableSandbox();

// The same user-data folder from source and installed (package.json's name is `open-floor`).
const launch = launchOptions(process.env);
app.setName(APP_NAME);
app.setPath('userData', launch.userData ?? join(app.getPath('appData'), APP_NAME));

const desktop = new DesktopShell();
let stopped = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => desktop.focus());
  app
    .whenReady()
    .then(() => desktop.start())
    .catch((err: unknown) => {
      dialog.showErrorBox('Open Floor could not start', String((err as Error).stack ?? err));
      app.exit(1);
    });
}

// With a session open, quitting asks first (shell.ts); no window closes before the answer.
app.on('before-quit', (event) => {
  if (!desktop.allowQuit()) event.preventDefault();
});

// Then the host stops cleanly before the process exits.
app.on('will-quit', (event) => {
  if (stopped) return;
  event.preventDefault();
  void desktop.shutdown().finally(() => {
    stopped = true;
    app.exit(0);
  });
});

// Closing the console quits (shell.ts); the hidden gateway window alone never keeps the app running.
app.on('window-all-closed', () => app.quit());
