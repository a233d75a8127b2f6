import type { EventBody, EventType } from '../events.js';
import type { SessionState } from '../state.js';
import { isPublic } from '../features/questions/fold.js';

/**
 * What the public record keeps of each event (docs/ARCHITECTURE.md, "Publishing the record"). Default:
 * nothing but the type. A type not listed here (a feature added later) is published as "an event of this
 * type happened", until someone decides which of its fields are public.
 *
 * Never kept: device ids (a number that follows a phone would tie an anonymous question or a vote to a
 * named one: phones are numbered on joining only), request ids, paper-code numbers, the filter's words,
 * and the text of any question, reply, speaker or poll the public minutes do not show.
 */
type Body = Record<string, unknown>;

/** Fields always public, by event type. */
const PICK: Partial<Record<EventType, readonly string[]>> = {
  'session.created': ['sessionId', 'title', 'place', 'timeZone', 'facilitator'],
  'settings.changed': ['premoderation'],
  'attendance.peak': ['connected'],
  'question.approved': ['questionId'],
  'question.hidden': ['questionId'],
  'question.withdrawn': ['questionId'],
  'floor.set': ['questionId'],
  'vote.cast': ['questionId'],
  'vote.withdrawn': ['questionId'],
  'question.merged': ['questionId', 'into'],
  'question.unmerged': ['questionId', 'from'],
  'filter.changed': ['on'],
  'agenda.itemAdded': ['itemId', 'title', 'description', 'speakingMs', 'publicComment', 'maxSpeakers'],
  'agenda.itemEdited': ['itemId', 'title', 'description', 'speakingMs', 'publicComment', 'maxSpeakers'],
  'agenda.itemMoved': ['itemId', 'index'],
  'agenda.itemRemoved': ['itemId'],
  'agenda.currentSet': ['itemId'],
  'agenda.questionMoved': ['questionId', 'itemId'],
  'speaker.withdrew': ['speakerId'],
  'speaker.moved': ['speakerId', 'index'],
  'speaker.called': ['speakerId'],
  'speaker.absent': ['speakerId'],
  'speaker.done': ['speakerId'],
  'speaker.removed': ['speakerId'],
  'signup.closed': ['itemId'],
  'signup.reopened': ['itemId'],
  'timer.started': ['speakerId', 'allowedMs'],
  'timer.extended': ['ms'],
  'poll.visibility': ['pollId', 'visibility'],
  'poll.opened': ['pollId'],
  'poll.closed': ['pollId', 'connected'],
  'poll.shown': ['pollId'],
  'poll.hidden': ['pollId'],
  'ballot.cast': ['pollId', 'choices'],
  'ballot.changed': ['pollId', 'choices'],
  'paperCodes.required': ['on'],
  'remoteAttendees.set': ['open'],
  'paperCodes.issued': ['count'],
  // After the meeting (issue 19): written follow-up, carried questions, the record's address, comments.
  'followup.written': ['questionId', 'outcome', 'text', 'by', 'writtenIn'],
  'followup.carried': ['questionId', 'toSessionId', 'toTitle'],
  'followup.carried-in': ['questionId', 'fromSessionId', 'fromTitle', 'fromDate', 'number', 'text', 'name', 'votes', 'askedAt', 'itemTitle'],
  'publication.set': ['url', 'when'],
};

/** What the derivation knows of the whole log (its final state) and of the event's place in it. */
export interface FieldContext {
  state: SessionState;
  /** Per question, the seq of its last `question.edited` (the text the minutes show). */
  lastEdit: ReadonlyMap<string, number>;
  /** "phone 1", "phone 2"… in order of joining. */
  phone: (deviceId: string) => string;
}

function pick(body: Body, keys: readonly string[]): Body {
  const out: Body = {};
  for (const k of keys) if (body[k] !== undefined) out[k] = body[k];
  return out;
}

/** Why a question's words are not published (its state when the record is made), or null if they are. */
function withheld(ctx: FieldContext, questionId: string): string | null {
  const q = ctx.state.questions.get(questionId);
  if (!q) return 'unknown';
  if (isPublic(q)) return null;
  return q.mergedInto !== null ? 'merged' : q.moderation;
}

type Special = (body: Body, ctx: FieldContext, seq: number) => Body;

const question = (body: Body, ctx: FieldContext): Body => {
  const id = String(body.questionId);
  const why = withheld(ctx, id);
  if (why !== null) return { questionId: id, withheld: why };
  if (ctx.lastEdit.has(id)) return { questionId: id, edited: true };
  return { questionId: id, text: body.text, name: body.name };
};

const edit = (body: Body, ctx: FieldContext, seq: number): Body => {
  const id = String(body.questionId);
  const shown = withheld(ctx, id) === null && ctx.lastEdit.get(id) === seq;
  return shown ? { questionId: id, text: body.text, name: body.name } : { questionId: id };
};

const answer = (body: Body, ctx: FieldContext): Body => {
  const id = String(body.questionId);
  if (typeof body.reply !== 'string') return { questionId: id };
  return withheld(ctx, id) === null ? { questionId: id, reply: body.reply } : { questionId: id, inWriting: true };
};

const speaker = (body: Body, ctx: FieldContext): Body => {
  const base = pick(body, ['speakerId', 'itemId', 'interpreter']);
  const called = ctx.state.agenda.speakers.get(String(body.speakerId))?.calledAt != null;
  return called ? { ...base, name: body.name, subject: body.subject } : base;
};

const poll = (body: Body, ctx: FieldContext): Body => {
  const base = pick(body, ['pollId', 'visibility', 'itemId', 'duplicateOf', 'kind', 'maxChoices']);
  const opened = ctx.state.polls.byId.get(String(body.pollId))?.openedAt != null;
  return opened ? { ...base, question: body.question, options: body.options } : base;
};

const SPECIAL: Partial<Record<EventType, Special>> = {
  'question.asked': question,
  'question.edited': edit,
  'question.answered': answer,
  'speaker.signedUp': speaker,
  'speaker.added': speaker,
  'poll.created': poll,
  'poll.edited': poll,
  // A muted phone's comment is not in the minutes: the record says only that one was written.
  'comment.written': (body) =>
    body.muted ? { commentId: body.commentId, itemId: body.itemId, withheld: 'muted' } : { commentId: body.commentId, itemId: body.itemId, text: body.text, name: body.name },
  // Whether it came from outside the room is public (the minutes count it); its language is not published.
  'device.joined': (body, ctx) => ({
    phone: ctx.phone(String(body.deviceId)),
    ...(body.paperCode !== undefined ? { withPaperCode: true } : {}),
    ...(body.via !== undefined ? { via: body.via } : {}),
  }),
};

export function publicFields(body: EventBody, ctx: FieldContext, seq: number): Body {
  const type = body.type;
  const special = SPECIAL[type];
  if (special) return special(body as unknown as Body, ctx, seq);
  const keys = PICK[type];
  return keys ? pick(body as unknown as Body, keys) : {};
}
