import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DISPLAY, parseDisplay, type DisplayOptions } from '../../../src-shared/display.js';
import { LIMITS } from '../../../src-shared/limits.js';
import { moderationInputs } from '../../../src-shared/features/moderation/control.js';

/**
 * Settings that belong to a data folder rather than to one session: the profanity filter (on by
 * default), the facilitator's own filtered words, how the projector looks, and the phones allowed per
 * network address. Kept in
 * `<data folder>/settings.json`, written whole to a temporary file and renamed over the old one, so a
 * crash never leaves half a file. A file that cannot be read gives the defaults (and a log line).
 */
export interface FolderSettingsValue {
  profanityFilter: boolean;
  customWords: string[];
  display: DisplayOptions;
  /** New phones one network address may add (a venue behind NAT raises it once, for every meeting there). */
  phonesPerAddress: number;
}

export const DEFAULT_FOLDER_SETTINGS: FolderSettingsValue = {
  profanityFilter: true,
  customWords: [],
  display: DEFAULT_DISPLAY,
  phonesPerAddress: LIMITS.phonesPerAddressDefault,
};

export const SETTINGS_FILE = 'settings.json';

const fileSchema = z.object({
  profanityFilter: z.boolean().catch(true),
  customWords: moderationInputs.setCustomWords.shape.words.catch([]),
  display: z.unknown().transform(parseDisplay),
  phonesPerAddress: z.number().int().min(1).max(LIMITS.phonesPerAddressMax).catch(LIMITS.phonesPerAddressDefault),
});

export class FolderSettings {
  private value: FolderSettingsValue;
  private readonly path: string;

  constructor(dataDir: string, log: (line: string) => void = () => {}) {
    this.path = join(dataDir, SETTINGS_FILE);
    this.value = DEFAULT_FOLDER_SETTINGS;
    if (!existsSync(this.path)) return;
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (parsed.success) this.value = parsed.data;
      else log(`settings: ${this.path} is not valid; using the defaults`);
    } catch (err) {
      log(`settings: cannot read ${this.path}: ${(err as Error).message}; using the defaults`);
    }
  }

  get current(): FolderSettingsValue {
    return this.value;
  }

  /** Saves a change; `{ ok: false }` with a plain message when the folder cannot be written. */
  update(change: Partial<FolderSettingsValue>): { ok: true } | { ok: false; error: string } {
    const next = { ...this.value, ...change };
    const tmp = `${this.path}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`);
      renameSync(tmp, this.path);
    } catch (err) {
      return { ok: false, error: `The data folder cannot be written: ${(err as Error).message}` };
    }
    this.value = next;
    return { ok: true };
  }
}
