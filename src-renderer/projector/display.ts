import { useEffect } from 'react';
import type * as Y from 'yjs';
import { readBoardDisplay, type DisplayOptions } from '../../src-shared/display';
import { useYView } from '../ui/use-y-view';
import { getLocale, setLocale } from '../ui/i18n';
import { PSEUDO_RTL } from '../../src-shared/i18n/format';

/**
 * The display options the console chose (from the board doc), applied as data attributes on <html>, which
 * projector.css reads (and tests wait on): data-text-size, data-theme, data-contrast, data-show-names,
 * data-top-count, data-qr-size, data-bilingual; and the language the console chose for the projector.
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
    d.bilingual = String(display.bilingualJoin);
    if (getLocale() !== PSEUDO_RTL) setLocale(display.language, false);
  }, [display]);
  return display;
}
