import type { Bounds } from './window-options.js';

/** What the shell needs of an Electron `Display`. */
export interface DisplayInfo {
  id: number;
  bounds: Bounds;
  workArea: Bounds;
}

export interface ProjectorPlacement {
  displayId: number;
  bounds: Bounds;
  fullscreen: boolean;
}

/** The projector's display: the first one that is not the primary (where the console is), else none. */
export function pickProjectorDisplay(displays: readonly DisplayInfo[], primaryId: number): DisplayInfo | null {
  return displays.find((d) => d.id !== primaryId) ?? null;
}

/** A normal window on the primary display: 16:9, most of the work area, centred. */
export function windowedBounds(display: DisplayInfo): Bounds {
  const area = display.workArea;
  const width = Math.min(1280, Math.round(area.width * 0.8));
  const height = Math.min(Math.round((width * 9) / 16), Math.round(area.height * 0.8));
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where the projector opens: fullscreen on the second display when one is connected, otherwise a normal
 * window on the primary display.
 */
export function projectorPlacement(displays: readonly DisplayInfo[], primaryId: number): ProjectorPlacement {
  const external = pickProjectorDisplay(displays, primaryId);
  if (external) return { displayId: external.id, bounds: external.bounds, fullscreen: true };
  const primary = displays.find((d) => d.id === primaryId) ?? displays[0];
  if (!primary) return { displayId: primaryId, bounds: { x: 0, y: 0, width: 1280, height: 720 }, fullscreen: false };
  return { displayId: primary.id, bounds: windowedBounds(primary), fullscreen: false };
}

/**
 * "Move projector to next display": the display after the current one (wrapping). Fullscreen on any
 * display but the primary; a normal window when it lands on the primary (next to the console).
 */
export function nextProjectorPlacement(
  displays: readonly DisplayInfo[],
  primaryId: number,
  currentId: number,
): ProjectorPlacement {
  if (displays.length === 0) return projectorPlacement(displays, primaryId);
  const index = displays.findIndex((d) => d.id === currentId);
  const next = displays[(index + 1) % displays.length]!;
  if (next.id === primaryId) return { displayId: next.id, bounds: windowedBounds(next), fullscreen: false };
  return { displayId: next.id, bounds: next.bounds, fullscreen: true };
}
