import type { ControlApi } from '../../src-shared/control';
import { createControlClient } from '../ui/control-client';
import { shellApi } from '../ui/shell-bridge';
import { pageToken } from '../ui/token';
import { useConsoleUi } from './ui-store';

/**
 * The console's one client of the control contract: the desktop app's bridge (IPC) when there is one,
 * otherwise HTTP to the loopback listener (headless host in a browser). Both implement `ControlApi`.
 */
export const control: ControlApi = shellApi() ?? createControlClient(pageToken());

type AnyResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Runs a command; a refusal or a failure lands in the console's alert region. */
export async function run<R extends AnyResult>(call: () => Promise<R>): Promise<R> {
  const ui = useConsoleUi.getState();
  ui.setBusy(true);
  const result = await call();
  ui.setBusy(false);
  ui.setError(result.ok ? null : result.error);
  return result;
}
