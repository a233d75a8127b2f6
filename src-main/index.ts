import { app, BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { startHost, type Host } from './host/host.js';

// The desktop shell (thin by design; see issue "The Electron app"): it starts the same host the CLI runs
// and opens the console in a sandboxed window. Phones' WebRTC goes through the gateway (renderer, later).
app.commandLine.appendSwitch('disable-features', 'WebRtcHideLocalIpsWithMdns');

let host: Host | null = null;

async function createConsoleWindow(): Promise<void> {
  host ??= await startHost({
    dataDir: join(app.getPath('userData'), 'data'),
    lanPort: 4321,
    buildDir: join(__dirname, '..'),
    gateway: 'none',
  });
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Open Floor',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const allowedOrigin = host.loopbackOrigin;
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(allowedOrigin)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith(allowedOrigin)) return { action: 'allow' };
    void shell.openExternal(url);
    return { action: 'deny' };
  });
  await win.loadURL(host.consoleUrl);
}

app.whenReady().then(createConsoleWindow, (err: unknown) => {
  console.error(err);
  app.quit();
});

app.on('window-all-closed', () => {
  void host?.close().finally(() => app.quit());
});
