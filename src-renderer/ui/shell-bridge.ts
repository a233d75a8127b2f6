import { SHELL_BRIDGE_KEY, type ShellApi } from '../../src-shared/shell-api';

/** The desktop app's bridge (src-preload/index.ts), or null in a browser (headless host). */
export function shellApi(): ShellApi | null {
  const api = (window as unknown as Record<string, unknown>)[SHELL_BRIDGE_KEY] as Partial<ShellApi> | undefined;
  return api?.kind === 'electron' ? (api as ShellApi) : null;
}
