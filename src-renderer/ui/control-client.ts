import {
  CONTROL_TOKEN_HEADER,
  type ControlApi,
  type ControlCommand,
  type ControlInput,
  type ControlResult,
} from '../../src-shared/control';
import { PATHS } from '../../src-shared/endpoints';

import { agendaClient } from './agenda-client';
import { postJson, type Fetch } from './post-json';
import { t } from './i18n';

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
    const answer = await postJson(`${PATHS.control}${command}`, input, { [CONTROL_TOKEN_HEADER]: token }, fetchImpl);
    if (!answer.reached) return { ok: false, error: t('console.hostUnreachable') };
    if (isResult(answer.body)) return answer.body as ControlResult<K>;
    return { ok: false, error: t('console.hostAnswered', { status: `${answer.status} ${answer.statusText}`.trim() }) };
  }

  return {
    createSession: (input) => call('createSession', input),
    openSession: (input) => call('openSession', input),
    closeSession: (input) => call('closeSession', input),
    setPremoderation: (input) => call('setPremoderation', input),
    setJoinAddress: (input) => call('setJoinAddress', input),
    venueStatus: (input) => call('venueStatus', input),
    approve: (input) => call('approve', input),
    hide: (input) => call('hide', input),
    setFloor: (input) => call('setFloor', input),
    markAnswered: (input) => call('markAnswered', input),
    editQuestion: (input) => call('editQuestion', input),
    mergeQuestion: (input) => call('mergeQuestion', input),
    unmergeQuestion: (input) => call('unmergeQuestion', input),
    muteAsker: (input) => call('muteAsker', input),
    unmuteAsker: (input) => call('unmuteAsker', input),
    setProfanityFilter: (input) => call('setProfanityFilter', input),
    setCustomWords: (input) => call('setCustomWords', input),
    setDisplay: (input) => call('setDisplay', input),
    createPoll: (input) => call('createPoll', input),
    editPoll: (input) => call('editPoll', input),
    openPoll: (input) => call('openPoll', input),
    closePoll: (input) => call('closePoll', input),
    duplicatePoll: (input) => call('duplicatePoll', input),
    setPollVisibility: (input) => call('setPollVisibility', input),
    showPoll: (input) => call('showPoll', input),
    ...agendaClient(call),
    phonesPerAddress: (input) => call('phonesPerAddress', input),
    requirePaperCodes: (input) => call('requirePaperCodes', input),
    issuePaperCodes: (input) => call('issuePaperCodes', input),
    followUpView: (input) => call('followUpView', input),
    writeFollowUp: (input) => call('writeFollowUp', input),
    setPublication: (input) => call('setPublication', input),
    dialogueMeasures: (input) => call('dialogueMeasures', input),
    setRemoteAttendees: (input) => call('setRemoteAttendees', input),
  } satisfies ControlApi;
}

