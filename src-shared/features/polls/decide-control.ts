import { LIMITS } from '../../limits.js';
import { recorded, refused, unchanged, type ControlContext, type ControlDecision, type ControlRules } from '../rules.js';
import type { PollDefinition } from './events.js';
import { RATING_OPTIONS, YES_NO_OPTIONS } from './events.js';
import type { pollControlInputs, PollControlOutputs } from './control.js';
import type { PollState } from './fold.js';
import type { z } from 'zod';

/** The facilitator's poll commands, as pure rules over the session's state. */

type DefinitionInput = Pick<z.output<(typeof pollControlInputs)['createPoll']>, 'kind' | 'question' | 'options' | 'maxChoices'>;

/** A poll's definition from what the facilitator typed, or why it cannot be one. */
function pollDefinition(input: DefinitionInput): { ok: true; value: PollDefinition } | { ok: false; error: string } {
  const { kind, question } = input;
  if (kind === 'yesno') return { ok: true, value: { kind, question, options: [...YES_NO_OPTIONS], maxChoices: 1 } };
  if (kind === 'rating') return { ok: true, value: { kind, question, options: [...RATING_OPTIONS], maxChoices: 1 } };
  const options = (input.options ?? []).filter((o) => o.length > 0);
  if (options.length < LIMITS.pollOptionsMin) return refused(`Give at least ${LIMITS.pollOptionsMin} options.`);
  if (options.length > LIMITS.pollOptionsMax) return refused(`A poll can have at most ${LIMITS.pollOptionsMax} options.`);
  const folded = options.map((o) => o.toLocaleLowerCase());
  if (new Set(folded).size !== folded.length) return refused('Two options are the same.');
  if (kind === 'single') return { ok: true, value: { kind, question, options, maxChoices: 1 } };
  const k = input.maxChoices ?? options.length;
  if (k > options.length) return refused(`“Choose up to” can be at most the number of options (${options.length}).`);
  return { ok: true, value: { kind, question, options, maxChoices: k } };
}

type Answer = ControlDecision<{ pollId: string }>;

const tooManyPolls = ({ state }: ControlContext): boolean => state.polls.byId.size >= LIMITS.pollsPerSession;
const TOO_MANY = `A session can have at most ${LIMITS.pollsPerSession} polls.`;

/** A rule about a poll that exists. */
const onPoll =
  <I extends { pollId: string }>(rule: (ctx: ControlContext, p: PollState, input: I) => Answer) =>
  (ctx: ControlContext, input: I): Answer => {
    const p = ctx.state.polls.byId.get(input.pollId);
    return p ? rule(ctx, p, input) : refused('No such poll.');
  };

const showPoll = onPoll(({ state }, p) => {
  if (p.status === 'draft') return refused('Open the poll before showing it on the projector.');
  return state.polls.shown === p.id ? unchanged({ pollId: p.id }) : recorded({ pollId: p.id }, { type: 'poll.shown', pollId: p.id });
});

export const POLL_RULES: ControlRules<typeof pollControlInputs, PollControlOutputs> = {
  createPoll: (ctx, input) => {
    if (tooManyPolls(ctx)) return refused(TOO_MANY);
    const def = pollDefinition(input);
    if (!def.ok) return def;
    if (input.itemId && !ctx.state.agenda.items.has(input.itemId)) return refused('That agenda item is not on the agenda.');
    const pollId = ctx.newId();
    const itemId = input.itemId ? { itemId: input.itemId } : {};
    return recorded({ pollId }, { type: 'poll.created', pollId, visibility: input.visibility ?? 'live', ...def.value, ...itemId });
  },
  editPoll: onPoll((_ctx, p, input) => {
    if (p.status !== 'draft') return refused('Only a draft can be edited. Duplicate the poll to run a changed one.');
    const def = pollDefinition(input);
    if (!def.ok) return def;
    return recorded({ pollId: p.id }, { type: 'poll.edited', pollId: p.id, ...def.value });
  }),
  openPoll: onPoll(({ state }, p) => {
    if (p.status === 'open') return unchanged({ pollId: p.id });
    if (p.status === 'closed') return refused('A closed poll is final. Duplicate it to run it again.');
    if (state.status !== 'open') return refused('Open the session before opening a poll.');
    return recorded({ pollId: p.id }, { type: 'poll.opened', pollId: p.id });
  }),
  closePoll: onPoll(({ connected }, p) => {
    if (p.status === 'closed') return unchanged({ pollId: p.id });
    if (p.status === 'draft') return refused('This poll has not been opened.');
    return recorded({ pollId: p.id }, { type: 'poll.closed', pollId: p.id, connected: connected() });
  }),
  duplicatePoll: onPoll((ctx, p) => {
    if (tooManyPolls(ctx)) return refused(TOO_MANY);
    const copy = ctx.newId();
    const { kind, question, options, maxChoices, visibility } = p;
    const itemId = p.itemId ? { itemId: p.itemId } : {};
    return recorded({ pollId: copy }, { type: 'poll.created', pollId: copy, kind, question, options: [...options], maxChoices, visibility, duplicateOf: p.id, ...itemId });
  }),
  setPollVisibility: onPoll((_ctx, p, { visibility }) =>
    visibility === p.visibility ? unchanged({ pollId: p.id }) : recorded({ pollId: p.id }, { type: 'poll.visibility', pollId: p.id, visibility }),
  ),
  showPoll: (ctx, { pollId }) => {
    if (pollId !== null) return showPoll(ctx, { pollId });
    const shown = ctx.state.polls.shown;
    return shown ? recorded({ pollId: null }, { type: 'poll.hidden', pollId: shown }) : unchanged({ pollId: null });
  },
};
