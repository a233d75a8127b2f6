import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor, EventBody, LoggedEvent } from './events.js';

/** The hash that stands before the first event of every session's log. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(prevHash: string, seq: number, at: number, actor: Actor, body: EventBody): string {
  const payload = canonicalJson({ seq, at, actor, body });
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${payload}`)));
}

export function chainEvent(
  prev: Pick<LoggedEvent, 'seq' | 'hash'> | null,
  at: number,
  actor: Actor,
  body: EventBody,
): LoggedEvent {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  return { seq, at, actor, body, prevHash, hash: eventHash(prevHash, seq, at, actor, body) };
}

export type ChainCheck =
  | { ok: true; count: number; finalHash: string }
  | { ok: false; count: number; badSeq: number; reason: string };

/** Verifies a whole log: sequence numbers, links and every hash. Names the first event that fails. */
export function verifyChain(events: readonly LoggedEvent[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) {
      return { ok: false, count: events.length, badSeq: e.seq, reason: `expected event #${expectedSeq}` };
    }
    if (e.prevHash !== prevHash) {
      return { ok: false, count: events.length, badSeq: e.seq, reason: 'link to the previous event is broken' };
    }
    if (eventHash(prevHash, e.seq, e.at, e.actor, e.body) !== e.hash) {
      return { ok: false, count: events.length, badSeq: e.seq, reason: 'content does not match its hash' };
    }
    prevHash = e.hash;
    expectedSeq++;
  }
  return { ok: true, count: events.length, finalHash: prevHash };
}
