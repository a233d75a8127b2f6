import { BrowserWindow } from 'electron';
import { windowOptions } from '../shell-logic/window-options.js';

/**
 * The hidden window that runs the WebRTC gateway (src-renderer/gateway) with Chromium's WebRTC: native
 * WebRTC modules do not load in Electron's main process. It is never shown; its narrow preload hands it
 * the rooms to bridge and takes its peer counts.
 */
export function createGatewayWindow(url: string, preloadDir: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions('gateway', { preloadDir }));
  void win.loadURL(url);
  return win;
}
