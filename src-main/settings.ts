import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSettings, serializeSettings, SETTINGS_FILE, type ShellSettings } from './shell-logic/settings.js';

/** The shell's settings file in Electron's userData folder (parsing and defaults: shell-logic/settings). */
export function loadSettings(userData: string): ShellSettings {
  let text: string | null = null;
  try {
    text = readFileSync(join(userData, SETTINGS_FILE), 'utf8');
  } catch {
    text = null;
  }
  return parseSettings(text);
}

/** Writes atomically (temp file, then rename), so a crash never leaves half a file. */
export function saveSettings(userData: string, settings: ShellSettings): void {
  mkdirSync(userData, { recursive: true });
  const file = join(userData, SETTINGS_FILE);
  writeFileSync(`${file}.tmp`, serializeSettings(settings));
  renameSync(`${file}.tmp`, file);
}
