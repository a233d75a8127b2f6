import type * as Y from 'yjs';
import { z } from 'zod';
import { BOARD_MAP } from './docs/board-doc.js';
import { DESK_MAP } from './docs/desk-doc.js';
import { setIfChanged } from './docs/json-map.js';
import { LOCALES } from './i18n/format.js';

/**
 * How the projector looks, chosen in the console and remembered per data folder. The host writes the
 * options into the board (key `display`; the projector reads them, phones ignore them) and the desk (so
 * the console shows what is set).
 */

/** Text size steps: the factor applied to every text of the projector (1 = standard). */
export const TEXT_SIZES = { '1': 1, '2': 1.2, '3': 1.4, '4': 1.65 } as const;
export type TextSize = keyof typeof TEXT_SIZES;
export const QR_SIZES = ['small', 'medium', 'large'] as const;
export const TOP_COUNT_MIN = 1;
export const TOP_COUNT_MAX = 12;

export const DISPLAY_SCHEMA = z.object({
  textSize: z.enum(Object.keys(TEXT_SIZES) as [TextSize, ...TextSize[]]),
  highContrast: z.boolean(),
  theme: z.enum(['light', 'dark']),
  showNames: z.boolean(),
  topCount: z.number().int().min(TOP_COUNT_MIN).max(TOP_COUNT_MAX),
  qrSize: z.enum(QR_SIZES),
  /** The projector's language, and whether the join call is also shown in the other language. */
  language: z.enum(LOCALES),
  bilingualJoin: z.boolean(),
});

export type DisplayOptions = z.output<typeof DISPLAY_SCHEMA>;

export const DEFAULT_DISPLAY: DisplayOptions = {
  textSize: '1',
  highContrast: false,
  theme: 'light',
  showNames: true,
  topCount: 7,
  qrSize: 'medium',
  language: 'en',
  bilingualJoin: false,
};

export const DISPLAY_KEY = 'display';

/** Whatever a document holds (or held, in an older version): valid options, defaults for the rest. */
export function parseDisplay(value: unknown): DisplayOptions {
  const whole = DISPLAY_SCHEMA.safeParse(value);
  if (whole.success) return whole.data;
  const out: Record<string, unknown> = { ...DEFAULT_DISPLAY };
  if (typeof value === 'object' && value !== null) {
    for (const [key, field] of Object.entries(DISPLAY_SCHEMA.shape)) {
      const parsed = field.safeParse((value as Record<string, unknown>)[key]);
      if (parsed.success) out[key] = parsed.data;
    }
  }
  return out as DisplayOptions;
}

export const readBoardDisplay = (doc: Y.Doc): DisplayOptions => parseDisplay(doc.getMap<unknown>(BOARD_MAP).get(DISPLAY_KEY));
export const readDeskDisplay = (doc: Y.Doc): DisplayOptions => parseDisplay(doc.getMap<unknown>(DESK_MAP).get(DISPLAY_KEY));

/** Host side: the options into both documents (call inside the host's transaction on each). */
export function writeDisplay(map: Y.Map<unknown>, options: DisplayOptions): void {
  setIfChanged(map, DISPLAY_KEY, options);
}
