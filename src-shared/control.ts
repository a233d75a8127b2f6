import { z } from 'zod';
import { ID_REGEX } from './ids.js';
import { LIMITS } from './limits.js';
import { moderationInputs, type ModerationOutputs } from './features/moderation/control.js';
import { pollControlInputs, type PollControlOutputs } from './features/polls/control.js';
import { cleanText, charCount } from './text.js';
import type { VenueStatus } from './venue.js';
import { agendaControlInputs, type AgendaControlOutputs } from './features/agenda/control.js';
import { paperCodeControlInputs, type PaperCodeControlOutputs } from './features/paper-codes/control.js';

/**
 * The one contract between the console/projector and the host. The HTTP client (headless) and the
 * Electron preload both implement `ControlApi`; the host implements a handler for every command.
 */

const id = z.string().regex(ID_REGEX);
const shortText = (max: number, what: string) =>
  z
    .string()
    .max(max * 4)
    .transform(cleanText)
    .refine((t) => charCount(t) <= max, { message: `${what} can be at most ${max} characters.` });

export const controlInputs = {
  createSession: z.object({
    title: shortText(LIMITS.sessionTitleMax, 'The title').refine((t) => t.length > 0, {
      message: 'Give the session a title.',
    }),
    place: shortText(LIMITS.placeMax, 'The place').optional(),
    facilitator: shortText(LIMITS.nameMax, 'The facilitator’s name').optional(),
  }),
  openSession: z.object({}),
  closeSession: z.object({}),
  setPremoderation: z.object({ on: z.boolean() }),
  setJoinAddress: z.object({ address: z.string().max(64) }),
  /** Venue readiness: addresses, the phone test, whether phones arrive, transport health. Reads only. */
  venueStatus: z.object({}),
  approve: z.object({ questionId: id }),
  hide: z.object({ questionId: id }),
  setFloor: z.object({ questionId: id.nullable() }),
  /**
   * New phones one network address may add to the session (venues behind NAT raise it). Without `max`,
   * only reads the setting and the addresses with several phones.
   */
  phonesPerAddress: z.object({
    max: z.number().int().min(1, 'Allow at least one phone per address.').max(LIMITS.phonesPerAddressMax, `At most ${LIMITS.phonesPerAddressMax}.`).optional(),
  }),
  /** Without a reply: answered live. With one: answered in writing (the reply goes into the minutes). */
  markAnswered: z.object({
    questionId: id,
    reply: shortText(LIMITS.replyTextMax, 'A written reply').optional(),
  }),
  ...moderationInputs,
  /** Polls (issue 8): src-shared/features/polls/control.ts. */
  ...pollControlInputs,
  ...agendaControlInputs,
  /** Single-use paper codes (issue 9): src-shared/features/paper-codes/control.ts. */
  ...paperCodeControlInputs,
} as const;

export type ControlCommand = keyof typeof controlInputs;
export type ControlInput<K extends ControlCommand> = z.input<(typeof controlInputs)[K]>;
export type ControlParsedInput<K extends ControlCommand> = z.output<(typeof controlInputs)[K]>;

/** What each command answers on success. */
export interface ControlOutputs extends ModerationOutputs, PollControlOutputs, AgendaControlOutputs, PaperCodeControlOutputs {
  createSession: { sessionId: string };
  openSession: { joinUrl: string };
  closeSession: { finalHash: string };
  setPremoderation: { on: boolean };
  setJoinAddress: { joinUrl: string };
  venueStatus: VenueStatus;
  approve: { questionId: string };
  hide: { questionId: string };
  setFloor: { questionId: string | null };
  markAnswered: { questionId: string };
  phonesPerAddress: { max: number; crowded: Array<{ address: string; phones: number }> };
}

export type ControlResult<K extends ControlCommand> =
  | { ok: true; value: ControlOutputs[K] }
  | { ok: false; error: string };

export type ControlApi = {
  [K in ControlCommand]: (input: ControlInput<K>) => Promise<ControlResult<K>>;
};

export const CONTROL_COMMANDS = Object.keys(controlInputs) as ControlCommand[];

export function isControlCommand(name: string): name is ControlCommand {
  return Object.hasOwn(controlInputs, name);
}

/** Header that carries the per-launch control token. */
export const CONTROL_TOKEN_HEADER = 'x-open-floor-token';
