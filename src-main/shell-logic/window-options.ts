import { join } from 'node:path';

/**
 * Options of every window the shell opens, as plain data (structurally an Electron
 * `BrowserWindowConstructorOptions`; src-main/windows passes it to `new BrowserWindow`).
 *
 * Every window: context isolation, the Chromium sandbox, no Node in the page, web security, no <webview>,
 * no insecure content. Only the console has a preload (the shell API); the gateway has its own narrow one;
 * the projector has none (it only reads the board over the loopback listener).
 */
export type WindowKind = 'console' | 'projector' | 'gateway';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  spellcheck: boolean;
  backgroundThrottling: boolean;
  preload?: string;
}

export interface WindowOptionsSpec {
  title: string;
  show: boolean;
  width: number;
  height: number;
  x?: number;
  y?: number;
  minWidth?: number;
  minHeight?: number;
  fullscreen?: boolean;
  autoHideMenuBar?: boolean;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

/** The preload file of each window in the build output (out/preload), or none. */
export const PRELOADS: Record<WindowKind, string | null> = {
  console: 'index.js',
  projector: null,
  gateway: 'gateway.js',
};

export function windowOptions(
  kind: WindowKind,
  opts: { preloadDir: string; bounds?: Bounds; fullscreen?: boolean },
): WindowOptionsSpec {
  const preload = PRELOADS[kind];
  const webPreferences: SecureWebPreferences = {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: kind === 'console',
    // The gateway is hidden for its whole life: throttled timers would stall WebRTC recycling.
    backgroundThrottling: kind !== 'gateway',
    ...(preload ? { preload: join(opts.preloadDir, preload) } : {}),
  };
  const base = { backgroundColor: '#ffffff', webPreferences };
  switch (kind) {
    case 'console':
      return { ...base, title: 'Open Floor', show: false, width: 1280, height: 860, minWidth: 720, minHeight: 480 };
    case 'projector': {
      const b = opts.bounds ?? { x: 0, y: 0, width: 1280, height: 720 };
      return {
        ...base,
        title: 'Open Floor — Projector',
        show: false,
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        fullscreen: opts.fullscreen ?? false,
        autoHideMenuBar: true,
        backgroundColor: '#000000',
      };
    }
    case 'gateway':
      return { ...base, title: 'Open Floor — Gateway', show: false, width: 400, height: 300 };
  }
}
