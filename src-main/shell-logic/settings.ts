import { isAbsolute, join } from 'node:path';

/**
 * The shell's settings, a small JSON file in Electron's userData folder. Only one today: where sessions
 * are stored. A missing, unreadable or odd file means the defaults; unknown keys are dropped.
 */
export interface ShellSettings {
  /** Absolute folder for the event log and documents; null means the default (userData/data). */
  dataDir: string | null;
}

export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_SETTINGS: ShellSettings = { dataDir: null };

export function parseSettings(text: string | null): ShellSettings {
  if (text === null) return { ...DEFAULT_SETTINGS };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_SETTINGS };
  const dataDir = (raw as { dataDir?: unknown }).dataDir;
  return {
    dataDir: typeof dataDir === 'string' && dataDir.length > 0 && dataDir.length < 4096 && isAbsolute(dataDir) ? dataDir : null,
  };
}

export function serializeSettings(settings: ShellSettings): string {
  return `${JSON.stringify({ dataDir: settings.dataDir }, null, 2)}\n`;
}

export function defaultDataDir(userData: string): string {
  return join(userData, 'data');
}

export function resolveDataDir(settings: ShellSettings, userData: string): string {
  return settings.dataDir ?? defaultDataDir(userData);
}
