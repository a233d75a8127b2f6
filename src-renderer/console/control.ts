import { createControlClient } from '../ui/control-client';
import { pageToken } from '../ui/token';
import { useConsoleUi } from './ui-store';

/** The console's one client of the control contract. */
export const control = createControlClient(pageToken());

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
