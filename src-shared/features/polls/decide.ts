import { LIMITS } from '../../limits.js';
import { SESSION_CLOSED_ERROR } from '../../decide-control.js';
import type { PollDefinition, PollEvent } from './events.js';
import { RATING_OPTIONS, YES_NO_OPTIONS } from './events.js';
import type { PollCommand, PollCommandInput } from './control.js';
import type { PollsState } from './fold.js';
import { POLL_REFUSALS } from '../../refusals.js';

/** The rules of polls, as pure functions of the state: the phone's ballot and the facilitator's commands. */

export { POLL_REFUSALS };

export type BallotDecision = { ok: true; events: PollEvent[] } | { ok: false; reason: string };

/** A phone's ballot (the session is open: the caller checked). The last ballot counts; the same one again is a no-op. */
export function decideBallot(
  polls: PollsState,
  deviceId: string,
  request: { id: string; pollId: string; choices: readonly number[] },
): BallotDecision {
  const p = polls.byId.get(request.pollId);
  if (!p) return { ok: false, reason: POLL_REFUSALS.unknownPoll };
  if (p.status === 'draft') return { ok: false, reason: POLL_REFUSALS.notOpenYet };
  if (p.status === 'closed') return { ok: false, reason: POLL_REFUSALS.closedPoll };
  const choices = request.choices;
  if (choices.length === 0) return { ok: false, reason: POLL_REFUSALS.emptyBallot };
  if (choices.some((c) => c >= p.options.length)) return { ok: false, reason: POLL_REFUSALS.noSuchOption };
  if (new Set(choices).size !== choices.length) return { ok: false, reason: POLL_REFUSALS.sameOptionTwice };
  if (choices.length > p.maxChoices) {
    return { ok: false, reason: p.maxChoices === 1 ? POLL_REFUSALS.onlyOne : POLL_REFUSALS.tooManyChoices(p.maxChoices) };
  }
  const sorted = [...choices].sort((a, b) => a - b);
  const before = p.ballots.get(deviceId);
  if (before && before.length === sorted.length && before.every((c, i) => c === sorted[i])) return { ok: true, events: [] };
  const type = before ? 'ballot.changed' : 'ballot.cast';
  return { ok: true, events: [{ type, pollId: p.id, deviceId, requestId: request.id, choices: sorted }] };
}

export type PollCommandDecision = { ok: true; events: PollEvent[]; pollId: string | null } | { ok: false; error: string };

export interface PollCommandContext {
  /** Whether the session is open (ballots can only be taken then), and whether it has closed. */
  sessionStatus: 'draft' | 'open' | 'closed';
  /** Phones connected now (recorded when a poll closes, for participation). */
  connected: number;
  /** Whether an agenda item exists (a poll may belong to one). */
  isAgendaItem(itemId: string): boolean;
  newId(): string;
}

type DefinitionInput = Pick<PollCommandInput<'createPoll'>, 'kind' | 'question' | 'options' | 'maxChoices'>;

/** A poll's definition from what the facilitator typed, or why it cannot be one. */
export function pollDefinition(input: DefinitionInput): { ok: true; value: PollDefinition } | { ok: false; error: string } {
  const { kind, question } = input;
  if (kind === 'yesno') return { ok: true, value: { kind, question, options: [...YES_NO_OPTIONS], maxChoices: 1 } };
  if (kind === 'rating') return { ok: true, value: { kind, question, options: [...RATING_OPTIONS], maxChoices: 1 } };
  const options = (input.options ?? []).filter((o) => o.length > 0);
  if (options.length < LIMITS.pollOptionsMin) return { ok: false, error: `Give at least ${LIMITS.pollOptionsMin} options.` };
  if (options.length > LIMITS.pollOptionsMax) return { ok: false, error: `A poll can have at most ${LIMITS.pollOptionsMax} options.` };
  const folded = options.map((o) => o.toLocaleLowerCase());
  if (new Set(folded).size !== folded.length) return { ok: false, error: 'Two options are the same.' };
  if (kind === 'single') return { ok: true, value: { kind, question, options, maxChoices: 1 } };
  const k = input.maxChoices ?? options.length;
  if (k > options.length) return { ok: false, error: `“Choose up to” can be at most the number of options (${options.length}).` };
  return { ok: true, value: { kind, question, options, maxChoices: k } };
}

