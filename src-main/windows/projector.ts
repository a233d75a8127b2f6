import { BrowserWindow, screen } from 'electron';
import {
  nextProjectorPlacement,
  projectorPlacement,
  type DisplayInfo,
  type ProjectorPlacement,
} from '../shell-logic/display.js';
import { windowOptions } from '../shell-logic/window-options.js';

/**
 * The projector: fullscreen on the second display when one is connected, a normal window otherwise
 * (decisions in shell-logic/display). No preload: it only reads the board over the loopback listener.
 */
const displays = (): DisplayInfo[] =>
  screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, workArea: d.workArea }));

export function createProjectorWindow(url: string, preloadDir: string): BrowserWindow {
  const place = projectorPlacement(displays(), screen.getPrimaryDisplay().id);
  const win = new BrowserWindow(windowOptions('projector', { preloadDir, bounds: place.bounds, fullscreen: place.fullscreen }));
  win.once('ready-to-show', () => win.showInactive());
  void win.loadURL(url);
  return win;
}

function applyPlacement(win: BrowserWindow, place: ProjectorPlacement): void {
  const apply = () => {
    win.setBounds(place.bounds);
    if (place.fullscreen) win.setFullScreen(true);
  };
  if (win.isFullScreen()) {
    // Leaving fullscreen is animated on macOS: move once it is done.
    win.once('leave-full-screen', apply);
    win.setFullScreen(false);
  } else {
    apply();
  }
}

/** Menu: move the projector to the next display (fullscreen there unless it is the console's display). */
export function moveProjectorToNextDisplay(win: BrowserWindow): void {
  const current = screen.getDisplayMatching(win.getBounds()).id;
  applyPlacement(win, nextProjectorPlacement(displays(), screen.getPrimaryDisplay().id, current));
}

export function toggleProjectorFullscreen(win: BrowserWindow): void {
  win.setFullScreen(!win.isFullScreen());
}
