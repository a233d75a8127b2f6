import { stringify } from 'csv-stringify/sync';
import type { LoggedEvent } from '../../../src-shared/events.js';
import { fold } from '../../../src-shared/fold.js';
import { isoDateTime } from '../../../src-shared/minutes/format.js';
import type { Minutes, QuestionOutcome } from '../../../src-shared/minutes/model.js';

/**
 * The two CSV exports. They live in the host, not in src-shared, because csv-stringify's sync API uses
 * Node's `Buffer` (and its types pull in `stream`).
 *
 * - `renderQuestionsCsv`: one row per question of the minutes (approved, in the order asked).
 * - `renderEventsCsv`: one row per event of the log, with unpublished questions' text and device ids left out (the
 *   JSON archive is the only export that carries it).
 *
 * Both start with a UTF-8 byte order mark (so Excel reads accents, RTL scripts and emoji right), use
 * CRLF line ends, and neutralise formula injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading `'`, so spreadsheets show it as text and never evaluate it.
 * Numbers are written as numbers.
 */

const FORMULA_START_REGEX = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START_REGEX.test(value) ? `'${value}` : value;
}

type Cell = string | number;

export function toCsv(header: readonly string[], rows: readonly Cell[][]): string {
  const safe = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? neutralizeCell(cell) : cell)));
  return stringify([[...header], ...safe], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

const OUTCOME_TEXT: Record<QuestionOutcome, string> = {
  'answered-live': 'answered live',
  'answered-in-writing': 'answered in writing',
  open: 'open',
};

export const QUESTION_COLUMNS = [
  'number',
  'question',
  'name',
  'asked_at',
  'votes',
  'status',
  'answered_at',
  'written_reply',
  'on_floor_at',
  'question_id',
  'edited',
  'merged_duplicates',
] as const;

export function renderQuestionsCsv(m: Minutes): string {
  const tz = m.session.timeZone;
  const when = (at: number | null) => (at === null ? '' : isoDateTime(at, tz));
  return toCsv(
    QUESTION_COLUMNS,
    m.questions.map((q) => [
      q.number,
      q.text,
      q.name,
      when(q.askedAt),
      q.votes,
      OUTCOME_TEXT[q.outcome],
      when(q.answeredAt),
      q.reply ?? '',
      when(q.floorAt),
      q.id,
      q.edited ? 'yes' : '',
      q.merged ?? 0,
    ]),
  );
}

export const EVENT_COLUMNS = ['seq', 'time', 'type', 'actor', 'question_id', 'text', 'name', 'details', 'hash'] as const;

/** Stands in for the text of a hidden question in every export but the JSON archive. */
export const HIDDEN_TEXT = '[hidden by the moderator; kept in the JSON archive]';
/** Questions the public never saw (withdrawn by the asker, still waiting for the moderator). */
export const UNPUBLISHED_TEXT = '[not published; kept in the JSON archive]';

/**
 * The events table is a public record too: text the public never saw is left out, device ids become
 * "Phone N" (join order), and votes carry no device at all, so nobody can read from the file how a named
 * asker voted. The JSON archive keeps everything (it is what the hash chain covers).
 */
export function renderEventsCsv(events: readonly LoggedEvent[]): string {
  const state = fold(events);
  const tz = state.timeZone;
  const labels = new Map<string, string>();
  for (const e of events) if (e.body.type === 'device.joined') labels.set(e.body.deviceId, `Phone ${labels.size + 1}`);
  const rows = events.map((e): Cell[] => {
    const body = e.body as Record<string, unknown> & { type: string };
    const questionId = typeof body.questionId === 'string' ? body.questionId : '';
    const moderation = questionId !== '' ? state.questions.get(questionId)?.moderation : undefined;
    // A moderator's edit replaces the asker's text in every public file (the archive keeps both).
    const current = questionId !== '' ? state.questions.get(questionId) : undefined;
    const edited = current?.original && (body.type === 'question.asked' || body.type === 'question.edited') ? current : null;
    const gone = typeof body.speakerId === 'string' && isWithdrawnSignUp(state, body.speakerId);
    const redacted = moderation === 'hidden' ? HIDDEN_TEXT : moderation === 'withdrawn' || moderation === 'pending' || gone ? UNPUBLISHED_TEXT : null;
    // Ballots, like votes, name no device and carry no answer: no public file shows how a device answered.
    const isBallot = body.type === 'ballot.cast' || body.type === 'ballot.changed';
    const isVote = body.type === 'vote.cast' || body.type === 'vote.withdrawn' || isBallot;
    const deviceId = typeof body.deviceId === 'string' ? body.deviceId : '';
    const actor = e.actor.startsWith('device:') ? (isVote ? 'attendee' : (labels.get(deviceId) ?? 'attendee')) : e.actor;
    let text = '';
    let name = '';
    const details: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(body)) {
      if (key === 'type' || key === 'questionId' || key === 'requestId' || (isBallot && key === 'choices')) continue;
      if (key === 'deviceId') {
        if (!isVote) details.device = labels.get(String(value)) ?? 'attendee';
      } else if (key === 'text' || key === 'reply' || key === 'title') text = redacted ?? (edited && key === 'text' ? edited.text : String(value));
      else if (key === 'name' || key === 'facilitator') name = redacted ? '' : edited && key === 'name' ? edited.name : String(value);
      else if (key === 'subject') details[key] = redacted ?? value;
      // Filter words are not published: they would repeat what was held, or the facilitator's own list.
      else if (key === 'held' || key === 'words') continue;
      // Nor which slip let which phone in: a slip's number could name the person who was handed it.
      else if (key === 'paperCode') continue;
      else details[key] = value;
    }
    return [e.seq, isoDateTime(e.at, tz), body.type, actor, questionId, text, name, Object.keys(details).length > 0 ? JSON.stringify(details) : '', e.hash];
  });
  return toCsv(EVENT_COLUMNS, rows);
}

/** A sign-up to speak that was withdrawn or removed before being called: its name and subject stay unpublished. */
function isWithdrawnSignUp(state: ReturnType<typeof fold>, speakerId: string): boolean {
  const status = state.agenda.speakers.get(speakerId)?.status;
  return status === 'withdrawn' || status === 'removed';
}
