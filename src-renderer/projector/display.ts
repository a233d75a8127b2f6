import { useEffect } from 'react';
import type * as Y from 'yjs';
import { readBoardDisplay, type DisplayOptions } from '../../src-shared/display';
import { useYView } from '../ui/use-y-view';

/**
 * The display options the console chose (from the board doc), applied as data attributes on <html>, which
 * projector.css reads (and tests wait on): data-text-size, data-theme, data-contrast, data-show-names,
 * data-top-count, data-qr-size.
 */
export function useDisplay(doc: Y.Doc): DisplayOptions {
  const display = useYView(doc, readBoardDisplay);
  useEffect(() => {
    const d = document.documentElement.dataset;
    d.textSize = display.textSize;
    d.theme = display.theme;
    d.contrast = display.highContrast ? 'high' : 'standard';
    d.showNames = String(display.showNames);
    d.topCount = String(display.topCount);
    d.qrSize = display.qrSize;
  }, [display]);
  return display;
}
