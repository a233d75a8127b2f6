import { describe, expect, it } from 'vitest';
import { PRELOADS, windowOptions, type WindowKind } from '../src-main/shell-logic/window-options.js';

const KINDS: WindowKind[] = ['console', 'projector', 'gateway'];

describe('window options (every BrowserWindow the shell opens)', () => {
  for (const kind of KINDS) {
    it(`${kind}: sandboxed, isolated, no Node, web security on`, () => {
      const prefs = windowOptions(kind, { preloadDir: '/app/out/preload' }).webPreferences;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      });
      // Nothing that would loosen them sneaks in under another name.
      const forbidden = ['enableRemoteModule', 'experimentalFeatures', 'enableBlinkFeatures', 'nodeIntegrationInWorker'];
      for (const key of forbidden) expect((prefs as unknown as Record<string, unknown>)[key] ?? false).toBe(false);
    });
  }

  it('only the console and the gateway get a preload, each its own', () => {
    expect(windowOptions('console', { preloadDir: '/p' }).webPreferences.preload).toBe('/p/index.js');
    expect(windowOptions('gateway', { preloadDir: '/p' }).webPreferences.preload).toBe('/p/gateway.js');
    expect(windowOptions('projector', { preloadDir: '/p' }).webPreferences).not.toHaveProperty('preload');
    expect(PRELOADS.projector).toBeNull();
  });

  it('the gateway is never shown and never throttled; the projector takes the placement it is given', () => {
    const gateway = windowOptions('gateway', { preloadDir: '/p' });
    expect(gateway.show).toBe(false);
    expect(gateway.webPreferences.backgroundThrottling).toBe(false);
    const projector = windowOptions('projector', {
      preloadDir: '/p',
      bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
      fullscreen: true,
    });
    expect(projector).toMatchObject({ x: 1920, y: 0, width: 1280, height: 1024, fullscreen: true });
  });
});
