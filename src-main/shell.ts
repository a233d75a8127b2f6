import { app, dialog, shell, type BrowserWindow, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type Host } from './host/host.js';
import { STORE_FILE } from './host/store/store.js';
import { installDownloads } from './downloads.js';
import { registerIpc, sendEvent } from './ipc.js';
import { installMenu } from './menu.js';
import { installSecurity } from './security.js';
import { loadSettings, saveSettings } from './settings.js';
import { closeChoice, closePrompt } from './shell-logic/close-prompt.js';
import { shellContentSecurityPolicy } from './shell-logic/csp.js';
import { exportUrl, type ExportFormat } from './shell-logic/exports.js';
import { gatewayConfig, lanPortOf, RoomSet } from './shell-logic/gateway-config.js';
import { createIpcHandlers } from './shell-logic/ipc-handlers.js';
import { launchOptions } from './shell-logic/launch-options.js';
import { portIsFree } from './shell-logic/port.js';
import type { MenuActions } from './shell-logic/menu-template.js';
import { resolveDataDir } from './shell-logic/settings.js';
import type { WindowKind } from './shell-logic/window-options.js';
import { createConsoleWindow } from './windows/console.js';
import { createGatewayWindow } from './windows/gateway.js';
import { createProjectorWindow, moveProjectorToNextDisplay, toggleProjectorFullscreen } from './windows/projector.js';

/** Served by the host's loopback listener from the renderer build (src-renderer/gateway). */
const GATEWAY_PAGE = '/gateway/index.html';
const GATEWAY_RESTART_MS = 1_000;

/**
 * The desktop shell: the host in-process, its three windows, the menu and the IPC bridge. index.ts only
 * drives its lifecycle. Decisions live in shell-logic/ (tested without Electron); this file wires them.
 */
export class DesktopShell {
  private host: Host | null = null;
  private dataDir = '';
  private readonly rooms = new RoomSet();
  private consoleWin: BrowserWindow | null = null;
  private projectorWin: BrowserWindow | null = null;
  private gatewayWin: BrowserWindow | null = null;
  private csp: string | null = null;
  /** Set once the facilitator has answered the close question (or there was nothing to ask). */
  private quitConfirmed = false;
  private asking = false;
  private shuttingDown: Promise<void> | null = null;
  private readonly launch = launchOptions(process.env);
  private readonly preloadDir = join(__dirname, '../preload');
  private readonly buildDir = join(__dirname, '..');

  async start(): Promise<void> {
    const origin = () => this.host?.loopbackOrigin ?? null;
    installSecurity({ appOrigin: origin, csp: () => this.csp });
    installDownloads(origin);
    registerIpc({
      handlers: createIpcHandlers({
        control: (command, input) => this.requireHost().control(command, input),
        showProjector: () => this.showProjector(),
        gatewayConfig: () => gatewayConfig(this.requireHost(), this.rooms.list()),
        reportPeers: (room, peers) => this.host?.setRoomPeers(room, peers),
      }),
      windowOf: (contents) => this.windowOf(contents),
      appOrigin: origin,
    });
    const settings = loadSettings(app.getPath('userData'));
    await this.startHostAt(this.launch.dataDir ?? resolveDataDir(settings, app.getPath('userData')));
    this.openWindows();
  }

  /** Brings the console to the front (a second launch of the app does this). */
  focus(): void {
    const win = this.consoleWin;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  }

  /**
   * The app's before-quit: true when quitting may go ahead. Otherwise the question is asked first (with a
   * session open) and the app quits again once answered, so no window closes on a quit that is cancelled.
   */
  allowQuit(): boolean {
    if (this.quitConfirmed) return true;
    void this.confirmQuit();
    return false;
  }

