import { describe, expect, it } from 'vitest';
import {
  nextProjectorPlacement,
  pickProjectorDisplay,
  projectorPlacement,
  type DisplayInfo,
} from '../src-main/shell-logic/display.js';

const display = (id: number, x: number, width = 1920, height = 1080): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 25, width, height: height - 25 },
});
const laptop = display(1, 0, 1440, 900);
const projector = display(2, 1440, 1920, 1080);
const tv = display(3, 3360, 3840, 2160);

describe('projector placement', () => {
  it('goes fullscreen on the second display when one is connected', () => {
    expect(pickProjectorDisplay([laptop, projector], 1)).toBe(projector);
    expect(projectorPlacement([laptop, projector], 1)).toEqual({ displayId: 2, bounds: projector.bounds, fullscreen: true });
  });

  it('picks a display that is not the primary even when the primary is listed second', () => {
    expect(projectorPlacement([projector, laptop], 1).displayId).toBe(2);
  });

  it('opens as a normal window inside the work area with one display', () => {
    const place = projectorPlacement([laptop], 1);
    expect(pickProjectorDisplay([laptop], 1)).toBeNull();
    expect(place.fullscreen).toBe(false);
    expect(place.displayId).toBe(1);
    const b = place.bounds;
    expect(b.x).toBeGreaterThanOrEqual(laptop.workArea.x);
    expect(b.y).toBeGreaterThanOrEqual(laptop.workArea.y);
    expect(b.x + b.width).toBeLessThanOrEqual(laptop.workArea.x + laptop.workArea.width);
    expect(b.y + b.height).toBeLessThanOrEqual(laptop.workArea.y + laptop.workArea.height);
  });

  it('survives an empty display list', () => {
    expect(projectorPlacement([], 1).fullscreen).toBe(false);
  });

  it('moves round the displays: fullscreen on external ones, windowed back on the primary', () => {
    const all = [laptop, projector, tv];
    expect(nextProjectorPlacement(all, 1, 2)).toEqual({ displayId: 3, bounds: tv.bounds, fullscreen: true });
    const back = nextProjectorPlacement(all, 1, 3);
    expect(back.displayId).toBe(1);
    expect(back.fullscreen).toBe(false);
    expect(nextProjectorPlacement(all, 1, 1)).toMatchObject({ displayId: 2, fullscreen: true });
    // A display that disappeared: start from the first.
    expect(nextProjectorPlacement([laptop, projector], 1, 99).displayId).toBe(1);
  });
});
