import { BrowserWindow } from 'electron';
import { windowOptions } from '../shell-logic/window-options.js';

/** The facilitator's console: the loopback console page, with the shell API preload. */
export function createConsoleWindow(url: string, preloadDir: string): BrowserWindow {
  const win = new BrowserWindow(windowOptions('console', { preloadDir }));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
