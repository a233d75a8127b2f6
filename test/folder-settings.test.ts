import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY, parseDisplay } from '../src-shared/display.js';
import { DEFAULT_FOLDER_SETTINGS, FolderSettings, SETTINGS_FILE } from '../src-main/host/store/folder-settings.js';

/** Settings of a data folder (profanity filter, own words, projector display): a real file on disk. */
describe('folder settings', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = mkdtempSync(join(tmpdir(), 'open-floor-settings-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('starts with the filter on and the standard display, and remembers a change in the folder', () => {
    const d = dir();
    expect(new FolderSettings(d).current).toEqual(DEFAULT_FOLDER_SETTINGS);
    const s = new FolderSettings(d);
    const display = { ...DEFAULT_DISPLAY, textSize: '4' as const, highContrast: true, theme: 'dark' as const, topCount: 3 };
    expect(s.update({ profanityFilter: false, customWords: ['blorf'], display })).toEqual({ ok: true });
    expect(new FolderSettings(d).current).toEqual({ ...DEFAULT_FOLDER_SETTINGS, profanityFilter: false, customWords: ['blorf'], display });
    expect(JSON.parse(readFileSync(join(d, SETTINGS_FILE), 'utf8'))).toMatchObject({ profanityFilter: false });
  });

  it('a broken or tampered file gives the defaults for what is wrong, and says so', () => {
    const d = dir();
    writeFileSync(join(d, SETTINGS_FILE), '{ not json');
    const lines: string[] = [];
    expect(new FolderSettings(d, (l) => lines.push(l)).current).toEqual(DEFAULT_FOLDER_SETTINGS);
    expect(lines[0]).toMatch(/cannot read/);
    writeFileSync(join(d, SETTINGS_FILE), JSON.stringify({ profanityFilter: 'yes', customWords: 7, display: { textSize: '9', theme: 'dark' }, phonesPerAddress: -3 }));
    expect(new FolderSettings(d).current).toEqual({ ...DEFAULT_FOLDER_SETTINGS, display: { ...DEFAULT_DISPLAY, theme: 'dark' } });
  });

  it('a folder that cannot be written answers in plain words and keeps the old value', () => {
    const s = new FolderSettings(join(dir(), 'missing', 'deeper'));
    const r = s.update({ profanityFilter: false });
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^The data folder cannot be written/) });
    expect(s.current.profanityFilter).toBe(true);
  });

  it('display options from a document are parsed field by field', () => {
    expect(parseDisplay(undefined)).toEqual(DEFAULT_DISPLAY);
    expect(parseDisplay({ ...DEFAULT_DISPLAY, topCount: 99, qrSize: 'large' })).toEqual({ ...DEFAULT_DISPLAY, qrSize: 'large' });
  });
});
