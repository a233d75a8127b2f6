import type { Actor, LoggedEvent } from '../events.js';
import { fold } from '../fold.js';
import type { SessionState } from '../state.js';
import { canonicalJson } from '../hash-chain.js';
import { chainEntries, PUBLIC_RECORD_FORMAT, PUBLIC_RECORD_VERSION, type PublicActor, type PublicRecord, type Sha256Hex } from './public-chain.js';
import { publicFields, type FieldContext } from './public-fields.js';

/**
 * The public record of a session: one entry per logged event, keeping what the public may know (see
 * public-fields.ts), each with the original event's hash and its own hash chain. A pure function of the
 * log: anyone holding the full archive derives the same record byte for byte (`matchesArchive`), and
 * events appended later (written answers after the meeting) only add entries at the end, as long as they
 * do not change which questions are public. `state`: the log already folded, when the caller has it.
 */
export function buildPublicRecord(events: readonly LoggedEvent[], sha?: Sha256Hex, state: SessionState = fold(events)): PublicRecord {
  const lastEdit = new Map<string, number>();
  const phones = new Map<string, string>();
  for (const e of events) {
    if (e.body.type === 'question.edited') lastEdit.set(e.body.questionId, e.seq);
    if (e.body.type === 'device.joined' && !phones.has(e.body.deviceId)) phones.set(e.body.deviceId, `phone ${phones.size + 1}`);
  }
  const ctx: FieldContext = { state, lastEdit, phone: (id) => phones.get(id) ?? 'phone' };
  const entries = chainEntries(
    events.map((e) => ({ seq: e.seq, at: e.at, type: e.body.type, by: publicActor(e.actor), fields: publicFields(e.body, ctx, e.seq), sourceHash: e.hash })),
    sha,
  );
  return {
    format: PUBLIC_RECORD_FORMAT,
    version: PUBLIC_RECORD_VERSION,
    session: {
      id: state.id,
      title: state.title,
      place: state.place,
      timeZone: state.timeZone,
      status: state.status,
      createdAt: state.createdAt,
      openedAt: state.openedAt,
      closedAt: state.closedAt,
    },
    sourceFinalHash: events.at(-1)?.hash ?? '',
    finalHash: entries.at(-1)?.hash ?? '',
    entries,
  };
}

const publicActor = (actor: Actor): PublicActor => (actor === 'facilitator' || actor === 'host' ? actor : 'phone');

/** The published file: one entry per line, so a changed byte is easy to find and a re-publish diffs well. */
export function renderPublicRecordJson(record: PublicRecord): string {
  const { entries, ...head } = record;
  const lines = entries.map((e) => `    ${JSON.stringify(e)}`);
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/**
 * True when `published` is exactly what the full log derives (an archive's verified events): the
 * published record hides nothing of the log's order and adds nothing.
 */
export function matchesLog(published: unknown, events: readonly LoggedEvent[]): { ok: true } | { ok: false; badSeq: number | null; reason: string } {
  const derived = buildPublicRecord(events);
  const p = published as Partial<PublicRecord> | null;
  if (!p || !Array.isArray(p.entries)) return { ok: false, badSeq: null, reason: 'not a public record' };
  for (let i = 0; i < Math.max(p.entries.length, derived.entries.length); i++) {
    const a = derived.entries[i];
    const b = p.entries[i];
    if (!a || !b || canonicalJson(a) !== canonicalJson(b)) {
      return { ok: false, badSeq: a?.seq ?? b?.seq ?? null, reason: !a ? 'the public record has more entries than the log' : !b ? 'the public record stops before the log' : 'entry differs from what the log derives' };
    }
  }
  if (p.finalHash !== derived.finalHash || p.sourceFinalHash !== derived.sourceFinalHash) return { ok: false, badSeq: null, reason: 'final hashes differ' };
  return { ok: true };
}