  /** Stops the host once (the app's will-quit waits for this). */
  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      const gatewayWin = this.gatewayWin;
      this.gatewayWin = null;
      gatewayWin?.destroy();
      await this.host?.close();
      this.host = null;
    })();
    return this.shuttingDown;
  }

  private requireHost(): Host {
    if (!this.host) throw new Error('The host is not running.');
    return this.host;
  }

  private windowOf(contents: WebContents): WindowKind | null {
    const is = (win: BrowserWindow | null) => win !== null && !win.isDestroyed() && win.webContents === contents;
    if (is(this.consoleWin)) return 'console';
    if (is(this.gatewayWin)) return 'gateway';
    if (is(this.projectorWin)) return 'projector';
    return null;
  }

  private async startHostAt(dataDir: string): Promise<void> {
    const options = {
      dataDir,
      buildDir: this.buildDir,
      gateway: 'external' as const,
      ...(this.launch.joinAddress ? { joinAddress: this.launch.joinAddress } : {}),
      onRoom: (name: string, change: 'opened' | 'closed') => {
        if (this.rooms.apply(name, change)) sendEvent(this.gatewayWin?.webContents, 'gatewayRoom', { name, change });
      },
      log: (line: string) => console.error(line),
    };
    let lanPort = this.launch.lanPort;
    if (!(await portIsFree(lanPort))) {
      // Another program (or `open-floor serve`) has the port: any free port works, phones use the QR.
      console.error(`Port ${lanPort} is in use; phones will join on another port.`);
      lanPort = 0;
    }
    const host = await startHost({ ...options, lanPort });
    this.host = host;
    this.dataDir = dataDir;
    this.csp = shellContentSecurityPolicy(host.loopbackOrigin, lanPortOf(host.lanOrigin));
    host.onSessionChanged(() => this.refreshMenu());
    this.refreshMenu();
  }

  private openWindows(): void {
    const host = this.requireHost();
    this.openGateway();
    const consoleWin = createConsoleWindow(host.consoleUrl, this.preloadDir);
    consoleWin.on('close', (event) => {
      if (this.quitConfirmed) return;
      event.preventDefault();
      void this.confirmQuit();
    });
    consoleWin.on('closed', () => {
      this.consoleWin = null;
      app.quit();
    });
    this.consoleWin = consoleWin;
    this.showProjector();
  }

  private openGateway(): void {
    const host = this.requireHost();
    const win = createGatewayWindow(`${host.loopbackOrigin}${GATEWAY_PAGE}`, this.preloadDir);
    const lost = () => {
      if (this.gatewayWin !== win) return;
      this.gatewayWin = null;
      // Its peer connections are gone with it.
      for (const room of this.rooms.list()) this.host?.setRoomPeers(room, 0);
      if (this.shuttingDown || !this.host) return;
      setTimeout(() => {
        if (!this.shuttingDown && this.host && !this.gatewayWin) this.openGateway();
      }, GATEWAY_RESTART_MS);
    };
    win.webContents.on('render-process-gone', () => {
      lost();
      if (!win.isDestroyed()) win.destroy();
    });
    win.on('closed', lost);
    this.gatewayWin = win;
  }

  private showProjector(): void {
    const host = this.host;
    if (!host) return;
    const win = this.projectorWin;
    if (win && !win.isDestroyed()) {
      win.show();
      return;
    }
    const created = createProjectorWindow(host.projectorUrl, this.preloadDir);
    created.on('closed', () => {
      if (this.projectorWin === created) this.projectorWin = null;
    });
    this.projectorWin = created;
  }

  private async confirmQuit(): Promise<void> {
    if (this.asking) return;
    this.asking = true;
    try {
      if (!(await this.askBeforeQuit())) return;
    } finally {
      this.asking = false;
    }
    this.quitConfirmed = true;
    app.quit();
  }

  /** False when the facilitator cancelled (or closing the session failed). */
  private async askBeforeQuit(): Promise<boolean> {
    const state = this.host?.currentSession();
    const prompt = closePrompt(state?.status ?? null, state?.title ?? '');
    if (prompt && this.consoleWin) {
      const { choices: _choices, ...options } = prompt;
      const { response } = await dialog.showMessageBox(this.consoleWin, options);
      const choice = closeChoice(prompt, response);
      if (choice === 'cancel') return false;
      if (choice === 'close-session') {
        const closed = this.host?.control('closeSession', {});
        if (closed && !closed.ok) {
          await dialog.showMessageBox(this.consoleWin, { type: 'error', message: 'The session could not be closed.', detail: closed.error });
          return false;
        }
      }
    }
    return true;
  }

  private menuActions(): MenuActions {
    return {
      newSession: () => void this.newSession(),
      openArchive: () => void this.openArchive(),
      exportAs: (format) => this.exportAs(format),
      showProjector: () => this.showProjector(),
      moveProjector: () => {
        this.showProjector();
        if (this.projectorWin) moveProjectorToNextDisplay(this.projectorWin);
      },
      toggleProjectorFullscreen: () => {
        this.showProjector();
        if (this.projectorWin) toggleProjectorFullscreen(this.projectorWin);
      },
      chooseDataFolder: () => void this.chooseDataFolder(),
      showDataFolder: () => void shell.openPath(this.dataDir),
      showHelp: () => void this.showHelp(),
    };
  }

  private refreshMenu(): void {
    installMenu(this.menuActions(), {
      platform: process.platform,
      appName: app.getName(),
      hasSession: this.host?.currentSession() != null,
    });
  }

  private async newSession(): Promise<void> {
    const status = this.host?.currentSession()?.status;
    if (status === 'open' || status === 'draft') {
      await this.info(
        'Close the current session first',
        'A new session replaces the current one. Close it in the console (“Close session”), then choose New Session.',
      );
      return;
    }
    this.focus();
    sendEvent(this.consoleWin?.webContents, 'shellCommand', 'new-session');
  }

  private exportAs(format: ExportFormat): void {
    const host = this.host;
    const sessionId = host?.currentSession()?.id;
    if (!host || !sessionId || !this.consoleWin) return;
    // will-download (downloads.ts) shows the native save dialog.
    this.consoleWin.webContents.downloadURL(exportUrl(host.loopbackOrigin, host.token, sessionId, format));
  }

  private async openArchive(): Promise<void> {
    const dir = await this.pickFolder('Open an Open Floor data folder', 'Open');
    if (dir) await this.switchDataDir(dir, false);
  }

  private async chooseDataFolder(): Promise<void> {
    const dir = await this.pickFolder(`Where Open Floor keeps sessions (now: ${this.dataDir})`, 'Use this folder');
    if (dir) await this.switchDataDir(dir, true);
  }

  private async pickFolder(title: string, buttonLabel: string): Promise<string | null> {
    const options = { title, buttonLabel, defaultPath: this.dataDir, properties: ['openDirectory' as const, 'createDirectory' as const] };
    const result = this.consoleWin ? await dialog.showOpenDialog(this.consoleWin, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  /** Restarts the host on another data folder (open archive, or the data folder setting). */
  private async switchDataDir(dir: string, persist: boolean): Promise<void> {
    if (dir === this.dataDir) return;
    if (this.host?.currentSession()?.status === 'open') {
      await this.info('A session is open', 'Close the session before you switch to another data folder: switching disconnects every phone.');
      return;
    }
    if (!persist && !existsSync(join(dir, STORE_FILE))) {
      await this.info('No Open Floor sessions in that folder', `${dir} has no Open Floor data (${STORE_FILE}).`);
      return;
    }
    const previous = this.dataDir;
    const gatewayWin = this.gatewayWin;
    this.gatewayWin = null; // first, so its 'closed' does not schedule a restart
    gatewayWin?.destroy();
    await this.host?.close();
    this.host = null;
    this.rooms.clear();
    try {
      await this.startHostAt(dir);
    } catch (err) {
      await this.info('That folder cannot be used', String((err as Error).message ?? err));
      await this.startHostAt(previous);
    }
    if (persist && this.dataDir === dir) saveSettings(app.getPath('userData'), { dataDir: dir });
    const host = this.requireHost();
    this.openGateway();
    void this.consoleWin?.loadURL(host.consoleUrl);
    void this.projectorWin?.loadURL(host.projectorUrl);
  }

  private async showHelp(): Promise<void> {
    await this.info(
      'Open Floor',
      [
        'Create and open a session in the console; the projector shows the QR code phones scan.',
        'Phones must be on the same network as this laptop. If Windows or macOS asks whether Open Floor may accept incoming connections, allow it on private networks: phones cannot join otherwise.',
        `Sessions are stored in ${this.dataDir} (File → Data Folder… changes it).`,
      ].join('\n\n'),
    );
  }

  private async info(message: string, detail: string): Promise<void> {
    const options = { type: 'info' as const, message, detail };
    if (this.consoleWin) await dialog.showMessageBox(this.consoleWin, options);
    else await dialog.showMessageBox(options);
  }
}
