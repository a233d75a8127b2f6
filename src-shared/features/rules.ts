import type { z } from 'zod';
import type { EventBody, EventType, FoldedEvent } from '../events.js';
import type { SessionState } from '../state.js';

/**
 * The shape of every feature's rules (DESIGN principle: decisions are pure functions of the folded state).
 * A rule is typed by its own schema: it receives exactly what that schema parsed, and answers events to
 * record, or a refusal in plain words. The maps below are keyed by command or request kind, so a missing
 * or misspelt rule is a compile error, and no rule ever casts its input.
 */

/** What a facilitator's command rule reads. */
export interface ControlContext {
  state: SessionState;
  /** Phones connected now (a poll records it when it closes): counted only by the rule that asks. */
  connected(): number;
  newId(): string;
}

/** What a command decided: the events to record (none: nothing to change), and the command's answer. */
export type ControlDecision<V> = { ok: true; events: EventBody[]; value: V } | { ok: false; error: string };

/** Schemas keyed by command name. */
export type Schemas = Record<string, z.ZodType>;

/** One rule per command of `I`, answering that command's output in `O`. */
export type ControlRules<I extends Schemas, O extends { [K in keyof I]: unknown }> = {
  [K in keyof I]: (ctx: ControlContext, input: z.output<I[K]>) => ControlDecision<O[K]>;
};

/** What a phone request's rule reads (the session is open: the caller checked). */
export interface PhoneContext {
  state: SessionState;
  deviceId: string;
  newId(): string;
}

/** A phone request's decision; `questionId` names the question an `ask` created (its receipt carries it). */
export type PhoneDecision = { ok: true; events: EventBody[]; questionId?: string } | { ok: false; reason: string };

/** One rule per request kind of `R` (schemas keyed by their `kind`). */
export type PhoneRules<R extends Schemas> = {
  [K in keyof R]: (ctx: PhoneContext, request: z.output<R[K]>) => PhoneDecision;
};

/** A decision with no events and the given answer. */
export const unchanged = <V>(value: V): ControlDecision<V> => ({ ok: true, events: [], value });
/** A decision recording `events` and answering `value`. */
export const recorded = <V>(value: V, ...events: EventBody[]): ControlDecision<V> => ({ ok: true, events, value });
/** A refused command. */
export const refused = (error: string): { ok: false; error: string } => ({ ok: false, error });

/**
 * A feature as the registry (`registry.ts`) knows it: the events it writes, its part of the fold, and its
 * rules for phone requests and facilitator commands (keyed maps, typed by their schemas).
 */
export interface Feature {
  name: string;
  /** Every event type it writes (the log's reader accepts exactly the registered types). */
  events: Partial<Record<EventType, true>>;
  /** Applies one event to its part of the state, in place (every feature sees every event). */
  fold(state: SessionState, event: FoldedEvent): void;
  phone?: object;
  control?: object;
}