const fail = (error: string): PollCommandDecision => ({ ok: false, error });

/** A facilitator's command about polls. */
export function decidePollCommand<K extends PollCommand>(
  polls: PollsState,
  command: K,
  input: PollCommandInput<K>,
  ctx: PollCommandContext,
): PollCommandDecision {
  if (ctx.sessionStatus === 'closed') return fail(SESSION_CLOSED_ERROR);
  if (command === 'createPoll') {
    const args = input as PollCommandInput<'createPoll'>;
    if (polls.byId.size >= LIMITS.pollsPerSession) return fail(`A session can have at most ${LIMITS.pollsPerSession} polls.`);
    const def = pollDefinition(args);
    if (!def.ok) return def;
    if (args.itemId && !ctx.isAgendaItem(args.itemId)) return fail('That agenda item is not on the agenda.');
    const pollId = ctx.newId();
    return {
      ok: true,
      pollId,
      events: [{ type: 'poll.created', pollId, visibility: args.visibility ?? 'live', ...def.value, ...(args.itemId ? { itemId: args.itemId } : {}) }],
    };
  }
  const pollId = (input as { pollId: string | null }).pollId;
  if (command === 'showPoll' && pollId === null) {
    const shown = polls.shown;
    return { ok: true, pollId: null, events: shown ? [{ type: 'poll.hidden', pollId: shown }] : [] };
  }
  const p = pollId ? polls.byId.get(pollId) : undefined;
  if (!p) return fail('No such poll.');
  const done = (...events: PollEvent[]): PollCommandDecision => ({ ok: true, pollId: p.id, events });
  switch (command) {
    case 'editPoll': {
      if (p.status !== 'draft') return fail('Only a draft can be edited. Duplicate the poll to run a changed one.');
      const def = pollDefinition(input as PollCommandInput<'editPoll'>);
      if (!def.ok) return def;
      return done({ type: 'poll.edited', pollId: p.id, ...def.value });
    }
    case 'openPoll':
      if (p.status === 'open') return done();
      if (p.status === 'closed') return fail('A closed poll is final. Duplicate it to run it again.');
      if (ctx.sessionStatus !== 'open') return fail('Open the session before opening a poll.');
      return done({ type: 'poll.opened', pollId: p.id });
    case 'closePoll':
      if (p.status === 'closed') return done();
      if (p.status === 'draft') return fail('This poll has not been opened.');
      return done({ type: 'poll.closed', pollId: p.id, connected: ctx.connected });
    case 'duplicatePoll': {
      if (polls.byId.size >= LIMITS.pollsPerSession) return fail(`A session can have at most ${LIMITS.pollsPerSession} polls.`);
      const copy = ctx.newId();
      const { kind, question, options, maxChoices, visibility } = p;
      return {
        ok: true,
        pollId: copy,
        events: [
          {
            type: 'poll.created',
            pollId: copy,
            kind,
            question,
            options: [...options],
            maxChoices,
            visibility,
            duplicateOf: p.id,
            ...(p.itemId ? { itemId: p.itemId } : {}),
          },
        ],
      };
    }
    case 'setPollVisibility': {
      const visibility = (input as PollCommandInput<'setPollVisibility'>).visibility;
      return visibility === p.visibility ? done() : done({ type: 'poll.visibility', pollId: p.id, visibility });
    }
    case 'showPoll':
      if (p.status === 'draft') return fail('Open the poll before showing it on the projector.');
      return polls.shown === p.id ? done() : done({ type: 'poll.shown', pollId: p.id });
  }
  return fail('Unknown command.');
}
