import {
  CONTROL_TOKEN_HEADER,
  type ControlApi,
  type ControlCommand,
  type ControlInput,
  type ControlResult,
} from '../../src-shared/control';
import { PATHS } from '../../src-shared/endpoints';

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

function isResult(body: unknown): body is ControlResult<ControlCommand> {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as { ok?: unknown; error?: unknown };
  return b.ok === true || (b.ok === false && typeof b.error === 'string');
}

/**
 * The console's client of the control contract over HTTP (loopback listener): POST /api/<command> with the
 * token header. Never throws: network failures and odd answers come back as `{ ok: false, error }`.
 */
export function createControlClient(token: string, fetchImpl: Fetch = (u, i) => fetch(u, i)) {
  async function call<K extends ControlCommand>(command: K, input: ControlInput<K>): Promise<ControlResult<K>> {
    let response: Response;
    try {
      response = await fetchImpl(`${PATHS.control}${command}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTROL_TOKEN_HEADER]: token },
        body: JSON.stringify(input),
      });
    } catch {
      return { ok: false, error: 'Could not reach the host. Is Open Floor still running?' };
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // fall through: not JSON
    }
    if (isResult(body)) return body as ControlResult<K>;
    return { ok: false, error: `The host answered ${response.status} ${response.statusText}`.trim() + '.' };
  }

  return {
    createSession: (input) => call('createSession', input),
    openSession: (input) => call('openSession', input),
    closeSession: (input) => call('closeSession', input),
    setPremoderation: (input) => call('setPremoderation', input),
    setJoinAddress: (input) => call('setJoinAddress', input),
    approve: (input) => call('approve', input),
    hide: (input) => call('hide', input),
    setFloor: (input) => call('setFloor', input),
    markAnswered: (input) => call('markAnswered', input),
  } satisfies ControlApi;
}

export type ControlClient = ReturnType<typeof createControlClient>;
