import { z } from 'zod';
import { ID_REGEX } from './ids.js';
import { LIMITS } from './limits.js';
import { ballotRequest } from './features/polls/control.js';
import { charCount, cleanText } from './text.js';
import { speakerSubjectSchema } from './features/agenda/fields.js';

/**
 * What a phone may append to the `requests` array of its room document. Everything here comes from an
 * untrusted device: the host parses each entry with `parsePhoneRequest` and rejects what does not fit.
 */

const id = z.string().regex(ID_REGEX, 'not a valid id');

export const questionTextSchema = z
  .string()
  .max(LIMITS.questionTextMax * 4)
  .transform(cleanText)
  .refine((t) => charCount(t) >= 1, { message: 'The question is empty.' })
  .refine((t) => charCount(t) <= LIMITS.questionTextMax, {
    message: `A question can be at most ${LIMITS.questionTextMax} characters.`,
  });

export const nameSchema = z
  .string()
  .max(LIMITS.nameMax * 4)
  .transform((s) => cleanText(s).replace(/\s+/g, ' '))
  .refine((t) => charCount(t) <= LIMITS.nameMax, {
    message: `A name can be at most ${LIMITS.nameMax} characters.`,
  });

const askRequest = z.object({
  kind: z.literal('ask'),
  id,
  text: questionTextSchema,
  name: nameSchema.optional(),
});
const voteRequest = z.object({ kind: z.literal('vote'), id, questionId: id });
const unvoteRequest = z.object({ kind: z.literal('unvote'), id, questionId: id });
const withdrawRequest = z.object({ kind: z.literal('withdraw'), id, questionId: id });
/** Ask to speak on an agenda item (name optional, always), and withdraw before being called. */
const speakRequest = z.object({
  kind: z.literal('speak'),
  id,
  itemId: id,
  name: nameSchema.optional(),
  subject: speakerSubjectSchema.optional(),
  interpreter: z.boolean().optional(),
});
const unspeakRequest = z.object({ kind: z.literal('unspeak'), id, itemId: id });

export const phoneRequestSchema = z.discriminatedUnion('kind', [
  askRequest,
  voteRequest,
  unvoteRequest,
  withdrawRequest,
  ballotRequest,
  speakRequest,
  unspeakRequest,
]);

export type PhoneRequest = z.infer<typeof phoneRequestSchema>;
export type PhoneRequestKind = PhoneRequest['kind'];
/** What the phone writes before validation (the input side of the schema). */
export type PhoneRequestDraft = z.input<typeof phoneRequestSchema>;

export type ParsedRequest =
  | { ok: true; request: PhoneRequest }
  | { ok: false; requestId: string | null; reason: string };

export function parsePhoneRequest(raw: unknown): ParsedRequest {
  const result = phoneRequestSchema.safeParse(raw);
  if (result.success) return { ok: true, request: result.data };
  const rid =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id
      : null;
  const requestId = rid !== null && ID_REGEX.test(rid) ? rid : null;
  return { ok: false, requestId, reason: result.error.issues[0]?.message ?? 'Invalid request.' };
}

export { isFinalReceipt, type Receipt } from './receipts.js';
